import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/article-file.ts';
import { parseBody } from '../../src/markdown/syntax.ts';
import { prepareArticle } from '../../src/site/prepare.ts';

const file = path.resolve('content/articles/2026/rutte-washington-aprile.md');
const original = readFileSync(file, 'utf8');
const frontmatter = original.slice(0, original.indexOf('\n---', 4) + 5);

const BODY =
  'Il rapporto è su https://example.org/rapporto, la sintesi su www.example.com e la redazione ' +
  'risponde a desk@example.org [@primanotizia24-rutte-washington].\n\n`https://example.org/codice`\n';

function rendered(body: string): string {
  const { article, report } = checkArticle(file, new TextEncoder().encode(frontmatter + body));
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!article) throw new Error('The article did not check.');
  return prepareArticle(article).html;
}

describe('bare addresses in a body', () => {
  it('become links on the page, with external-link hygiene, as on GitHub', () => {
    const html = rendered(BODY);
    expect(html).toContain(
      '<a href="https://example.org/rapporto" rel="noopener noreferrer">https://example.org/rapporto</a>,',
    );
    expect(html).toContain(
      '<a href="http://www.example.com" rel="noopener noreferrer">www.example.com</a>',
    );
    expect(html).toContain('<a href="mailto:desk@example.org">desk@example.org</a>');
  });

  it('stay text in code', () => {
    expect(rendered(BODY)).toContain('<code>https://example.org/codice</code>');
  });

  it('are plain text in the tree check reads, which needs no links', () => {
    const tree = parseBody(BODY);
    expect(JSON.stringify(tree)).not.toContain('"type":"link"');
  });
});

/**
 * The frontmatter's JSON Schema, for editors' tools: kept current with the zod schemas, and
 * agreeing with `check` on real articles, read as an editor's YAML tool reads them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkArticle } from '../../src/article/article-file.ts';
import { frontmatterJsonSchema, JSON_SCHEMA_FILE } from '../../src/article/json-schema.ts';
import { skeleton } from '../../src/cli/skeleton.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const onDisk = JSON.parse(readFileSync(path.join(REPO, JSON_SCHEMA_FILE), 'utf8')) as Record<
  string,
  unknown
>;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(onDisk);

/** The frontmatter as a YAML editor extension reads it (plain YAML 1.2, no hardening). */
function frontmatterOf(text: string): unknown {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text.replace(/^\uFEFF/, ''));
  if (!match) throw new Error('no frontmatter');
  return YAML.parse(match[1] ?? '');
}

function articlesUnder(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(dir, name));
}

function errorsOf(data: unknown): string[] {
  validate(data);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe(JSON_SCHEMA_FILE, () => {
  it('is what `npm run schema` generates from the zod schemas (run it after changing them)', () => {
    expect(onDisk).toEqual(frontmatterJsonSchema());
  });

  it('describes every field, for the hover help of editors’ tools', () => {
    const undescribed: string[] = [];
    const visit = (schema: Record<string, unknown>, at: string) => {
      const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, field] of Object.entries(properties ?? {})) {
        if (typeof field.description !== 'string') undescribed.push(`${at}${name}`);
        const items = field.items as Record<string, unknown> | undefined;
        if (items) visit(items, `${at}${name}[].`);
      }
    };
    visit(onDisk, '');
    expect(undescribed).toEqual([]);
  });

  const valid = [
    ...articlesUnder('content/articles'),
    ...articlesUnder('tests/fixtures/site/content/articles'),
  ];

  it.each(valid)('accepts %s, which check accepts', (file) => {
    const text = readFileSync(path.join(REPO, file));
    expect(checkArticle(file, text).article).toBeDefined();
    expect(errorsOf(frontmatterOf(text.toString('utf8')))).toEqual([]);
  });

  it('accepts the complete example of the editors’ guide', () => {
    const guide = readFileSync(path.join(REPO, 'docs/editors.md'), 'utf8');
    const example = /```markdown\n(---\n[\s\S]*?\n---\n[\s\S]*?)```/.exec(guide)?.[1] ?? '';
    expect(errorsOf(frontmatterOf(example))).toEqual([]);
  });

  it('accepts a new article from `npm run new`, whose placeholders are for check to find', () => {
    const text = skeleton({
      title: 'T',
      kind: 'news',
      lang: 'en',
      topics: [],
      now: new Date('2026-06-26T09:00:00Z'),
    });
    expect(errorsOf(frontmatterOf(text))).toEqual([]);
  });

  const base = frontmatterOf(readFileSync(path.join(REPO, valid[0] ?? ''), 'utf8')) as Record<
    string,
    unknown
  >;

  it.each([
    ['a misspelt field', { sorces: [] }, 'must NOT have additional properties'],
    [
      'a kind that is not a choice',
      { kind: 'newz' },
      '/kind must be equal to one of the allowed values',
    ],
    ['a topic that is not a slug', { topics: ['Nato'] }, '/topics/0 must match pattern'],
    [
      'a time without an offset',
      { published: '2026-06-25T10:00' },
      '/published must match pattern',
    ],
    ['no sources', { sources: [] }, '/sources must NOT have fewer than 1 items'],
    [
      'a title over 200 characters',
      { title: 'x'.repeat(201) },
      '/title must NOT have more than 200 characters',
    ],
    [
      'a source with a javascript: address',
      { sources: [{ id: 'a', publisher: 'P', type: 'wire', url: 'javascript:alert(1)' }] },
      '/sources/0/url must match pattern',
    ],
  ])('rejects %s, as check does', (_, change, error) => {
    expect(errorsOf({ ...base, ...change }).join('\n')).toContain(error);
  });

  it('accepts a year written without quotes, which editors’ tools read as a number', () => {
    expect(errorsOf({ ...base, published: 2026 })).toEqual([]);
  });
});

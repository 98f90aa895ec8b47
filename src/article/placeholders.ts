/**
 * Placeholders: what `npm run new` writes where only the editor knows what goes (the dek, the
 * source, the text), marked so that no article can be published with one left in. Text holds the
 * word `TODO` in capitals; the ids and topics, which must be slugs, are `todo-source` and
 * `todo-topic`. All of them validate, so a new article's only errors are its placeholders.
 */
import type { Root } from 'mdast';
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { sourceOffset, visitProse } from '../markdown/citations.ts';
import type { Finding } from './diagnostics.ts';
import { describeOwner } from './issues.ts';
import { messages } from './messages.ts';

/** The mark in text, as a whole word in capitals: `todo` in lower case is a Spanish word. */
const IN_TEXT = /\bTODO\b/;
/** Exactly these: other slugs starting `todo-` can be Spanish (`todo-incluido`). */
export const PLACEHOLDER_SLUGS = { source: 'todo-source', topic: 'todo-topic' } as const;

const SLUGS = new Set<string>(Object.values(PLACEHOLDER_SLUGS));

export function isPlaceholder(value: string): boolean {
  return SLUGS.has(value) || IN_TEXT.test(value);
}

/** What the editor should write instead, by kind of entry and field. */
const REPLACE_WITH: Readonly<Record<string, string>> = {
  'article.title': 'the headline',
  'article.dek': 'the one-sentence standfirst',
  'article.topics': 'a topic, such as `nato`',
  'source.id':
    "a short id, and cite the source with it: `[@its-id]` (change the text's citations too)",
  'source.publisher': 'who published the source',
  'source.url': 'the web address of the source',
  'claim.sources': 'the id of one of the sources',
  'event.sources': 'the id of one of the sources',
};

type Path = (string | number)[];

/** Every string value of the frontmatter, with its path and offset in the YAML text. */
function stringValues(doc: Document.Parsed): { path: Path; value: string; offset: number }[] {
  const found: { path: Path; value: string; offset: number }[] = [];
  const walk = (node: unknown, path: Path) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        walk(item, [...path, index]);
      });
    } else if (isScalar(node) && typeof node.value === 'string') {
      found.push({ path, value: node.value, offset: node.range?.[0] ?? 0 });
    }
  };
  walk(doc.contents, []);
  return found;
}

function fieldOf(path: Path): string {
  return [...path].reverse().find((step): step is string => typeof step === 'string') ?? 'field';
}

/** Placeholders left in the frontmatter, read from the YAML so they show beside any other error. */
export function checkFrontmatterPlaceholders(
  doc: Document.Parsed | undefined,
  data: unknown,
  yamlOffset: number,
): Finding[] {
  if (!doc) return [];
  return stringValues(doc)
    .filter(({ value }) => isPlaceholder(value))
    .map(({ path, value, offset }) => {
      const field = fieldOf(path);
      const { where, kind } = describeOwner(data, path);
      return {
        offset: yamlOffset + offset,
        rule: 'placeholder',
        message: messages.placeholder(
          value,
          field,
          where,
          REPLACE_WITH[`${kind}.${field}`] ?? 'the text it stands for',
        ),
      };
    });
}

/** `TODO` left in the text's prose (not in code, where it may be what the article quotes). */
export function checkBodyPlaceholders(body: string, bodyOffset: number, tree: Root): Finding[] {
  const findings: Finding[] = [];
  visitProse(tree, (node) => {
    for (const match of node.value.matchAll(new RegExp(IN_TEXT, 'g'))) {
      findings.push({
        offset: bodyOffset + sourceOffset(node, body, match.index, match[0]),
        rule: 'placeholder',
        message: messages.placeholderInText(node.value.slice(match.index)),
      });
    }
  });
  return findings;
}

/**
 * Pandoc-style citations, `[@source-id]` and `[@a; @b]`: where they are in prose, and which ids
 * they name. Used by `check` (to report unknown ids at their place) and by the citation plugin.
 */
import type { Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

export interface CitationKey {
  readonly id: string;
  /** Offset of the `@` in the text the citation was found in. */
  readonly offset: number;
}

export interface CitationMatch {
  /** Offsets of `[` and just past `]` in the text. */
  readonly start: number;
  readonly end: number;
  readonly keys: readonly CitationKey[];
}

/** Keys are as broad as Pandoc's, so a malformed id is reported rather than ignored. */
const CITATION = /\[@[^\s;[\]@]+(?:\s*;\s*@[^\s;[\]@]+)*\]/g;
const KEY = /@([^\s;[\]@]+)/g;

/** Finds every citation group in a piece of prose. */
export function findCitations(text: string): CitationMatch[] {
  if (!text.includes('[@')) return [];
  const matches: CitationMatch[] = [];
  for (const match of text.matchAll(CITATION)) {
    const start = match.index;
    const keys: CitationKey[] = [];
    for (const key of match[0].matchAll(KEY)) {
      keys.push({ id: key[1] ?? '', offset: start + key.index });
    }
    matches.push({ start, end: start + match[0].length, keys });
  }
  return matches;
}

/** Node types whose text is not prose: code is shown as written, raw HTML is never live. */
const NOT_PROSE = new Set(['code', 'inlineCode', 'html', 'math', 'inlineMath']);

/**
 * Calls `onText` with every prose text node of a tree, in document order. Code, raw HTML and link
 * destinations are not prose.
 */
export function visitProse(tree: Root, onText: (node: Text) => void): void {
  visit(tree, (node) => {
    if (NOT_PROSE.has(node.type)) return SKIP;
    if (node.type === 'text') onText(node);
    return undefined;
  });
}

/**
 * Offset in the source of index `index` of a text node's value. Escapes and character references
 * make the value shorter than its source; then the cited text is searched for in the source.
 */
export function sourceOffset(node: Text, source: string, index: number, needle: string): number {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  if (end - start === node.value.length) return start + index;
  const found = source.slice(start, end).indexOf(needle);
  return start + (found === -1 ? 0 : found);
}

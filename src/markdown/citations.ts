/**
 * Pandoc-style citations, `[@source-id]` and `[@a; @b]`: where they are in prose, and which ids
 * they name. Used by `check` (to report unknown ids at their place) and by the citation plugin.
 */
import type { Parent, Text } from 'mdast';

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
const NOT_PROSE: ReadonlySet<string> = new Set([
  'code',
  'inlineCode',
  'html',
  'math',
  'inlineMath',
]);

/**
 * What `visitProse` calls with each prose text node. It may replace the node in its parent by
 * others, and then returns how many, so the walk goes on after them.
 */
export type OnProse = (node: Text, index: number, parent: Parent) => number | undefined;

/**
 * Calls `onText` with every prose text node of a tree, in document order. What is inside nodes of
 * the types in `notProse` (by default code, raw HTML and math) is not prose, nor are link
 * destinations. A plain loop rather than unist-util-visit: the checker and the renderer walk every
 * body four times, and visit's bookkeeping for each node was most of their cost.
 */
export function visitProse(
  parent: Parent,
  onText: OnProse,
  notProse: ReadonlySet<string> = NOT_PROSE,
): void {
  const { children } = parent;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (child === undefined || notProse.has(child.type)) continue;
    if (child.type === 'text') {
      const replacedBy = onText(child, index, parent);
      if (replacedBy !== undefined) index += replacedBy - 1;
    } else if ('children' in child) {
      visitProse(child, onText, notProse);
    }
  }
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

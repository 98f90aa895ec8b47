/**
 * The one Markdown syntax of article bodies: CommonMark with GitHub's extensions (tables,
 * footnotes, strikethrough, task lists, autolinks). `check` and the renderer both parse with this,
 * so they always agree on what is prose, what is code, and where each citation is.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

// GFM without the autolink-literal *tokenizer*: it costs more than half of all parsing time (it
// runs at nearly every word character), while the autolink transform (linkBareUrls, below) still
// links bare `https://…`, `www.…` and e-mail addresses. The only difference: a bare URL that
// contains Markdown punctuation (`*`, `_`, `~`, backticks) ends before it, so editors wrap such
// addresses in `<…>` (see docs/editors.md).
const table = gfmTable();
const extensions = [gfmFootnote(), table, gfmStrikethrough(), gfmTaskListItem()];
const extensionsWithoutTables = extensions.filter((extension) => extension !== table);
const mdastExtensions = [
  gfmFootnoteFromMarkdown(),
  gfmStrikethroughFromMarkdown(),
  gfmTableFromMarkdown(),
  gfmTaskListItemFromMarkdown(),
];

/**
 * Lines that could be a table's delimiter row once their blockquote markers and indentation are
 * set aside: only `|`, `:`, `-`, spaces and tabs. No class overlaps the one before it, so a long
 * line that fails costs one pass, not a backtrack per character.
 */
const DELIMITER_ROW_LIKE = /^[\t >]*[|:-][\t |:-]*$/gm;

/**
 * Whether a body may hold a table. A table needs a delimiter row: cells of `-` with optional `:`
 * and at least one `|` or `:` (`---` alone is a thematic break). Without one the table construct,
 * which is tried at the start of every line of every paragraph and reads it to its end, can only
 * fail: that was 6 % of a checker thread's time on a corpus where seven articles in ten have no
 * table.
 */
export function mayHoldTable(body: string): boolean {
  for (const [line] of body.matchAll(DELIMITER_ROW_LIKE))
    if (line.includes('-') && (line.includes('|') || line.includes(':'))) return true;
  return false;
}

/**
 * Parses an article body into an mdast tree with positions relative to the body's start. Bare
 * addresses are still plain text in it: see `linkBareUrls`.
 */
export function parseBody(body: string): Root {
  return fromMarkdown(body, {
    extensions: mayHoldTable(body) ? extensions : extensionsWithoutTables,
    mdastExtensions,
  });
}

const autolinkTransforms = gfmAutolinkLiteralFromMarkdown().transforms ?? [];

/**
 * Turns the bare addresses of a parsed body into links, as GitHub does: the renderer's first step.
 * No check looks at links (their text is prose either way), so `check` is spared this walk over
 * every text node, about 6% of its time.
 */
export function linkBareUrls(tree: Root): void {
  for (const transform of autolinkTransforms) transform(tree);
}

/**
 * The one Markdown syntax of article bodies: CommonMark with GitHub's extensions (tables,
 * footnotes, strikethrough, task lists, autolinks). `check` and the renderer both parse with this,
 * so they always agree on what is prose, what is code, and where each citation is.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

// GFM without the autolink-literal *tokenizer*: it costs more than half of all parsing time (it
// runs at nearly every word character), while the autolink transform in `gfmFromMarkdown` still
// links bare `https://…`, `www.…` and e-mail addresses. The only difference: a bare URL that
// contains Markdown punctuation (`*`, `_`, `~`, backticks) ends before it, so editors wrap such
// addresses in `<…>` (see docs/editors.md).
const extensions = [gfmFootnote(), gfmTable(), gfmStrikethrough(), gfmTaskListItem()];
const mdastExtensions = [gfmFromMarkdown()];

/** Parses an article body into an mdast tree with positions relative to the body's start. */
export function parseBody(body: string): Root {
  return fromMarkdown(body, { extensions, mdastExtensions });
}

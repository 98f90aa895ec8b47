/**
 * The one Markdown syntax of article bodies: CommonMark with GitHub's extensions (tables,
 * footnotes, strikethrough, autolinks). `check` and the renderer both parse with this, so they
 * always agree on what is prose, what is code, and where each citation is.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

const extensions = [gfm()];
const mdastExtensions = [gfmFromMarkdown()];

/** Parses an article body into an mdast tree with positions relative to the body's start. */
export function parseBody(body: string): Root {
  return fromMarkdown(body, { extensions, mdastExtensions });
}

import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldTable, parseBody } from '../../src/markdown/syntax.ts';

/** The body parsed with GitHub's table syntax always on: what parseBody must always equal. */
function parsedWithTables(body: string) {
  return fromMarkdown(body, {
    extensions: [gfmFootnote(), gfmTable(), gfmStrikethrough(), gfmTaskListItem()],
    mdastExtensions: [
      gfmFootnoteFromMarkdown(),
      gfmStrikethroughFromMarkdown(),
      gfmTableFromMarkdown(),
      gfmTaskListItemFromMarkdown(),
    ],
  });
}

function tables(body: string): number {
  return JSON.stringify(parseBody(body)).split('"type":"table"').length - 1;
}

describe('tables in a body', () => {
  it.each([
    ['a plain table', '| a | b |\n| - | - |\n| 1 | 2 |\n'],
    ['a table without outer pipes', 'a | b\n--- | ---\n1 | 2\n'],
    ['a one-column table', '| a |\n| --- |\n'],
    ['an aligned table', '| a | b | c |\n| :- | :-: | -: |\n'],
    ['a table after a paragraph', 'Figures [@a].\n\n| a |\n|---|\n| 1 |\n'],
    ['a table in a blockquote', '> | a | b |\n> | - | - |\n'],
    ['a table in a nested blockquote', '> > | a |\n> > | - |\n'],
    ['a table in a list item', '- item\n\n  | a | b |\n  |---|---|\n'],
    ['a table in a footnote', 'Text[^1].\n\n[^1]: Note.\n\n    | a |\n    | - |\n'],
    ['a table with CRLF line ends', '| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n'],
    ['a table indented by two spaces', '  | a |\n  | - |\n'],
    ['a delimiter row with tabs', '| a | b |\n|\t-\t|\t-\t|\n'],
  ])('are found: %s', (_, body) => {
    expect(mayHoldTable(body)).toBe(true);
    expect(tables(body)).toBe(1);
  });

  it.each([
    ['prose', 'Plain words [@a], and more words.\n\nA second paragraph.\n'],
    ['a thematic break', 'Before.\n\n---\n\nAfter.\n'],
    ['a setext heading', 'Heading\n-------\n\nText.\n'],
    ['a list of dashes', '- one\n- two\n'],
    ['pipes in prose', 'Either a | b or c | d, never both.\n'],
  ])('are not looked for where no line can be a delimiter row: %s', (_, body) => {
    expect(mayHoldTable(body)).toBe(false);
    expect(tables(body)).toBe(0);
  });

  it('parse every body exactly as with the table syntax always on', () => {
    const piece = fc.constantFrom(
      '|',
      '-',
      ':',
      '>',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\n\n',
      'a',
      'word',
      '*',
      '[^1]',
      '[^1]: ',
      '[@a]',
      '- ',
      '1. ',
      '    ',
      '`',
      '\\',
      '---',
      '| - |',
      '|:-:|',
      '\u2028',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const body = pieces.join('');
        expect(parseBody(body)).toEqual(parsedWithTables(body));
      }),
      { numRuns: 3000 },
    );
  });

  // With backtracking, these lines would take minutes and the test would time out.
  it('reads long lines that are not delimiter rows in one pass each', () => {
    const body = `${' '.repeat(200_000)}x\n${'>'.repeat(200_000)}x\n${'-'.repeat(200_000)}x\n`;
    expect(mayHoldTable(body)).toBe(false);
  });
});

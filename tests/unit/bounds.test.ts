/**
 * The bounds on Markdown bodies (src/markdown/bounds.ts): every shape known to make micromark slow
 * or to overflow the stack is refused by a linear pre-scan, at its place, before the parser sees
 * it; ordinary text and everything an editor plausibly writes passes; and the costliest bodies the
 * bounds still let through parse and render in well under a second.
 */
import { describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/article-file.ts';
import {
  findExcess,
  findTooDeep,
  MAX_BRACKET_DEPTH,
  MAX_CONTAINER_DEPTH,
  MAX_CONTAINER_WORK,
  MAX_MARKS,
  MAX_TREE_DEPTH,
  MAX_UNCLOSED_CODE_SCAN,
} from '../../src/markdown/bounds.ts';
import { parseBody } from '../../src/markdown/syntax.ts';
import { prepareArticle } from '../../src/site/prepare.ts';
import { article } from '../integration/cli.ts';

const lines = (count: number, line: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');

/** A run of backticks of every length from 1 to `count`: none of them closes another. */
const staircase = (count: number) =>
  lines(count, (i) => `${'`'.repeat(i + 1)}x`).replaceAll('\n', '');

describe('shapes that would hang or crash the parser', () => {
  // Each took from several seconds to over a minute before the bounds, or overflowed the stack.
  const cases: [string, string, ReturnType<typeof findExcess>][] = [
    ['1,000 nested list levels', lines(1000, (i) => `${' '.repeat(2 * i)}- x`), undefined],
    ['10,000 nested quotes', `${'>'.repeat(10_000)} x`, undefined],
    ['a list nested 1,000 deep on one line', `${'- '.repeat(1000)}x`, undefined],
    ['20,000 nested `[`', `${'['.repeat(20_000)}x${']'.repeat(20_000)}`, undefined],
    ['2,000 nested images', `${'!['.repeat(2000)}x${'](u)'.repeat(2000)}`, undefined],
    ['20,000 `[@a]` in one paragraph', '[@a]'.repeat(20_000), undefined],
    ['20,000 `*` around a word', `${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`, undefined],
    ['20,000 `x*` in one paragraph', 'x*'.repeat(20_000), undefined],
    ['20,000 `x_ ` in one paragraph', 'x_ '.repeat(20_000), undefined],
    ['20,000 `x~~` in one paragraph', 'x~~'.repeat(20_000), undefined],
    ['20,000 `[a](` in one paragraph', '[a]('.repeat(20_000), undefined],
    ['400 backtick runs that never close', staircase(400), undefined],
    [
      'a quote followed by 20,000 lines running on from it',
      `> a\n${lines(20_000, () => 'b')}`,
      undefined,
    ],
    ['20,000 quotes each closed by a paragraph', lines(20_000, () => '> q\n\np\n'), undefined],
    ['a 20,000-item list', lines(20_000, () => '- item'), undefined],
  ];

  it.each(cases)('refuses %s before parsing', (_name, body) => {
    const started = performance.now();
    expect(findExcess(body)).toBeDefined();
    // Linear and cheap: a generous bound, far above the few milliseconds it takes.
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a line nested one level too deep, at the start of that line', () => {
    const ok = `${'> '.repeat(MAX_CONTAINER_DEPTH)}x`;
    expect(findExcess(`a\n\n${ok}`)).toBeUndefined();
    expect(findExcess(`a\n\n>${ok}`)).toEqual({ kind: 'containers', offset: 3 });
  });

  it('counts every four columns of indentation as a level, but not the space after a marker', () => {
    expect(findExcess(`${' '.repeat(4 * MAX_CONTAINER_DEPTH)}x`)).toBeUndefined();
    expect(findExcess(`${' '.repeat(4 * MAX_CONTAINER_DEPTH + 4)}x`)?.kind).toBe('containers');
    expect(findExcess(`${'-   '.repeat(MAX_CONTAINER_DEPTH)}x`)).toBeUndefined();
    expect(findExcess(`${'1.  '.repeat(MAX_CONTAINER_DEPTH + 1)}x`)?.kind).toBe('containers');
  });

  it('refuses the line where quotes and lists, and the lines running on from them, cost too much', () => {
    // Each line runs on from the quote: it costs as many events as there are lines before it.
    const runOn = (count: number) => `> a\n${lines(count, () => 'b')}`;
    const fits = Math.floor(Math.sqrt(2 * MAX_CONTAINER_WORK)) - 10;
    expect(findExcess(runOn(fits))).toBeUndefined();
    const excess = findExcess(runOn(fits + 20));
    expect(excess?.kind).toBe('container-work');
    expect(excess?.offset).toBeGreaterThan(2 * fits);
    // A blank line and a paragraph close the quote: the lines after it cost nothing.
    expect(findExcess(`> a\n\nb\n${lines(2 * fits, () => 'b')}`)).toBeUndefined();
  });

  it('refuses the `[` opened one level too deep, at that `[`', () => {
    const body = `Intro.\n\n${'['.repeat(MAX_BRACKET_DEPTH + 1)}x`;
    expect(findExcess(body)).toEqual({ kind: 'brackets', offset: 8 + MAX_BRACKET_DEPTH });
    expect(findExcess(`${'['.repeat(MAX_BRACKET_DEPTH)}x${']'.repeat(MAX_BRACKET_DEPTH)}`)).toBe(
      undefined,
    );
  });

  it('refuses a paragraph with one mark too many, at the start of the paragraph', () => {
    const body = `Intro.\n\nRutte ${'[@a]'.repeat(MAX_MARKS + 1)}`;
    expect(findExcess(body)).toEqual({ kind: 'marks', offset: 8 });
    expect(findExcess(`Rutte ${'[@a]'.repeat(MAX_MARKS)}`)).toBeUndefined();
  });

  it('refuses unclosed backtick runs only when together they would rescan the paragraph too often', () => {
    const tail = ' word'.repeat(MAX_UNCLOSED_CODE_SCAN / 5 / 25);
    expect(findExcess(`${staircase(20)}${tail}`)).toBeUndefined();
    expect(findExcess(`Intro.\n\n${staircase(30)}${tail}`)).toEqual({
      kind: 'unclosed-code',
      offset: 8,
    });
  });

  it('finds a tree nested too deep to render, at the node that goes too deep', () => {
    const depth = MAX_TREE_DEPTH; // emphasis inside emphasis: one level each
    const body = `${'*a '.repeat(depth)}b${' c*'.repeat(depth)}`;
    expect(findExcess(body)).toBeUndefined();
    const excess = findTooDeep(parseBody(body));
    expect(excess?.kind).toBe('tree');
    // Inside the nested run, past the first 256 levels.
    expect(excess?.offset).toBeGreaterThan(3 * MAX_TREE_DEPTH);
    expect(findTooDeep(parseBody(`${'*a '.repeat(100)}b${' c*'.repeat(100)}`))).toBeUndefined();
  });
});

describe('what the bounds must let through', () => {
  it('starts a new paragraph count at blank lines, empty quote lines, list items and headings', () => {
    const full = '[@a]'.repeat(MAX_MARKS - 1);
    for (const separator of ['\n\n', '\n>\n', '\n   \n', '\n- ', '\n1. ', '\n# ', '\n```\n']) {
      expect(findExcess(`${full}${separator}${full}`), JSON.stringify(separator)).toBeUndefined();
    }
    expect(findExcess(`# ${full}\n${full}`)).toBeUndefined();
  });

  it('keeps counting across lines that may continue the paragraph', () => {
    const full = '[@a]'.repeat(MAX_MARKS / 2);
    // Indented four columns, or numbered other than 1, a line cannot interrupt a paragraph.
    for (const separator of ['\n', '\n    - ', '\n2. ', '\n    >\n']) {
      expect(findExcess(`${full}${separator}${full}x]`), JSON.stringify(separator)).toEqual({
        kind: 'marks',
        offset: 0,
      });
    }
  });

  it('counts neither escaped marks, nor `_` inside words, nor runs that close their code', () => {
    expect(findExcess('\\]'.repeat(MAX_MARKS + 1))).toBeUndefined();
    expect(findExcess('snake_case_name '.repeat(MAX_MARKS))).toBeUndefined();
    expect(findExcess(`${'`code` '.repeat(MAX_MARKS / 2)} x`)).toBeUndefined();
    expect(findExcess('\\['.repeat(MAX_BRACKET_DEPTH + 1))).toBeUndefined();
  });

  it('lets every Markdown construct an article uses through', () => {
    const body = [
      '# Heading',
      '',
      'Text with **bold**, _emphasis_, ~~strikethrough~~, `code`, a [link](https://example.com/a) [@a; @b].',
      '',
      '> A quote',
      '> > inside a quote',
      '',
      '- A list',
      '  1. with a numbered list',
      '     - and another level',
      '',
      '| Column | Other |',
      '| ------ | ----- |',
      '| *cell* | `x`   |',
      '',
      '```js',
      `${' '.repeat(60)}const deep = [[[[[[["indentation and brackets in code"]]]]]]];`,
      '```',
      '',
      'A note.[^1]',
      '',
      '[^1]: The note.',
    ].join('\n');
    expect(findExcess(body)).toBeUndefined();
  });
});

describe('the costliest bodies within the bounds', () => {
  // Each sits just inside a bound, in the shape that is slowest for that bound. Checking and
  // rendering each takes from milliseconds to a few hundred on an idle machine, where the shapes
  // above took from seconds to minutes. The best of three runs is taken, so that a machine busy
  // with other work does not fail the test; one second still leaves a wide margin.
  const atBounds: [string, string][] = [
    [
      'quotes and lists 32 deep, on 60 lines',
      lines(60, () => `${'> '.repeat(16)}${'- '.repeat(16)}x`),
    ],
    ['a quote with 1,950 lines running on from it', `> a\n${lines(1950, () => 'b')}`],
    ['450 quotes each closed by a paragraph', lines(450, () => '> q\n\np\n')],
    ['links nested 32 deep', `${'!['.repeat(32)}x${'](u)'.repeat(32)}`],
    ['1,000 `]` in one paragraph', 'x]'.repeat(MAX_MARKS)],
    ['1,000 `*` in one paragraph', 'x*'.repeat(MAX_MARKS)],
    ['emphasis nested 250 deep', `${'*a '.repeat(250)}b${' c*'.repeat(250)}`],
    ['1,000 citations in one paragraph', '[@a]'.repeat(MAX_MARKS)],
    ['unclosed code runs just under the limit', `${staircase(20)}${' word'.repeat(4_500)}`],
  ];

  it.each(atBounds)(
    'accepts %s, and checks and renders it in well under a second',
    (_name, body) => {
      const file = Buffer.from(
        article({
          sources:
            'sources:\n  - id: a\n    publisher: Reuters\n    type: wire\n    url: https://example.com/a',
          body: `${body}\n\nRutte met Trump [@a].\n`,
        }),
      );
      const times = [0, 1, 2].map(() => {
        const started = performance.now();
        const { report, article: checked } = checkArticle('at-bounds.md', file);
        expect(report.diagnostics).toEqual([]);
        if (!checked) throw new Error('not valid');
        prepareArticle(checked);
        return performance.now() - started;
      });
      expect(Math.min(...times)).toBeLessThan(1000);
    },
  );
});

/**
 * The acceptance test: thirty article files, each broken in a different way, checked in one run.
 * Every file must be named, at the place of its problem, with the right rule and a message that
 * names what is wrong. The files are in tests/fixtures/broken; each has exactly one problem.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoCrash, parseText, REPO, runCheck, type ParsedOutput, type Run } from './cli.ts';

const FOLDER = 'tests/fixtures/broken';

interface Expected {
  readonly file: string;
  readonly rule: string;
  readonly at: `${number}:${number}`;
  /** Text the message must contain: the field, value or fence it is about. */
  readonly mentions: string;
}

// Positions are worked out by hand from the fixtures, not copied from the checker's output.
const EXPECTED: readonly Expected[] = [
  {
    file: 'claims/unknown-field-in-claim.md',
    rule: 'unknown-field',
    at: '18:5',
    mentions: '`quote`',
  },
  {
    file: 'claims/unknown-responds-to.md',
    rule: 'unknown-claim',
    at: '17:18',
    mentions: '`responds_to`',
  },
  {
    file: 'dates/date-without-offset.md',
    rule: 'date-without-offset',
    at: '5:12',
    mentions: '`published`',
  },
  {
    file: 'dates/impossible-date.md',
    rule: 'impossible-date',
    at: '5:12',
    mentions: '`published`',
  },
  {
    file: 'dates/updated-before-published.md',
    rule: 'date-order',
    at: '6:10',
    mentions: '`updated`',
  },
  // The Latin-1 `é` is byte 28 of line 3, `dek: Rutte stopped at a caf\xE9 near...`.
  { file: 'encoding/latin-1.md', rule: 'not-utf8', at: '3:28', mentions: '0xE9' },
  { file: 'events/end-before-date.md', rule: 'date-order', at: '14:10', mentions: '`end`' },
  { file: 'fields/bad-kind.md', rule: 'invalid-choice', at: '4:7', mentions: '`kind`' },
  { file: 'fields/bad-lang.md', rule: 'invalid-lang', at: '5:7', mentions: '`lang`' },
  {
    file: 'fields/corrections-without-updated.md',
    rule: 'corrections-need-updated',
    at: '12:1',
    mentions: '`corrections`',
  },
  { file: 'fields/empty-sources.md', rule: 'missing-field', at: '7:1', mentions: '`sources`' },
  // Nothing to point at but the frontmatter itself: its first line.
  { file: 'fields/missing-title.md', rule: 'missing-field', at: '2:1', mentions: '`title`' },
  { file: 'fields/misspelt-field.md', rule: 'unknown-field', at: '12:1', mentions: '`autors`' },
  { file: 'fields/title-with-html.md', rule: 'html-in-title', at: '2:8', mentions: '`<b>`' },
  { file: 'fields/topics-not-slugs.md', rule: 'invalid-id', at: '6:10', mentions: '`topics`' },
  { file: 'fields/wrong-type.md', rule: 'wrong-type', at: '3:6', mentions: '`dek`' },
  { file: 'frontmatter/js-fence.md', rule: 'frontmatter-language', at: '1:1', mentions: '`---js`' },
  {
    file: 'frontmatter/no-frontmatter.md',
    rule: 'missing-frontmatter',
    at: '1:1',
    mentions: '`---`',
  },
  { file: 'frontmatter/toml-fence.md', rule: 'frontmatter-language', at: '1:1', mentions: '`+++`' },
  {
    file: 'frontmatter/unclosed-frontmatter.md',
    rule: 'unclosed-frontmatter',
    at: '1:1',
    mentions: '`---`',
  },
  {
    file: 'names/deeper/Rutte_Visit.md',
    rule: 'invalid-slug',
    at: '1:1',
    mentions: '`rutte-visit.md`',
  },
  { file: 'sources/duplicate-id.md', rule: 'duplicate-id', at: '12:9', mentions: '`reuters-1`' },
  {
    file: 'sources/javascript-url.md',
    rule: 'invalid-url',
    at: '11:10',
    mentions: '`javascript:`',
  },
  { file: 'sources/undated-source.md', rule: 'undated-source', at: '8:5', mentions: '`published`' },
  {
    file: 'sources/unknown-citation.md',
    rule: 'unknown-source',
    at: '14:80',
    mentions: '`reuters-2`',
  },
  // The first alias, `*a` on line 13: where the expansion starts to multiply.
  { file: 'yaml/alias-bomb.md', rule: 'yaml-alias-limit', at: '13:8', mentions: '`*alias`' },
  // yaml reports a line it cannot place at that line's start.
  { file: 'yaml/bad-indentation.md', rule: 'yaml-syntax', at: '10:1', mentions: 'indentation' },
  { file: 'yaml/duplicate-key.md', rule: 'yaml-duplicate-key', at: '7:1', mentions: '`kind`' },
  { file: 'yaml/tab-indentation.md', rule: 'yaml-syntax', at: '10:1', mentions: 'Tabs' },
  // `dek: !!js/function ...`: the tag starts at column 6.
  { file: 'yaml/yaml-tag.md', rule: 'yaml-tag', at: '3:6', mentions: '`!!js/function`' },
];

let run: Run;
let output: ParsedOutput;

beforeAll(async () => {
  // As `npm run check -- tests/fixtures/broken`, from the repository, without touching its cache.
  run = await runCheck(['--no-cache', FOLDER]);
  output = parseText(run.stdout);
});

describe('npm run check -- tests/fixtures/broken', () => {
  it('holds thirty files, each broken in a different way', () => {
    const files = readdirSync(path.join(REPO, FOLDER), {
      recursive: true,
      withFileTypes: true,
    }).filter((e) => e.isFile());
    expect(files).toHaveLength(30);
    expect(EXPECTED).toHaveLength(30);
    expect(new Set(EXPECTED.map((e) => e.file)).size).toBe(30);
    expect(
      files
        .map((e) => path.relative(path.join(REPO, FOLDER), path.join(e.parentPath, e.name)))
        .sort(),
    ).toEqual(EXPECTED.map((e) => e.file).sort());
  });

  it('fails with exit status 1 and no crash', () => {
    expect(run.code).toBe(1);
    expectNoCrash(run);
    expect(run.stderr).toBe('');
  });

  it('names every file once, at the place of its problem, with the right rule', () => {
    const found = output.diagnostics.map((d) => ({
      file: d.file,
      rule: d.rule,
      at: `${d.line}:${d.column}`,
      severity: d.severity,
    }));
    const wanted = EXPECTED.map((e) => ({
      file: `${FOLDER}/${e.file}`,
      rule: e.rule,
      at: e.at,
      severity: 'error',
    }));
    expect(found).toEqual(wanted);
  });

  it.each(EXPECTED)('says what is wrong in $file ($rule)', ({ file, mentions }) => {
    const diagnostic = output.diagnostics.find((d) => d.file === `${FOLDER}/${file}`);
    expect(diagnostic?.message).toContain(mentions);
  });

  it('counts thirty files and thirty errors in its summary line', () => {
    expect(output.summary).toEqual({ files: 30, errors: 30, warnings: 0 });
  });
});

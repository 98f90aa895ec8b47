/**
 * `npm run check` as editors and CI run it: a real child process on real files. Runs that do not
 * depend on each other start together, so the suite spends its time checking, not waiting.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle, type ArticleReport } from '../../src/article/article-file.ts';
import { checkCollection } from '../../src/article/collection.ts';
import { compareDiagnostics, type Diagnostic } from '../../src/article/diagnostics.ts';
import { render } from '../../src/cli/report.ts';
import {
  article,
  expectNoCrash,
  parseText,
  REPO,
  runCheck,
  tempDir,
  type ParsedDiagnostic,
  type Run,
} from './cli.ts';

const temp = tempDir('check-cli');
afterAll(() => {
  temp.remove();
});

/** An article with one uncited source: a warning, and no error. */
const WARNING_ONLY = article({
  sources: [
    'sources:',
    '  - id: reuters-1',
    '    publisher: Reuters',
    '    type: wire',
    '    url: https://example.com/reuters-1',
    '  - id: ap-1',
    '    publisher: AP',
    '    type: wire',
    '    url: https://example.com/ap-1',
  ].join('\n'),
});

/** What `--format json` prints. */
interface JsonReport {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: Diagnostic[];
}

function lines(run: Run): string[] {
  return run.stdout.trimEnd().split('\n');
}

function byPlace(a: ParsedDiagnostic, b: ParsedDiagnostic): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}

describe('exit status', () => {
  const runs: Record<string, Run> = {};

  beforeAll(async () => {
    temp.write('status/clean/valid.md', article());
    temp.write('status/error/bad-kind.md', article({ kind: 'kind: newz' }));
    temp.write('status/warning/uncited.md', WARNING_ONLY);
    const cwd = path.join(temp.root, 'status');
    const cases: Record<string, string[]> = {
      clean: ['--no-cache', 'clean'],
      error: ['--no-cache', 'error'],
      warning: ['--no-cache', 'warning'],
      warningStrict: ['--no-cache', '--strict', 'warning'],
      unknownOption: ['--no-cache', '--verbose', 'clean'],
      badFormat: ['--no-cache', '--format', 'xml', 'clean'],
      formatWithoutValue: ['--no-cache', 'clean', '--format'],
      missingPath: ['--no-cache', 'clean', 'no-such-folder'],
      help: ['--help'],
    };
    await Promise.all(
      Object.entries(cases).map(async ([name, args]) => {
        runs[name] = await runCheck(args, cwd);
      }),
    );
  });

  const run = (name: string): Run => {
    const found = runs[name];
    if (!found) throw new Error(`no run named ${name}`);
    return found;
  };

  it('is 0 when every article is valid', () => {
    expect(run('clean').code).toBe(0);
    expect(run('clean').stdout).toBe('1 file checked: 0 errors, 0 warnings.\n');
    expect(run('clean').stderr).toBe('');
  });

  it('is 1 when a file has an error, and the error is printed', () => {
    expect(run('error').code).toBe(1);
    expect(lines(run('error'))).toEqual([
      expect.stringMatching(
        /^error\/bad-kind\.md:4:7 {2}error {2}`newz` is not a valid `kind`.* {2}\(invalid-choice\)$/,
      ),
      '1 file checked: 1 error, 0 warnings.',
    ]);
  });

  it('is 0 when there are only warnings, and 1 for the same files with --strict', () => {
    expect(run('warning').code).toBe(0);
    expect(run('warningStrict').code).toBe(1);
    const expected = [
      expect.stringMatching(
        /^warning\/uncited\.md:12:9 {2}warning {2}The source `ap-1` is never cited.* {2}\(uncited-source\)$/,
      ),
      '1 file checked: 0 errors, 1 warning.',
    ];
    expect(lines(run('warning'))).toEqual(expected);
    expect(lines(run('warningStrict'))).toEqual(expected);
  });

  it.each([
    ['an unknown option', 'unknownOption', "Unknown option '--verbose'"],
    ['an unknown --format', 'badFormat', 'Unknown format `xml`: use one of text, json, github.'],
    ['--format without a value', 'formatWithoutValue', '--format'],
    ['a path that does not exist', 'missingPath', 'No file or folder named `no-such-folder`.'],
  ])(
    'is 2 for %s, with the reason and the usage on stderr and nothing checked',
    (_, name, reason) => {
      const result = run(name);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(reason);
      expect(result.stderr).toContain('Usage: npm run check -- [options] [paths...]');
      expectNoCrash(result);
    },
  );

  it('prints the usage on --help and exits 0', () => {
    expect(run('help').code).toBe(0);
    expect(run('help').stdout).toContain('Usage: npm run check');
    expect(run('help').stdout).toContain('--no-cache');
  });
});

describe('output formats', () => {
  let text: Run;
  let json: Run;
  let github: Run;

  beforeAll(async () => {
    // An error, a warning, and a file name that needs escaping in a GitHub annotation.
    temp.write('formats/bad-kind.md', article({ kind: 'kind: newz' }));
    temp.write('formats/uncited.md', WARNING_ONLY);
    temp.write('formats/odd,name:50%.md', article());
    const cwd = path.join(temp.root, 'formats');
    [text, json, github] = await Promise.all([
      runCheck(['--no-cache', '.'], cwd),
      runCheck(['--no-cache', '--format', 'json', '.'], cwd),
      runCheck(['--no-cache', '--format', 'github', '.'], cwd),
    ]);
  });

  it('gives the same exit status in every format', () => {
    expect([text.code, json.code, github.code]).toEqual([1, 1, 1]);
  });

  it('prints JSON with the counts and every diagnostic, nothing else', () => {
    const parsed = JSON.parse(json.stdout) as JsonReport;
    expect(Object.keys(parsed)).toEqual(['files', 'errors', 'warnings', 'diagnostics']);
    expect(parsed).toMatchObject({ files: 3, errors: 2, warnings: 1 });
    const { diagnostics } = parsed;
    for (const d of diagnostics)
      expect(Object.keys(d).sort()).toEqual([
        'column',
        'file',
        'line',
        'message',
        'rule',
        'severity',
      ]);
    // The same diagnostics as the text format, field for field.
    expect(diagnostics).toEqual(parseText(text.stdout).diagnostics);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.rule}`)).toEqual([
      'bad-kind.md:4:7:invalid-choice',
      'odd,name:50%.md:1:1:invalid-slug',
      'uncited.md:12:9:uncited-source',
    ]);
  });

  it('prints GitHub annotations with properties and message escaped as the toolkit does', () => {
    const annotations = lines(github);
    expect(annotations).toHaveLength(4);
    expect(annotations[0]).toMatch(
      /^::error file=bad-kind\.md,line=4,col=7,title=invalid-choice::`newz` is not a valid `kind` of the article\./,
    );
    // `,` and `:` would end a property, `%` starts an escape: all three are escaped in the file name.
    expect(annotations[1]).toMatch(
      /^::error file=odd%2Cname%3A50%25\.md,line=1,col=1,title=invalid-slug::The file name `odd,name:50%25` is not a valid slug/,
    );
    expect(annotations[2]).toMatch(
      /^::warning file=uncited\.md,line=12,col=9,title=uncited-source::The source `ap-1` is never cited/,
    );
    expect(annotations[3]).toBe('3 files checked: 2 errors, 1 warning.');
  });

  it('escapes line breaks in annotation messages so that one annotation stays one line', () => {
    const diagnostic: Diagnostic = {
      file: 'a.md',
      line: 2,
      column: 3,
      severity: 'warning',
      rule: 'yaml-syntax',
      message: '100% sure\r\nnot: really',
    };
    expect(
      render({ files: 1, diagnostics: [diagnostic], errors: 0, warnings: 1 }, 'github').split(
        '\n',
      )[0],
    ).toBe('::warning file=a.md,line=2,col=3,title=yaml-syntax::100%25 sure%0D%0Anot: really');
  });
});

describe('finding and reporting files', () => {
  let mixed: Run;
  let sorted: Run;
  let defaults: Run;
  let example: Run;

  beforeAll(async () => {
    temp.write('find/one/single.md', article({ kind: 'kind: newz' }));
    temp.write('find/tree/top.md', article());
    temp.write('find/tree/a/b/c/d/e/f/deep.md', article({ topics: 'topics: [Deep]' }));
    temp.write('find/tree/notes.txt', 'Not an article: not checked.');
    // The same slug in two sub-folders: both files are named, each pointing at the other.
    temp.write('find/tree/x/same.md', article());
    temp.write('find/tree/y/z/same.md', article());
    // Problems found in body-first order (a citation) and frontmatter order must come out by place.
    temp.write(
      'find/order/b.md',
      article({
        kind: 'kind: newz',
        published: 'published: 2026-13-01',
        body: 'See [@nope]; and [@reuters-1].\n',
      }),
    );
    temp.write('find/order/a.md', article({ dek: 'dek: [x]', title: 'title: <i>x</i>' }));
    // Same name as order/a.md: a rule across files, reported at 1:1 of each.
    temp.write('find/order/c/a.md', article({ topics: 'topics: [A, B]' }));
    temp.write('find/defaults/content/articles/2026/06/only.md', article({ kind: 'kind: newz' }));
    const cwd = path.join(temp.root, 'find');
    [mixed, sorted, defaults, example] = await Promise.all([
      // A file, a folder, and the file again: each article is checked once.
      runCheck(['--no-cache', 'one/single.md', 'tree', './one/single.md'], cwd),
      runCheck(['--no-cache', 'order'], cwd),
      runCheck(['--no-cache'], path.join(cwd, 'defaults')),
      runCheck(['--no-cache', '--strict'], REPO),
    ]);
  });

  it('takes files and folders as paths, finds articles in sub-folders at any depth, and skips other files', () => {
    const output = parseText(mixed.stdout);
    expect(output.summary.files).toBe(5);
    expect(output.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}:${d.rule}`)).toEqual([
      'one/single.md:4:7:invalid-choice',
      'tree/a/b/c/d/e/f/deep.md:6:10:invalid-id',
      'tree/x/same.md:1:1:duplicate-slug',
      'tree/y/z/same.md:1:1:duplicate-slug',
    ]);
    expect(output.diagnostics[2]?.message).toContain('tree/y/z/same.md');
    expect(output.diagnostics[3]?.message).toContain('tree/x/same.md');
  });

  it('sorts the output by file, then line, then column', () => {
    const { diagnostics } = parseText(sorted.stdout);
    expect(diagnostics.length).toBeGreaterThan(5);
    expect(diagnostics).toEqual([...diagnostics].sort(byPlace));
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'order/a.md:1:1',
      'order/a.md:2:8',
      'order/a.md:3:6',
      'order/b.md:4:7',
      'order/b.md:5:12',
      'order/b.md:14:6',
      'order/c/a.md:1:1',
      'order/c/a.md:6:10',
      'order/c/a.md:6:13',
    ]);
  });

  it('ends with a summary line whose counts match the lines above it', () => {
    for (const run of [mixed, sorted]) {
      const { diagnostics, summary } = parseText(run.stdout);
      expect(summary.errors).toBe(diagnostics.filter((d) => d.severity === 'error').length);
      expect(summary.warnings).toBe(diagnostics.filter((d) => d.severity === 'warning').length);
    }
    expect(parseText(sorted.stdout).summary).toEqual({ files: 3, errors: 9, warnings: 0 });
  });

  it('checks content/articles when no path is given', () => {
    expect(defaults.code).toBe(1);
    expect(lines(defaults)[0]).toMatch(/^content\/articles\/2026\/06\/only\.md:4:7 {2}error {2}/);
  });

  it('passes the example content in content/articles with --strict', () => {
    expect(example.stderr).toBe('');
    expect(example.code).toBe(0);
    const { diagnostics, summary } = parseText(example.stdout);
    expect(diagnostics).toEqual([]);
    expect(summary.files).toBeGreaterThan(0);
  });
});

describe('the cache of reports', () => {
  const root = path.join(temp.root, 'cache');
  const cacheFile = path.join(root, 'node_modules/.cache/dossier/check.json');
  const articles = path.join(root, 'content/articles');
  const TAMPERED = 'This message was planted in the cache.';

  interface CacheFile {
    key: string;
    entries: Record<string, { digest: string; report: ArticleReport }>;
  }

  const readCache = () => JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;

  /** The cache's own default place, under the working folder's node_modules. */
  const cached = () => runCheck([], root);
  const fresh = () => runCheck(['--no-cache'], root);

  let first: Run;

  beforeAll(async () => {
    temp.write('cache/content/articles/good.md', article());
    temp.write('cache/content/articles/bad.md', article({ kind: 'kind: newz' }));
    temp.write('cache/content/articles/uncited.md', WARNING_ONLY);
    temp.write('cache/content/articles/a/twin.md', article());
    temp.write('cache/content/articles/b/twin.md', article());
    first = await cached();
  });

  it('gives the same report as an uncached run, and writes the cache', async () => {
    expect(existsSync(cacheFile)).toBe(true);
    const uncached = await fresh();
    expect(first.stdout).toBe(uncached.stdout);
    expect(first.code).toBe(uncached.code);
    expect(parseText(first.stdout).summary).toEqual({ files: 5, errors: 3, warnings: 1 });
  });

  it('gives identical output on a second run', async () => {
    const second = await cached();
    expect(second).toEqual(first);
  });

  it('reuses the report of an unchanged file instead of checking it again', async () => {
    const cache = readCache();
    const entry = cache.entries['content/articles/bad.md'];
    const planted = entry?.report.diagnostics[0];
    if (!entry || !planted) throw new Error('bad.md has no cached diagnostic');
    entry.report.diagnostics[0] = { ...planted, message: TAMPERED };
    writeFileSync(cacheFile, JSON.stringify(cache));
    // Only a report taken from the cache can carry the planted message.
    const run = await cached();
    expect(run.stdout).toContain(
      `content/articles/bad.md:4:7  error  ${TAMPERED}  (invalid-choice)`,
    );
  });

  it('ignores the cache with --no-cache, and leaves it as it was', async () => {
    const before = readFileSync(cacheFile, 'utf8');
    const run = await fresh();
    expect(run.stdout).not.toContain(TAMPERED);
    expect(run.stdout).toBe(first.stdout);
    expect(readFileSync(cacheFile, 'utf8')).toBe(before);
  });

  it('checks a changed file again and keeps reusing the unchanged ones', async () => {
    writeFileSync(
      path.join(articles, 'good.md'),
      article({ published: 'published: 2026-06-25T10:00' }),
    );
    const run = await cached();
    const { diagnostics } = parseText(run.stdout);
    expect(
      diagnostics
        .filter((d) => d.file === 'content/articles/good.md')
        .map((d) => `${d.line}:${d.column}:${d.rule}`),
    ).toEqual(['5:12:date-without-offset']);
    // bad.md was not touched: still the planted report.
    expect(run.stdout).toContain(TAMPERED);
    // Everything else is as before.
    const others = (output: Run) =>
      lines(output)
        .filter((l) => !/(good|bad)\.md:/.test(l))
        .slice(0, -1);
    expect(others(run)).toEqual(others(first));
  });

  it('drops a deleted file, and the rules across files see that it is gone', async () => {
    rmSync(path.join(articles, 'b/twin.md'));
    const run = await cached();
    const { diagnostics, summary } = parseText(run.stdout);
    expect(summary.files).toBe(4);
    expect(diagnostics.some((d) => d.file.includes('twin.md'))).toBe(false);
    expect(Object.keys(readCache().entries).sort()).toEqual([
      'content/articles/a/twin.md',
      'content/articles/bad.md',
      'content/articles/good.md',
      'content/articles/uncited.md',
    ]);
  });

  it('ignores a corrupt cache file instead of crashing, and checks everything afresh', async () => {
    writeFileSync(cacheFile, '{"key": "half-writ');
    const run = await cached();
    expectNoCrash(run);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain(TAMPERED);
    expect(run.stdout).toBe((await fresh()).stdout);
    // And replaces it with a good one.
    expect(Object.keys(readCache().entries)).toHaveLength(4);
  });

  it('still checks and reports when the cache cannot be written', async () => {
    // A file where the cache folder should be: a read-only or odd checkout must not fail the check.
    const other = tempDir('check-cli-unwritable');
    try {
      other.write('content/articles/bad.md', article({ kind: 'kind: newz' }));
      other.write('node_modules/.cache/dossier', 'not a folder');
      const run = await runCheck([], other.root);
      expectNoCrash(run);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(lines(run)).toEqual([
        expect.stringMatching(/^content\/articles\/bad\.md:4:7 {2}error {2}.*\(invalid-choice\)$/),
        '1 file checked: 1 error, 0 warnings.',
      ]);
      expect(statSync(path.join(other.root, 'node_modules/.cache/dossier')).isFile()).toBe(true);
    } finally {
      other.remove();
    }
  });
});

describe('the worker pool', () => {
  const root = path.join(temp.root, 'pool');
  const profiles = path.join(temp.root, 'pool-profiles');
  const COUNT = 100;

  /** A mix of valid files, errors, warnings and rules across files, some in sub-folders. */
  function poolArticle(i: number): string {
    switch (i % 5) {
      case 0:
        return article();
      case 1:
        return article({ kind: 'kind: newz' });
      case 2:
        return article({ body: `Rutte met Trump [@reuters-1] and [@missing-${i}].\n` });
      case 3:
        return WARNING_ONLY;
      default:
        // A shared event: one file, in another batch of work, dates it differently.
        return article({
          extra: `events:\n  - id: rutte-visit\n    date: 2026-04-0${i === 99 ? 9 : 8}\n    title: Rutte visits Washington\n    sources: [reuters-1]\n`,
        });
    }
  }

  let run: Run;
  let files: string[];

  beforeAll(async () => {
    for (let i = 0; i < COUNT; i++) {
      const name = `article-${String(i).padStart(3, '0')}.md`;
      temp.write(`pool/articles/${i % 10 === 0 ? `nested/${i}/` : ''}${name}`, poolArticle(i));
    }
    // Same slug as a file in the first batch, placed to land in a later one.
    temp.write('pool/articles/zz/article-001.md', article());
    files = readdirSync(path.join(root, 'articles'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    // Node writes one CPU profile per thread: a timing-free way to see that workers ran.
    run = await runCheck(['--no-cache', '--format', 'json', 'articles'], root, [
      '--cpu-prof',
      '--cpu-prof-dir',
      profiles,
    ]);
  });

  it('checks more files than the threshold (64) on worker threads, when the machine has two cores', () => {
    expect(files.length).toBeGreaterThan(64);
    const threads = readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile')).length;
    // One core: the pool keeps the work on the main thread by design, and the test below still holds.
    if (availableParallelism() >= 2) expect(threads).toBeGreaterThan(1);
    else expect(threads).toBe(1);
  });

  it('reports exactly what checking the files one by one reports', () => {
    // The baseline: each file checked on its own in this process, then the rules across files.
    const reports = files.map(
      (file) => checkArticle(file, readFileSync(path.join(root, file))).report,
    );
    const expected = [...reports.flatMap((r) => r.diagnostics), ...checkCollection(reports)].sort(
      compareDiagnostics,
    );
    const output = JSON.parse(run.stdout) as JsonReport;
    expect(run.code).toBe(1);
    expectNoCrash(run);
    expect(output.files).toBe(COUNT + 1);
    expect(output.diagnostics).toEqual(expected);
    // And the baseline covers every kind of finding, so the comparison means something.
    expect(new Set(expected.map((d) => d.rule))).toEqual(
      new Set([
        'invalid-choice',
        'unknown-source',
        'uncited-source',
        'event-date-conflict',
        'duplicate-slug',
      ]),
    );
    expect(expected.filter((d) => d.rule === 'event-date-conflict')).toHaveLength(20);
  });
});

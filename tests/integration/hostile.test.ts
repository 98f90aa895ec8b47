/**
 * The hostile corpus: broken and malicious article files in tests/fixtures/hostile/, one problem
 * each, with the expected outcome of each in its expected.json (cases over 100 KB are generated
 * here instead of committed). Every case goes through the real `check` command and through a real
 * `npm run build`:
 * - an `error` case is refused by both, at its place, with its rule, and never runs anything;
 * - a `warning` case is built, and the warning printed;
 * - a `sanitized` case is built, and its page shows what it must as text and drops what it must.
 * Then the whole built site is scanned with an HTML parser (tests/support/live-content.ts): no
 * script but JSON-LD and the search page's own files, no event handler, no dangerous URL, anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/article-file.ts';
import { BUILD_TIMEOUT, squash } from '../site/build-fixture.ts';
import { scanSite, type Finding } from '../support/live-content.ts';
import {
  createProject,
  leftovers,
  snapshot,
  type BuildRun,
  type Project,
} from '../support/project.ts';
import {
  article,
  DIAGNOSTIC_LINE,
  expectNoCrash,
  parseText,
  REPO,
  runCheck,
  tempDir,
  type ParsedDiagnostic,
  type ParsedOutput,
  type Run,
} from './cli.ts';

const CORPUS = path.join(REPO, 'tests/fixtures/hostile');

interface Expectation {
  /** What the case shows, as a sentence. */
  readonly it: string;
  readonly outcome: 'error' | 'warning' | 'sanitized';
  /** `line:column rule` each, or the rule alone where the place depends on the machine. */
  readonly diagnostics?: readonly string[];
  /** Text the article's page must show (so it was escaped, not dropped). */
  readonly shows?: readonly string[];
  /** Text that must appear nowhere in the article's page (so the markup was dropped). */
  readonly drops?: readonly string[];
  /** Made by `GENERATED` rather than kept in the repository. */
  readonly generated?: boolean;
}

const EXPECTED = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<
  string,
  Expectation
>;
const CASES = Object.entries(EXPECTED);
/** Cases as test rows: the file, the sentence it shows, the expectation. */
const rows = (cases: readonly (readonly [string, Expectation])[]) =>
  cases.map(([name, expected]) => [name, expected.it, expected] as const);
const byOutcome = (outcome: Expectation['outcome']) =>
  CASES.filter(([, expected]) => expected.outcome === outcome);

/** About 5 MB of prose, five times the size limit. */
const PARAGRAPH =
  'Rutte met Trump at the White House on Wednesday and spoke about the alliance [@reuters-1].\n\n';

/** The cases too big to keep in the repository. */
const GENERATED: Readonly<Record<string, () => string>> = {
  'generated/five-megabytes.md': () =>
    article({ body: PARAGRAPH.repeat(Math.ceil(5_000_000 / PARAGRAPH.length)) }),
  // Block maps need one more space per level, so 1,000 levels take half a megabyte.
  'generated/deep-block-map.md': () =>
    article({
      title: `title:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} x`,
    }),
};

/** The files written by the code in the corpus's payloads, were any of it ever run. */
function pwned(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.startsWith('PWNED'));
}

const temp = tempDir('hostile');
let check: Run;
let checked: ParsedOutput;
let project: Project | undefined;
let accepted: BuildRun;
let refused: BuildRun;
let findings: Finding[] = [];
let builtBefore = new Map<string, string>();
let builtAfter = new Map<string, string>();

/** Copies the cases into `folder`, the generated ones made on the way. */
async function writeCases(
  folder: string,
  cases: readonly (readonly [string, Expectation])[],
  write: (name: string, content: string) => Promise<unknown>,
): Promise<void> {
  for (const [name, expected] of cases) {
    if (expected.generated) {
      await write(name, GENERATED[name]?.() ?? '');
    } else {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await cp(path.join(CORPUS, name), path.join(folder, name));
    }
  }
}

beforeAll(async () => {
  const corpus = path.join(temp.root, 'corpus');
  await writeCases(corpus, CASES, (name, content) =>
    Promise.resolve(temp.write(`corpus/${name}`, content)),
  );
  const checking = runCheck(['--no-cache', 'corpus'], temp.root);

  project = await createProject();
  const articles = path.join(project.root, 'content/articles');
  const into = project;
  const write = (name: string, content: string) => into.write(`content/articles/${name}`, content);
  await writeCases(articles, [...byOutcome('sanitized'), ...byOutcome('warning')], write);
  accepted = await project.build();
  if (accepted.code === 0) {
    findings = await scanSite(project.dist);
    builtBefore = await snapshot(project.dist);
  }
  await writeCases(articles, byOutcome('error'), write);
  refused = await project.build();
  builtAfter = await snapshot(project.dist);

  check = await checking;
  checked = parseText(check.stdout);
}, 3 * BUILD_TIMEOUT);

afterAll(async () => {
  temp.remove();
  await project?.remove();
});

/** The diagnostic lines among a build's output, which also holds Astro's own log lines. */
function diagnosticLines(output: string): ParsedDiagnostic[] {
  return output.split('\n').flatMap((line): ParsedDiagnostic[] => {
    const match = DIAGNOSTIC_LINE.exec(line);
    if (!match) return [];
    const [, file = '', row = '', column = '', severity = '', message = '', rule = ''] = match;
    return [
      {
        file,
        line: Number(row),
        column: Number(column),
        severity: severity as ParsedDiagnostic['severity'],
        message,
        rule,
      },
    ];
  });
}

/** A case's diagnostics among the output, where the case is the file `folder` + its name. */
function diagnosticsOf(
  output: readonly ParsedDiagnostic[],
  folder: string,
  name: string,
): string[] {
  const expected = EXPECTED[name]?.diagnostics ?? [];
  const placed = expected.every((entry) => entry.includes(':'));
  return output
    .filter((d) => d.file === `${folder}${name}`)
    .map((d) => (placed ? `${String(d.line)}:${String(d.column)} ${d.rule}` : d.rule));
}

describe('the hostile corpus', () => {
  it('holds at least 40 cases, each with its expectation, and no committed file over 100 KB', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
      .map((file) => file.replaceAll('\\', '/'))
      .filter((file) => file.endsWith('.md'))
      .sort();
    const committed = CASES.filter(([, e]) => !e.generated).map(([name]) => name);
    expect(files).toEqual(committed.sort());
    expect(Object.keys(GENERATED).sort()).toEqual(
      CASES.filter(([, e]) => e.generated)
        .map(([name]) => name)
        .sort(),
    );
    for (const file of files)
      expect(statSync(path.join(CORPUS, file)).size, file).toBeLessThan(100_000);
    // Every accepted case is a page of its own: no two share a file name.
    const accepted = [...byOutcome('sanitized'), ...byOutcome('warning')].map(([name]) =>
      path.basename(name),
    );
    expect(new Set(accepted).size).toBe(accepted.length);
  });

  it('has cases of every outcome, and every refused case names its rule', () => {
    expect(byOutcome('error').length).toBeGreaterThanOrEqual(20);
    expect(byOutcome('sanitized').length).toBeGreaterThanOrEqual(20);
    expect(byOutcome('warning').length).toBeGreaterThan(0);
    for (const [name, expected] of [...byOutcome('error'), ...byOutcome('warning')])
      expect(expected.diagnostics?.length, name).toBeGreaterThan(0);
  });
});

describe('npm run check on the corpus', () => {
  it('fails with exit status 1, every line in the compiler form, and no crash', () => {
    expect(check.code).toBe(1);
    expectNoCrash(check);
    expect(check.stderr).toBe('');
    expect(checked.summary.files).toBe(CASES.length);
  });

  it.each(rows(CASES))('%s %s', (name, _it, expected) => {
    expect(diagnosticsOf(checked.diagnostics, 'corpus/', name)).toEqual(expected.diagnostics ?? []);
  });

  it('never runs the code in a frontmatter fence or a YAML tag', () => {
    expect(pwned(temp.root)).toEqual([]);
    expect(pwned(REPO)).toEqual([]);
    const fence = checked.diagnostics.find((d) => d.file.endsWith('/frontmatter/js-fence.md'));
    expect(fence?.message).toContain('`---js`');
  });

  it('would have run the ---js payload had gray-matter been left to parse it (so the test above means something)', () => {
    const payload = readFileSync(path.join(CORPUS, 'frontmatter/js-fence.md'), 'utf8');
    const cwd = process.cwd();
    process.chdir(temp.root);
    try {
      matter(payload);
    } finally {
      process.chdir(cwd);
    }
    expect(pwned(temp.root)).toEqual(['PWNED-js-fence']);
  });

  it('leaves Object.prototype alone when `__proto__` keys are parsed in this process', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const name of [
      'yaml/proto-key.md',
      'yaml/proto-in-source.md',
      'yaml/constructor-prototype.md',
    ]) {
      const { report } = checkArticle(name, readFileSync(path.join(CORPUS, name)));
      expect(
        report.diagnostics.map((d) => d.rule),
        name,
      ).toEqual(['unknown-field']);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect('polluted' in {}).toBe(false);
  });
});

describe('npm run build on the corpus', () => {
  it('builds the accepted cases, printing each warning in the compiler form', () => {
    expect(accepted.code, accepted.stderr).toBe(0);
    const printed = diagnosticLines(accepted.stdout);
    expect(printed.every((d) => d.severity === 'warning')).toBe(true);
    for (const [name, expected] of byOutcome('warning')) {
      expect(diagnosticsOf(printed, 'content/articles/', name), name).toEqual(expected.diagnostics);
      // Once: not again in Astro's log.
      const mentions = `${accepted.stdout}\n${accepted.stderr}`
        .split('\n')
        .filter((line) => line.includes(`content/articles/${name}`));
      expect(mentions.length, name).toBe((expected.diagnostics ?? []).length);
    }
    expect(pwned(project?.root ?? REPO)).toEqual([]);
  });

  it.each(rows(byOutcome('sanitized')))('%s %s', async (name, _it, expected) => {
    if (!project) throw new Error('No project');
    const slug = path.basename(name, '.md');
    const html = await readFile(path.join(project.dist, 'articles', slug, 'index.html'), 'utf8');
    const $ = cheerio.load(html);
    const shown = squash(`${$('title').text()} ${$('body').text()}`);
    for (const text of expected.shows ?? []) expect(shown, name).toContain(squash(text));
    for (const text of expected.drops ?? []) expect(html, name).not.toContain(text);
  });

  it('leaves no live script, event handler or dangerous URL anywhere in the built site', () => {
    expect(builtBefore.size).toBeGreaterThan(50);
    expect(findings).toEqual([]);
  });

  it('refuses the refused cases, naming each at its place, and leaves the built site as it was', () => {
    expect(refused.code).toBe(1);
    expectNoCrash(refused);
    const printed = diagnosticLines(refused.stderr);
    for (const [name, expected] of byOutcome('error'))
      expect(diagnosticsOf(printed, 'content/articles/', name), name).toEqual(expected.diagnostics);
    expect(refused.stderr).toContain('The site was not built; dist/ is unchanged.');
    expect(builtAfter).toEqual(builtBefore);
    expect(pwned(project?.root ?? REPO)).toEqual([]);
  });

  it('leaves no staging folder behind', async () => {
    expect(await leftovers(project?.root ?? REPO)).toEqual([]);
    expect(existsSync(path.join(project?.root ?? REPO, 'dist'))).toBe(true);
  });
});

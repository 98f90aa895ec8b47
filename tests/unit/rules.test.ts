/**
 * One fixture folder per rule of the catalogue, in the style of remark-gfm's `test/fixtures`:
 * `tests/fixtures/rules/<rule-id>/` holds small articles, each otherwise valid and breaking that
 * one rule (or, where `diagnostics` is empty, showing what the rule must not flag), and an
 * `expected.json` that pins, per article, a behaviour sentence (`it`), the exact diagnostics, and
 * any other rule the mistake unavoidably sets off (`companions`, with the reason).
 *
 * A fixture too big to keep in the repository (over 1 MB) is kept small, and its expectation names
 * the text to `append` to it (`times` copies) before it is checked.
 *
 * After a deliberate change to a message or a position, rewrite the pinned diagnostics with
 * `UPDATE_RULE_FIXTURES=1 npm test -- tests/unit/rules.test.ts` and review the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/article-file.ts';
import { checkCollection } from '../../src/article/collection.ts';
import { compareDiagnostics, type Diagnostic } from '../../src/article/diagnostics.ts';
import { ruleIds, severityOf, type RuleId } from '../../src/article/rules.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Relative to the repository, so that messages naming another file are the same on every machine. */
const FIXTURES = 'tests/fixtures/rules';
const { UPDATE_RULE_FIXTURES } = process.env;
const UPDATE = UPDATE_RULE_FIXTURES === '1';

type Pinned = Omit<Diagnostic, 'file'>;

interface FixtureExpectation {
  readonly it: string;
  readonly companions?: Readonly<Record<string, string>>;
  readonly append?: { readonly text: string; readonly times: number };
  readonly diagnostics: readonly Pinned[];
}

type Expectations = Record<string, FixtureExpectation>;

type Transform = (bytes: Uint8Array) => Uint8Array;

/** Article files of a rule's folder, sub-folders included (a duplicate slug needs two folders). */
function articleFiles(rule: string): string[] {
  return readdirSync(join(ROOT, FIXTURES, rule), { recursive: true, encoding: 'utf8' })
    .map((name) => name.replaceAll('\\', '/'))
    .filter((name) => name.endsWith('.md'))
    .sort();
}

function readExpectations(rule: string): Expectations {
  return JSON.parse(
    readFileSync(join(ROOT, FIXTURES, rule, 'expected.json'), 'utf8'),
  ) as Expectations;
}

/** What `check` reports for each article of a folder: its own diagnostics and the cross-article ones. */
function checkFolder(
  rule: string,
  transform: Transform = (bytes) => bytes,
): Map<string, Diagnostic[]> {
  const names = articleFiles(rule);
  const expectations = readExpectations(rule);
  const reports = names.map((name) => {
    const path = `${FIXTURES}/${rule}/${name}`;
    const append = expectations[name]?.append;
    const bytes = readFileSync(join(ROOT, path));
    const whole = append
      ? Buffer.concat([bytes, Buffer.from(append.text.repeat(append.times))])
      : bytes;
    return checkArticle(path, transform(whole)).report;
  });
  const across = checkCollection(reports);
  return new Map(
    names.map((name, index) => {
      const path = `${FIXTURES}/${rule}/${name}`;
      const own = reports[index]?.diagnostics ?? [];
      return [name, [...own, ...across.filter((d) => d.file === path)].sort(compareDiagnostics)];
    }),
  );
}

function pin(diagnostics: readonly Diagnostic[]): Pinned[] {
  return diagnostics.map(({ line, column, severity, rule, message }) => ({
    line,
    column,
    severity,
    rule,
    message,
  }));
}

/** JSON with one diagnostic per line, so a changed message is a one-line diff. */
function formatExpectations(expectations: Expectations): string {
  const entries = Object.entries(expectations).map(([name, { diagnostics, ...rest }]) => {
    const head = JSON.stringify(rest, null, 2).slice(0, -2).replaceAll('\n', '\n  ');
    const lines = diagnostics.map((d) => `      ${JSON.stringify(d)}`);
    const list = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n    ]`;
    return `  ${JSON.stringify(name)}: ${head},\n    "diagnostics": ${list}\n  }`;
  });
  return `{\n${entries.join(',\n')}\n}\n`;
}

function withCrlf(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (const byte of bytes) {
    if (byte === 0x0a) out.push(0x0d);
    out.push(byte);
  }
  return Uint8Array.from(out);
}

function withBom(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
}

const folders = readdirSync(join(ROOT, FIXTURES), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

if (UPDATE) {
  for (const rule of folders) {
    const expectations = readExpectations(rule);
    for (const [name, diagnostics] of checkFolder(rule)) {
      const known = expectations[name];
      expectations[name] = {
        ...known,
        it: known?.it ?? 'TODO: say what this fixture shows',
        diagnostics: pin(diagnostics),
      };
    }
    writeFileSync(join(ROOT, FIXTURES, rule, 'expected.json'), formatExpectations(expectations));
  }
}

describe('the rule fixtures', () => {
  it('have a folder for every rule in the catalogue, so no rule ships untested', () => {
    expect(ruleIds.filter((rule) => !folders.includes(rule))).toEqual([]);
  });

  it('have no folder for a rule the catalogue does not have', () => {
    expect(folders.filter((folder) => !(ruleIds as string[]).includes(folder))).toEqual([]);
  });

  it.each(folders)('pin every article of %s in its expected.json, and nothing else', (rule) => {
    expect(Object.keys(readExpectations(rule)).sort()).toEqual(articleFiles(rule));
  });
});

for (const rule of folders) {
  describe(rule, () => {
    const expectations = readExpectations(rule);
    const actual = checkFolder(rule);

    for (const [name, expected] of Object.entries(expectations)) {
      it(expected.it, () => {
        const diagnostics = actual.get(name) ?? [];
        expect(diagnostics.every((d) => d.file === `${FIXTURES}/${rule}/${name}`)).toBe(true);
        expect(pin(diagnostics)).toEqual(expected.diagnostics);
      });
    }

    it('sets off no other rule than its own, except the companions each fixture documents', () => {
      for (const [name, expected] of Object.entries(expectations)) {
        const others = new Set(expected.diagnostics.map((d) => d.rule).filter((r) => r !== rule));
        // A fixture that does not break the rule shows what it must not flag: it reports nothing.
        const breaksRule = expected.diagnostics.some((d) => d.rule === rule);
        expect({ name, others: [...others].sort() }).toEqual({
          name,
          others: breaksRule ? Object.keys(expected.companions ?? {}).sort() : [],
        });
      }
    });

    it(`has at least one article that breaks ${rule}, with the catalogue's severity`, () => {
      const own = Object.values(expectations).flatMap((e) =>
        e.diagnostics.filter((d) => d.rule === rule),
      );
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((d) => d.severity === severityOf(rule as RuleId))).toBe(true);
    });

    // Not-UTF-8 fixtures are bytes chosen to be undecodable; adding CR or a BOM changes what they show.
    if (rule !== 'not-utf8') {
      it('reports the same problems at the same places when saved with CRLF line endings', () => {
        expect(withoutFiles(checkFolder(rule, withCrlf))).toEqual(withoutFiles(actual));
      });

      it('reports the same problems at the same places when the file starts with a BOM', () => {
        expect(withoutFiles(checkFolder(rule, withBom))).toEqual(withoutFiles(actual));
      });
    }

    if (rule === 'frontmatter-language') {
      it('never runs the code in a `---js` or `---javascript` fence', () => {
        expect((globalThis as { dossierFixtureRan?: unknown }).dossierFixtureRan).toBeUndefined();
      });
    }
  });
}

function withoutFiles(byName: Map<string, Diagnostic[]>): Record<string, Pinned[]> {
  return Object.fromEntries([...byName].map(([name, diagnostics]) => [name, pin(diagnostics)]));
}

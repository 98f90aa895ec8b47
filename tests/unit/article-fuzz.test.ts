/**
 * Property-based: valid articles mutated at random (fields deleted, duplicated or given values of
 * another type; lines deleted, repeated or swapped; the file cut short; bytes injected, from
 * Markdown and YAML syntax to invalid UTF-8) must each end, in `check` and in rendering, as a
 * clear positioned error or as a valid article: never an exception, never a hang.
 *
 * Time is recorded per case, and the test fails only if the slowest case takes more than a second.
 * That is a generous bound for a busy machine, not the guarantee itself: the guarantee is that
 * every body within the bounds of src/markdown/bounds.ts costs at most a few hundred milliseconds
 * (tests/unit/bounds.test.ts checks the costliest shapes), and that mutated frontmatter is bounded
 * by the YAML limits. Cases are small articles, typically checked and rendered in a millisecond or two.
 *
 * fast-check prints the seed and the shrunk case of a failure; rerun it with FUZZ_SEED=<seed>.
 * FUZZ_RUNS changes the number of cases (3,000 by default).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkArticle } from '../../src/article/article-file.ts';
import { ruleIds, severityOf } from '../../src/article/rules.ts';
import { prepareArticle } from '../../src/site/prepare.ts';
import { REPO } from '../integration/cli.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** The valid articles to start from: the fixture site's and the example content's. */
function baseArticles(): string[] {
  return ['tests/fixtures/site/content/articles', 'content/articles'].flatMap((folder) =>
    readdirSync(path.join(REPO, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .sort()
      .map((file) => readFileSync(path.join(REPO, folder, file), 'utf8')),
  );
}

const BASES = baseArticles();

/** Values a field may be given instead of its own: every YAML type, and some hostile text. */
const otherValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    '   ',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    '2026-02-30',
    '2026-06-24T19:02:00',
    '__proto__',
    'x'.repeat(5000),
    '\u202Eevil',
    '\0',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Text to inject: Markdown and YAML syntax, and anything at all. */
const injected = fc.oneof(
  fc.constantFrom(
    '---\n',
    '---js\n',
    '\n---\n',
    ': ',
    '- ',
    '  ',
    '\t',
    '&a ',
    '*a',
    '!!js/function ',
    '!!binary ',
    '{',
    '[',
    '"',
    "'",
    '#',
    '|\n',
    '>\n',
    '[@',
    '[@nobody]',
    ']',
    '](javascript:alert(1))',
    '<script>',
    '<img src=x onerror=alert(1)>',
    '```',
    '`',
    '*',
    '_',
    '~~',
    '> ',
    '\r\n',
    '\uFEFF',
    '[^1]',
    '[^1]: note\n',
    '| a |\n| - |\n',
    '__proto__: {polluted: true}\n',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

type Mutation =
  | { readonly kind: 'delete-field' | 'duplicate-field'; readonly at: number }
  | { readonly kind: 'retype-field'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'delete-line' | 'repeat-line'; readonly at: number }
  | { readonly kind: 'swap-lines'; readonly at: number; readonly with: number }
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'inject-text'; readonly at: number; readonly text: string }
  | { readonly kind: 'inject-bytes'; readonly at: number; readonly bytes: Uint8Array };

const at = fc.nat();
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-field', 'duplicate-field'), at }),
  fc.record({ kind: fc.constant('retype-field'), at, value: otherValue }),
  fc.record({ kind: fc.constantFrom('delete-line', 'repeat-line'), at }),
  fc.record({ kind: fc.constant('swap-lines'), at, with: fc.nat() }),
  fc.record({ kind: fc.constant('cut'), at }),
  fc.record({ kind: fc.constant('inject-text'), at, text: injected }),
  fc.record({ kind: fc.constant('inject-bytes'), at, bytes: fc.uint8Array({ maxLength: 8 }) }),
);

type Path = readonly (string | number)[];

/** Every path in the frontmatter's data: the fields, and the fields of their entries. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function parentOf(data: unknown, target: Path): Record<string | number, unknown> | undefined {
  let node = data;
  for (const key of target.slice(0, -1)) {
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'object' && node !== null
    ? (node as Record<string | number, unknown>)
    : undefined;
}

/** Applies a change to the frontmatter's data, written back as YAML; undefined if it has none. */
function mutateFields(text: string, change: Mutation): string | undefined {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match?.[1]) return undefined;
  // Quietly: only the checker's own warnings count (see the test below).
  const document = YAML.parseDocument(match[1], { uniqueKeys: false, logLevel: 'error' });
  // An earlier mutation may have broken the YAML: then the text-level mutations take over.
  if (document.errors.length > 0) return undefined;
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined; // aliases expanding too far, which the checker reports itself
  }
  const paths = pathsOf(data);
  const target = paths[change.at % paths.length];
  if (!target) return undefined;
  const parent = parentOf(data, target);
  const key = target.at(-1);
  if (!parent || key === undefined) return undefined;
  if (change.kind === 'delete-field') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else Reflect.deleteProperty(parent, key);
  } else if (change.kind === 'retype-field') {
    parent[key] = change.value;
  }
  let yaml = YAML.stringify(data, { lineWidth: 0 }).trimEnd();
  if (change.kind === 'duplicate-field') {
    // A key written twice is only possible in the text: repeat the line that holds it.
    const lines = yaml.split('\n');
    const index = lines.findIndex((line) => line.trimStart().startsWith(`${String(key)}:`));
    if (index === -1) return undefined;
    lines.splice(index, 0, lines[index] ?? '');
    yaml = lines.join('\n');
  }
  return `---\n${yaml}\n---\n${text.slice(match[0].length)}`;
}

function mutateLines(text: string, change: Mutation): string {
  const lines = text.split('\n');
  const index = change.at % lines.length;
  if (change.kind === 'delete-line') lines.splice(index, 1);
  if (change.kind === 'repeat-line') lines.splice(index, 0, lines[index] ?? '');
  if (change.kind === 'swap-lines') {
    const other = change.with % lines.length;
    [lines[index], lines[other]] = [lines[other] ?? '', lines[index] ?? ''];
  }
  return lines.join('\n');
}

/** The article's bytes after its mutations, in order. */
function mutate(base: string, changes: readonly Mutation[]): Uint8Array {
  let bytes = Buffer.from(base);
  for (const change of changes) {
    const position = change.at % (bytes.length + 1);
    switch (change.kind) {
      case 'delete-field':
      case 'duplicate-field':
      case 'retype-field': {
        const text = mutateFields(bytes.toString('utf8'), change);
        if (text !== undefined) bytes = Buffer.from(text);
        break;
      }
      case 'delete-line':
      case 'repeat-line':
      case 'swap-lines':
        bytes = Buffer.from(mutateLines(bytes.toString('utf8'), change));
        break;
      case 'cut':
        bytes = bytes.subarray(0, position);
        break;
      case 'inject-text':
      case 'inject-bytes': {
        const insert = change.kind === 'inject-text' ? Buffer.from(change.text) : change.bytes;
        bytes = Buffer.concat([bytes.subarray(0, position), insert, bytes.subarray(position)]);
        break;
      }
    }
  }
  return bytes;
}

const RULES: ReadonlySet<string> = new Set(ruleIds);

/**
 * Checks and renders one file as the build would, and whether it is valid; throws nothing but an
 * assertion error.
 */
function expectCleanOutcome(bytes: Uint8Array): boolean {
  const { report, article } = checkArticle('mutated-article.md', bytes);
  const lineCount = Buffer.from(bytes).toString('utf8').split('\n').length;
  for (const diagnostic of report.diagnostics) {
    expect(RULES.has(diagnostic.rule), diagnostic.rule).toBe(true);
    expect(diagnostic.severity).toBe(severityOf(diagnostic.rule));
    expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.line).toBeLessThanOrEqual(lineCount);
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.message.length).toBeGreaterThan(20);
    expect(diagnostic.message).not.toMatch(/\[object Object\]|^\s+at |Error:/m);
  }
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  // Success is a valid article, ready to render; anything else names at least one error.
  expect(article === undefined).toBe(errors.length > 0);
  if (article) prepareArticle(article);
  return article !== undefined;
}

describe('valid articles mutated at random', () => {
  it(
    `end as positioned errors or valid articles, never an exception nor a hang (${String(RUNS)} cases)`,
    {
      timeout: 600_000,
    },
    async () => {
      let slowest: { milliseconds: number; bytes: Uint8Array } = {
        milliseconds: 0,
        bytes: new Uint8Array(),
      };
      const outcomes = { valid: 0, refused: 0 };
      // Nothing may reach the editor's terminal besides the diagnostics, not even a warning.
      const warnings: string[] = [];
      const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
      process.on('warning', onWarning);
      try {
        fc.assert(
          fc.property(
            fc.nat({ max: BASES.length - 1 }),
            fc.array(mutation, { minLength: 1, maxLength: 4 }),
            (base, changes) => {
              const bytes = mutate(BASES[base] ?? '', changes);
              const started = performance.now();
              const valid = expectCleanOutcome(bytes);
              const milliseconds = performance.now() - started;
              if (milliseconds > slowest.milliseconds) slowest = { milliseconds, bytes };
              outcomes[valid ? 'valid' : 'refused']++;
            },
          ),
          { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
        );
      } finally {
        // Node emits warnings on the next turn of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        process.off('warning', onWarning);
      }
      console.log(
        `${String(RUNS)} mutated articles: ${String(outcomes.refused)} refused with positioned errors, ${String(outcomes.valid)} valid; slowest check and render ${slowest.milliseconds.toFixed(1)} ms.`,
      );
      expect(warnings).toEqual([]);
      // Both outcomes are well represented, so the cases are neither all trivially broken nor all valid.
      expect(outcomes.refused).toBeGreaterThan(RUNS / 4);
      expect(outcomes.valid).toBeGreaterThan(RUNS / 20);
      expect(
        slowest.milliseconds,
        Buffer.from(slowest.bytes).toString('utf8').slice(0, 300),
      ).toBeLessThan(1000);
    },
  );
});

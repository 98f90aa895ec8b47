/**
 * `npm run bench:check [-- --sizes 1000,10000] [--runs 3] [--keep] [--sample]`: how long `check` takes on a
 * generated corpus, and how much memory it needs.
 *
 * For each size it generates a corpus (scripts/corpus.ts) in a temporary folder, then runs the
 * real CLI as a child process, `node src/cli/check.ts <corpus>`, from a temporary working
 * directory: the CLI keeps its cache in `node_modules/.cache/dossier` under its working
 * directory, so each size has a cache of its own and the project's cache is never touched.
 *
 * Three situations, measured in rounds that alternate between them (cold, unchanged, one edit;
 * cold, unchanged, one edit; ...), each reported as the median over the rounds:
 * - cold: no cache (it is deleted first); every file is checked, and the cache is written;
 * - unchanged: the cache is warm and nothing changed;
 * - one edit: one article was changed since the previous run, so one file is re-checked.
 *
 * Wall time is measured around the child process. Peak memory is the child's maximum resident
 * set size, from GNU `time -f %M` (ru_maxrss of the process: all its threads, worker threads
 * included, share it); without /usr/bin/time (or with --sample), `/proc/<pid>/status` VmHWM is
 * sampled every 20 ms instead (also whole-process, so worker threads count).
 *
 * The checker that runs is a copy of src/ taken at the start (see snapshotChecker); --live runs
 * the project's src/ itself. CPU seconds (user + system, all threads) are printed too: on a
 * shared machine they vary less than wall time.
 *
 * A benchmark prints; it asserts nothing. A run that does not report a clean corpus is flagged.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GNU_TIME = '/usr/bin/time';

/** Targets from the brief, by corpus size (ms). */
const GOALS: Readonly<Record<number, Partial<Record<Situation, number>>>> = {
  10_000: { cold: 20_000, unchanged: 2_000 },
};

type Situation = 'cold' | 'unchanged' | 'edit';
const SITUATIONS: readonly Situation[] = ['cold', 'unchanged', 'edit'];
const LABELS: Record<Situation, string> = {
  cold: 'cold (no cache)',
  unchanged: 'unchanged',
  edit: 'one file edited',
};

interface Measurement {
  readonly ms: number;
  /** Peak resident set size in bytes, or undefined if it could not be read. */
  readonly peakBytes: number | undefined;
  /** User + system CPU seconds, when GNU time reported them. */
  readonly cpuSeconds: number | undefined;
  readonly exitCode: number | null;
  readonly summary: string;
}

interface Setup {
  /** Absolute path of `src/cli/check.ts` to run. */
  readonly cli: string;
  readonly useTime: boolean;
  readonly rounds: number;
  readonly keep: boolean;
}

/**
 * The cache key digests the checker's own source (src/article, src/markdown, package-lock.json),
 * so an edit to src/ by anyone during a run would turn "unchanged" into a full re-check. Unless
 * --live is given, the benchmark runs a copy of src/ taken when it starts (with the project's
 * node_modules linked in), so every run measures the same code.
 */
async function snapshotChecker(into: string): Promise<string> {
  await mkdir(into, { recursive: true });
  await cp(path.join(ROOT, 'src'), path.join(into, 'src'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    await cp(path.join(ROOT, file), path.join(into, file));
  }
  await symlink(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'), 'dir');
  return path.join(into, 'src', 'cli', 'check.ts');
}

/** Modification time of the cache file, to tell whether a run rewrote it. */
async function cacheStamp(cacheDir: string): Promise<number | undefined> {
  return stat(path.join(cacheDir, 'check.json'))
    .then((info) => info.mtimeMs)
    .catch(() => undefined);
}

/** Runs the check CLI on `corpus` from `cwd`, measuring wall time and peak RSS. */
async function runCheck(corpus: string, cwd: string, setup: Setup): Promise<Measurement> {
  const { useTime } = setup;
  const args = [setup.cli, corpus];
  const timeFile = path.join(cwd, 'time.txt');
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime
    ? ['-f', '%M %U %S', '-o', timeFile, process.execPath, ...args]
    : args;

  const started = performance.now();
  const child = spawn(command, commandArgs, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
  });

  // Fallback: VmHWM is the process's high-water mark, so the last sample is the largest seen.
  let sampled: number | undefined;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        readFile(`/proc/${String(child.pid)}/status`, 'utf8')
          .then((status) => {
            const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
            if (kb !== undefined) sampled = Math.max(sampled ?? 0, Number(kb) * 1024);
          })
          .catch(() => undefined);
      }, 20);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve(code);
    });
  });
  const ms = performance.now() - started;
  if (sampler) clearInterval(sampler);

  let peakBytes = sampled;
  let cpuSeconds: number | undefined;
  if (useTime) {
    const fields = (await readFile(timeFile, 'utf8')).trim().split('\n').pop()?.split(' ') ?? [];
    const [maxKb, user, system] = fields.map(Number);
    if (maxKb !== undefined && Number.isFinite(maxKb)) peakBytes = maxKb * 1024;
    if (user !== undefined && system !== undefined) cpuSeconds = user + system;
  }
  const summary = stdout.trim().split('\n').pop() ?? '';
  return { ms, peakBytes, cpuSeconds, exitCode, summary };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? NaN;
  return ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export function medianOf(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : median(known);
}

export const thousands = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

interface SizeResult {
  readonly size: number;
  readonly megabytes: number;
  readonly generateMs: number;
  readonly runs: Record<Situation, Measurement[]>;
  /** Unchanged runs that rewrote the cache (so were not really warm). */
  readonly invalidations: number;
}

async function benchSize(size: number, setup: Setup): Promise<SizeResult> {
  const { rounds, keep } = setup;
  const root = await mkdtemp(path.join(tmpdir(), `dossier-bench-check-${String(size)}-`));
  const corpus = path.join(root, 'corpus');
  const cwd = path.join(root, 'cwd');
  await mkdir(cwd);
  try {
    const started = performance.now();
    const generated = await generateCorpus(corpus, size);
    const generateMs = performance.now() - started;
    process.stdout.write(
      `\n${thousands(size)} articles (${(generated.bytes / 1e6).toFixed(1)} MB) generated in ${(generateMs / 1000).toFixed(1)} s into ${corpus}\n`,
    );

    // The edited article: one in the middle; each edit adds a different sentence to it.
    const editedFile = path.join(corpus, generated.files[Math.floor(size / 2)] ?? '');
    const original = await readFile(editedFile, 'utf8');
    const cacheDir = path.join(cwd, 'node_modules', '.cache', 'dossier');

    const runs: Record<Situation, Measurement[]> = { cold: [], unchanged: [], edit: [] };
    let invalidations = 0;
    for (let round = 1; round <= rounds; round++) {
      for (const situation of SITUATIONS) {
        if (situation === 'cold') await rm(cacheDir, { recursive: true, force: true });
        if (situation === 'edit') {
          await writeFile(
            editedFile,
            `${original}\nEditor's note: revised in benchmark round ${String(round)}.\n`,
          );
        }
        const before = await cacheStamp(cacheDir);
        const measurement = await runCheck(corpus, cwd, setup);
        runs[situation].push(measurement);
        const clean = isClean(measurement, size);
        // With nothing changed the CLI leaves the cache alone; rewriting it means it re-checked.
        const invalidated = situation === 'unchanged' && (await cacheStamp(cacheDir)) !== before;
        if (invalidated) invalidations++;
        process.stdout.write(
          `  round ${String(round)} ${LABELS[situation].padEnd(16)} ${thousands(measurement.ms).padStart(7)} ms  ${formatMb(measurement.peakBytes).padStart(6)} MB  ${measurement.cpuSeconds === undefined ? '' : `${measurement.cpuSeconds.toFixed(1)} s CPU`}${clean ? '' : `  NOT CLEAN (exit ${String(measurement.exitCode)}): ${measurement.summary}`}${invalidated ? '  CACHE REWRITTEN: did the checker source change?' : ''}\n`,
        );
      }
    }
    return { size, megabytes: generated.bytes / 1e6, generateMs, runs, invalidations };
  } finally {
    if (keep) process.stdout.write(`  kept ${root}\n`);
    else await rm(root, { recursive: true, force: true });
  }
}

function isClean(measurement: Measurement, size: number): boolean {
  return (
    measurement.exitCode === 0 &&
    measurement.summary === `${String(size)} files checked: 0 errors, 0 warnings.`
  );
}

export function formatMb(bytes: number | undefined): string {
  return bytes === undefined ? '?' : (bytes / 1e6).toFixed(0);
}

function table(results: readonly SizeResult[]): string {
  const header = [
    'articles',
    'situation',
    'median ms',
    's',
    'peak RSS MB',
    'CPU s',
    'per article (cold)',
    'goal',
    'met',
  ];
  const rows: string[][] = [header];
  for (const result of results) {
    for (const situation of SITUATIONS) {
      const runs = result.runs[situation];
      const ms = median(runs.map((run) => run.ms));
      const peak = medianOf(runs.map((run) => run.peakBytes));
      const cpu = medianOf(runs.map((run) => run.cpuSeconds));
      const goal = GOALS[result.size]?.[situation];
      const clean = runs.every((run) => isClean(run, result.size));
      rows.push([
        thousands(result.size),
        LABELS[situation] + (clean ? '' : ' (NOT CLEAN)'),
        thousands(ms),
        (ms / 1000).toFixed(2),
        formatMb(peak),
        cpu === undefined ? '?' : cpu.toFixed(2),
        situation === 'cold'
          ? `${(ms / result.size).toFixed(2)} ms${cpu === undefined ? '' : ` (${((cpu * 1000) / result.size).toFixed(2)} CPU)`}`
          : '',
        goal === undefined ? '' : `< ${String(goal / 1000)} s`,
        goal === undefined ? '' : ms < goal ? 'yes' : 'NO',
      ]);
    }
  }
  return markdownTable(rows, new Set([2, 3, 4, 5, 6]));
}

/** A Markdown table: the first row is the header; columns in `right` are right-aligned. */
export function markdownTable(
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number>,
): string {
  const header = rows[0] ?? [];
  const widths = header.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => (right.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (right.has(column) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  const [first, ...rest] = rows;
  return [line(first ?? []), rule, ...rest.map(line)].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
      // Sample /proc/<pid>/status VmHWM even where GNU time is installed.
      sample: { type: 'boolean', default: false },
      // Run the project's src/ as it is on disk, not a snapshot taken at the start.
      live: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((text) => Number(text.trim().replaceAll('_', '')));
  const rounds = Number(values.runs);
  if (
    sizes.some((size) => !Number.isInteger(size) || size < 1) ||
    !Number.isInteger(rounds) ||
    rounds < 1
  ) {
    process.stderr.write(
      'Usage: npm run bench:check -- [--sizes 1000,10000] [--runs 3] [--keep] [--sample] [--live]\n',
    );
    return 2;
  }

  const useTime = !values.sample && existsSync(GNU_TIME);
  const snapshot = values.live
    ? undefined
    : await mkdtemp(path.join(tmpdir(), 'dossier-bench-src-'));
  const cli =
    snapshot === undefined
      ? path.join(ROOT, 'src', 'cli', 'check.ts')
      : await snapshotChecker(snapshot);
  const setup: Setup = { cli, useTime, rounds, keep: values.keep };
  process.stdout.write(
    `check benchmark: ${process.execPath} (${process.version}), ${String((await import('node:os')).availableParallelism())} cores, ${String(rounds)} rounds, peak memory from ${useTime ? 'GNU time %M (ru_maxrss)' : '/proc VmHWM sampling'}\nchecker: ${cli}${snapshot === undefined ? ' (live)' : ` (a copy of ${path.join(ROOT, 'src')} taken now)`}\n`,
  );
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) results.push(await benchSize(size, setup));
  } finally {
    if (snapshot !== undefined) await rm(snapshot, { recursive: true, force: true });
  }
  process.stdout.write(`\nMedians of ${String(rounds)} rounds:\n\n${table(results)}\n`);
  for (const result of results) {
    if (result.invalidations > 0) {
      process.stdout.write(
        `Warning: ${String(result.invalidations)} "unchanged" run(s) at ${thousands(result.size)} rewrote the cache: those were not warm runs.\n`,
      );
    }
  }
  return 0;
}

// Run only as a script: bench.ts imports the helpers above.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * `npm run bench [-- --sizes 1000,10000] [--runs 3,1] [--ref HEAD] [--profile] ...`: how long
 * Dossier takes to check and build a generated corpus, how much memory it needs, how large the
 * site is, whether an incremental build gives the same site as a cold one, and how all that
 * compares with a minimal plain Astro site building the same files.
 *
 * For each size it makes two temporary projects and puts the same corpus (scripts/corpus.ts) in
 * both, under content/articles:
 * - dossier: a copy of src/ (a snapshot taken when the benchmark starts; `--ref <commit>` takes it
 *   from git instead of the working tree), astro.config.mjs, tsconfig.json, package.json,
 *   package-lock.json (the checker's cache key reads it) and public/;
 * - baseline: Astro's built-in `glob()` loader with no schema, one page
 *   `src/pages/articles/[...slug].astro` rendering `<Content />` in a bare HTML document, the
 *   default Markdown processor, nothing else (drafts are skipped, as Dossier does).
 *
 * node_modules. Both caches live under node_modules and are resolved from the project root:
 * the checker's `node_modules/.cache/dossier` (reports, renderings, search shards, the record of
 * the pages a build can reuse, the replaced site's trash) and Astro's `cacheDir`,
 * `node_modules/.astro` (data store), plus Vite's `node_modules/.vite`. Through a
 * symlinked node_modules they would all land in the project's own node_modules, shared between the
 * benchmark projects and with the developer's builds. So each project gets a real node_modules
 * folder holding one symlink per entry of the project's node_modules, except the dot-folders (caches:
 * `.cache`, `.astro`, `.vite`, `.vite-temp`, ...; only `.bin` and `.package-lock.json` are linked).
 * Node and Vite resolve packages through the links to their real paths, as in the project itself;
 * the caches are written into the benchmark project (checked after the first build).
 *
 * What is measured, each run as a child process with its wall time, GNU `time -f %M` (peak RSS of
 * the largest process, worker threads included: they share it) and CPU seconds, and the peak of
 * the summed RSS of the whole process tree, sampled from /proc:
 * - check cold (`node src/cli/check.ts`, no cache) and check unchanged;
 * - cold build (the command line of package.json's `build` script, `node [flags]
 *   src/cli/build.ts`, with node_modules/.cache/dossier, node_modules/.astro,
 *   node_modules/.vite and dist/ removed), a rebuild with nothing changed, and a warm rebuild
 *   after one sentence of one article's body changed;
 * - the baseline's cold build (`astro build`: the CLI's bin run with this Node, as `npx astro
 *   build` does, caches and dist/ removed), the same again with its content compiled before (see
 *   below), and its rebuild after the same edit.
 * Situations alternate within each round (--runs rounds per size); tables show medians.
 *
 * Node's compile cache: both builds keep compiled code in one (`module.enableCompileCache()`:
 * Astro's CLI calls it unless CI is set, Dossier's build.ts always), and for plain Astro it
 * decides the result. Astro bundles its whole data store, the articles' text and rendered HTML,
 * into one module of the build (122 MB at 10,000 articles), named after a hash of its content.
 * Measured here at 10,000 articles: its page generation took 2 min 15 s (of a 2 min 50 s build)
 * with the tools' code cached but one article changed, 2 min 20 s with an empty cache, and 19 s
 * (of 57 s) when the cache held that very module from a build of the same content.
 * A cache that hands back compiled content is a content cache, so a cold build must not have it:
 * each project gets its own compile cache folder (NODE_COMPILE_CACHE), primed once, untimed, by
 * building a small corpus of other articles with the same code, so it holds the tools' and the
 * project's own code, as on any machine that has built a site before, and none of this corpus.
 * Every cold run starts from a fresh copy of that primed cache; warm runs keep what the runs
 * before them left. `baseline build, cold, content compiled before` shows the other reading: the
 * baseline rebuilt from scratch right after a cold build of the same content, caches removed but
 * its compile cache kept (what earlier versions of this benchmark reported as its cold build).
 * Dossier's build bundles no content (its build chunks are compiled from a folder named after the
 * build's process, so the compile cache never holds them), so it has no such variant. `check`
 * enables no compile cache, and runs without one.
 *
 * Correctness: the site of every warm build after an edit is compared, file by file and byte by
 * byte, with a cold build of the same content (the next round's cold build; after the last round
 * an extra cold build is made for it). A rebuild with nothing changed is compared with the cold
 * build before it.
 *
 * Page cache: before each run (untimed) it runs `sync` and reads the project's content, src/ and
 * caches and the packages' code once, so every run starts from a warm OS cache, whatever ran
 * before it (see settle(); --no-warm turns this off). Disk reads that still happen during a run
 * (GNU time %I) and the share of the run during which some task waited for I/O (PSI) are shown.
 *
 * Load: before each run it waits (up to --quiet-wait seconds) until the rest of the machine is
 * nearly idle, and after it, computes how much CPU other processes used during the run (the
 * machine's busy time from /proc/stat minus the run's and the benchmark's own CPU). A run with
 * more than --max-foreign of the machine used by others is repeated (up to --retries times), and
 * flagged if it still was.
 *
 * `--profile` adds one cold build of the largest size run with `node --cpu-prof` (each thread,
 * workers included, writes a profile) and summarises it with scripts/cpuprofile-summary.ts.
 * Build phases are timed from when Astro's log lines appear (each line is timestamped as it
 * arrives; logs are kept with --keep). For experiments, `--only` limits the situations measured
 * and `--astro-config <file>` builds Dossier with another astro.config.mjs.
 *
 * A benchmark prints; it asserts nothing. Goals are shown next to the figures.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatMb, markdownTable, median, medianOf, thousands } from './bench-check.ts';
import { generateCorpus } from './corpus.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GNU_TIME = '/usr/bin/time';
const CORES = availableParallelism();
const TICKS_PER_SECOND = 100;

// ---------------------------------------------------------------------------------------------
// Situations and goals
// ---------------------------------------------------------------------------------------------

type Situation =
  | 'check-cold'
  | 'check-unchanged'
  | 'build-cold'
  | 'baseline-cold'
  | 'build-nochange'
  | 'build-edit'
  | 'baseline-cold-compiled'
  | 'baseline-edit';

/** The order of a round: Dossier's and the baseline's runs alternate. */
const ROUND: readonly Situation[] = [
  'check-cold',
  'check-unchanged',
  'build-cold',
  'baseline-cold',
  'baseline-cold-compiled',
  'build-nochange',
  'build-edit',
  'baseline-edit',
];

const LABELS: Record<Situation, string> = {
  'check-cold': 'check, cold',
  'check-unchanged': 'check, unchanged',
  'build-cold': 'build, cold',
  'build-nochange': 'build, nothing changed',
  'build-edit': 'build, one edit (warm)',
  'baseline-cold': 'baseline build, cold',
  'baseline-cold-compiled': 'baseline build, cold, content compiled before',
  'baseline-edit': 'baseline build, one edit',
};

/** Goals from the brief at 10,000 articles (ms). Peak memory < 1.8 GB for every run. */
const TIME_GOALS: Readonly<Record<number, Partial<Record<Situation, number>>>> = {
  10_000: { 'check-cold': 20_000, 'check-unchanged': 2_000, 'build-edit': 10_000 },
};
const MEMORY_GOAL = 1.8e9;
const MEMORY_GOAL_SIZE = 10_000;

// ---------------------------------------------------------------------------------------------
// Measuring one child process
// ---------------------------------------------------------------------------------------------

interface Measurement {
  readonly ms: number;
  /** GNU time %M: the peak RSS of the largest process in the tree. */
  readonly peakBytes: number | undefined;
  /** The peak of the sum of the RSS of every process in the tree, sampled. */
  readonly treePeakBytes: number | undefined;
  /** Seconds from the start at which that peak was sampled. */
  readonly treePeakAt: number | undefined;
  /** Most processes seen in the tree at once (GNU time itself not counted). */
  readonly processes: number;
  /** User + system CPU seconds of the tree, from GNU time. */
  readonly cpuSeconds: number | undefined;
  /** Share of the machine (0–1) other processes used during the run. */
  readonly foreign: number;
  /** Bytes the tree read from and wrote to the disk (GNU time %I and %O), not the page cache. */
  readonly diskReadBytes: number | undefined;
  readonly diskWriteBytes: number | undefined;
  /** Share of the run (0–1) during which some task on the machine waited for I/O (PSI). */
  readonly ioStall: number | undefined;
  readonly exitCode: number | null;
  /** Last lines of output. */
  readonly tail: string[];
  /** Seconds from the start at which known lines of Astro's output appeared. */
  readonly marks: Partial<Record<Mark, number>>;
  readonly log: string;
}

type Mark =
  'contentStart' | 'contentEnd' | 'entrypoints' | 'routes' | 'routesDone' | 'sitemap' | 'complete';

const MARKS: readonly (readonly [Mark, RegExp, Mark | undefined])[] = [
  ['contentStart', /\[content\] Syncing content/, undefined],
  ['contentEnd', /\[content\] Synced content/, undefined],
  ['entrypoints', /Building static entrypoints/, undefined],
  ['routes', /generating static routes/, undefined],
  ['routesDone', /✓ Completed in/, 'routes'],
  ['sitemap', /\[@astrojs\/sitemap\]/, undefined],
  ['complete', /\[build\] Complete!/, undefined],
];

interface CpuTicks {
  readonly busy: number;
  readonly total: number;
}

async function cpuTicks(): Promise<CpuTicks> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0] ?? '';
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is included in user already)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** Microseconds some task has waited for I/O since boot (pressure stall information). */
async function ioStallMicroseconds(): Promise<number | undefined> {
  const text = await readFile('/proc/pressure/io', 'utf8').catch(() => '');
  const total = /^some .*total=(\d+)/m.exec(text)?.[1];
  return total === undefined ? undefined : Number(total);
}

/** CPU seconds this process (the benchmark: sampler, log writer) has used. */
function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

interface ProcInfo {
  readonly ppid: number;
  readonly rssBytes: number;
}

async function procInfo(pid: number): Promise<ProcInfo | undefined> {
  try {
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), rssBytes: Number(fields[21]) * 4096 };
  } catch {
    return undefined;
  }
}

/**
 * Samples the summed RSS of `root`'s descendants. Known members are read every tick; the whole of
 * /proc is scanned for new ones every fifth tick, which keeps the sampler's own CPU small.
 */
function treeSampler(root: number, intervalMs: number) {
  const members = new Set<number>();
  const started = performance.now();
  let peak = 0;
  let peakAt = 0;
  let processes = 0;
  let tick = 0;
  let busy = false;
  const scan = async () => {
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
    const infos = await Promise.all(pids.map(async (pid) => [pid, await procInfo(pid)] as const));
    const children = new Map<number, number[]>();
    for (const [pid, info] of infos) {
      if (!info) continue;
      const list = children.get(info.ppid) ?? [];
      list.push(pid);
      children.set(info.ppid, list);
    }
    const queue = [...(children.get(root) ?? [])];
    for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
      members.add(pid);
      queue.push(...(children.get(pid) ?? []));
    }
  };
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      // Until the tree has members (the first runs are short), scan every tick.
      if (tick++ % 5 === 0 || members.size === 0) await scan();
      let sum = 0;
      let alive = 0;
      for (const pid of [...members]) {
        const info = await procInfo(pid);
        if (!info) {
          members.delete(pid);
          continue;
        }
        sum += info.rssBytes;
        alive++;
      }
      if (sum > peak) {
        peak = sum;
        peakAt = (performance.now() - started) / 1000;
      }
      processes = Math.max(processes, alive);
    } finally {
      busy = false;
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peak: peak === 0 ? undefined : peak, peakAt, processes };
    },
  };
}

interface RunSpec {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: string;
}

interface Settings {
  readonly useTime: boolean;
  /** Sync and warm the page cache before each run. */
  readonly warm: boolean;
  readonly sampleMs: number;
  readonly maxForeign: number;
  readonly quietWaitMs: number;
  readonly retries: number;
}

/** Runs `node <args>` (via GNU time) and measures it; output goes, timestamped, to the log. */
async function measure(spec: RunSpec, settings: Settings): Promise<Measurement> {
  await mkdir(path.dirname(spec.log), { recursive: true });
  const timeFile = `${spec.log}.time`;
  const command = settings.useTime ? GNU_TIME : process.execPath;
  const commandArgs = settings.useTime
    ? ['-f', '%M %U %S %I %O', '-o', timeFile, process.execPath, ...spec.args]
    : [...spec.args];
  const out: WriteStream = createWriteStream(spec.log);
  const tail: string[] = [];
  const marks: Partial<Record<Mark, number>> = {};

  const ticksBefore = await cpuTicks();
  const stallBefore = await ioStallMicroseconds();
  const ownBefore = ownCpuSeconds();
  const started = performance.now();
  const child = spawn(command, commandArgs, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = child.pid === undefined ? undefined : treeSampler(child.pid, settings.sampleMs);
  const onLines = (stream: 'out' | 'err') => {
    let pending = '';
    return (chunk: string) => {
      const seconds = (performance.now() - started) / 1000;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        out.write(`${seconds.toFixed(3)} ${stream} ${line}\n`);
        tail.push(line);
        if (tail.length > 30) tail.shift();
        for (const [mark, pattern, after] of MARKS) {
          if (marks[mark] !== undefined) continue;
          if (after !== undefined && marks[after] === undefined) continue;
          if (pattern.test(line)) marks[mark] = seconds;
        }
      }
    };
  };
  child.stdout.setEncoding('utf8').on('data', onLines('out'));
  child.stderr.setEncoding('utf8').on('data', onLines('err'));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const ms = performance.now() - started;
  const tree = sampler?.stop();
  const ticksAfter = await cpuTicks();
  const stallAfter = await ioStallMicroseconds();
  const ownSeconds = ownCpuSeconds() - ownBefore;
  await new Promise<void>((resolve) => out.end(resolve));

  let peakBytes: number | undefined;
  let cpuSeconds: number | undefined;
  let diskReadBytes: number | undefined;
  let diskWriteBytes: number | undefined;
  if (settings.useTime) {
    const fields = (await readFile(timeFile, 'utf8')).trim().split('\n').pop()?.split(' ') ?? [];
    const [maxKb, user, system, blocksIn, blocksOut] = fields.map(Number);
    if (maxKb !== undefined && Number.isFinite(maxKb)) peakBytes = maxKb * 1024;
    if (user !== undefined && system !== undefined) cpuSeconds = user + system;
    // GNU time reports file system blocks of 512 bytes.
    if (blocksIn !== undefined && Number.isFinite(blocksIn)) diskReadBytes = blocksIn * 512;
    if (blocksOut !== undefined && Number.isFinite(blocksOut)) diskWriteBytes = blocksOut * 512;
  }
  const busySeconds = (ticksAfter.busy - ticksBefore.busy) / TICKS_PER_SECOND;
  // CPU seconds the machine could have given (all cores), and what others took of them.
  const capacity = (ticksAfter.total - ticksBefore.total) / TICKS_PER_SECOND;
  const foreignSeconds = busySeconds - (cpuSeconds ?? busySeconds) - ownSeconds;
  const foreign = capacity > 0 ? Math.max(0, foreignSeconds) / capacity : 0;
  return {
    ms,
    peakBytes,
    treePeakBytes: tree?.peak,
    treePeakAt: tree?.peakAt,
    processes: tree?.processes ?? 0,
    cpuSeconds,
    foreign,
    diskReadBytes,
    diskWriteBytes,
    ioStall:
      stallBefore === undefined || stallAfter === undefined
        ? undefined
        : (stallAfter - stallBefore) / 1000 / ms,
    exitCode,
    tail,
    marks,
    log: spec.log,
  };
}

/** Waits until other processes use less than `maxForeign` of the machine, or gives up. */
async function waitForQuiet(settings: Settings): Promise<number> {
  const deadline = performance.now() + settings.quietWaitMs;
  let said = false;
  for (;;) {
    const before = await cpuTicks();
    const own = ownCpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await cpuTicks();
    const busy = (after.busy - before.busy) / TICKS_PER_SECOND - (ownCpuSeconds() - own);
    const share =
      Math.max(0, busy) / Math.max(1e-9, (after.total - before.total) / TICKS_PER_SECOND);
    if (share < settings.maxForeign) return share;
    if (performance.now() > deadline) {
      process.stdout.write(
        `    (the machine is still ${(share * 100).toFixed(0)}% busy; measuring anyway)\n`,
      );
      return share;
    }
    if (!said) {
      process.stdout.write(
        `    waiting for other processes to finish (${(share * 100).toFixed(0)}% of the machine busy)...\n`,
      );
      said = true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The page cache
// ---------------------------------------------------------------------------------------------

/** Code the runs load from the project's node_modules, and Node itself. */
const CODE = /\.(?:[cm]?js|json|node|wasm)$/;
let codeFiles: Promise<string[]> | undefined;

async function listCode(): Promise<string[]> {
  const from = path.join(ROOT, 'node_modules');
  const files: string[] = [];
  for (const name of await readdir(from)) {
    if (name.startsWith('.')) continue;
    const entries = await readdir(path.join(from, name), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && (CODE.test(entry.name) || entry.name === 'node'))
        files.push(path.join(entry.parentPath, entry.name));
    }
  }
  return files;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Gets a project ready for a run, outside the timing: first `sync`, so data a previous run (or
 * the benchmark's own copies) left to be written does not compete with this run for the disk;
 * then every file the run reads is read once, so that it starts from a warm page cache, as after
 * a recent build on a developer's machine. (Some virtual machines page out file data idle for
 * a few tens of seconds: on this benchmark's VM, DAMON pages out page cache idle for 30 s, which
 * made a run's time depend on how long the run before it took.) Disk reads left during a run are
 * reported (GNU time %I).
 */
async function settle(project: string, settings: Settings): Promise<void> {
  if (!settings.warm) return;
  await new Promise<void>((resolve) => {
    const child = spawn('sync', [], { stdio: 'ignore' });
    child.on('error', () => {
      resolve();
    });
    child.on('close', () => {
      resolve();
    });
  });
  codeFiles ??= listCode();
  const files = [
    ...(await codeFiles),
    ...(
      await Promise.all(
        ['content', 'src', 'node_modules/.cache', 'node_modules/.astro', 'node_modules/.vite'].map(
          (dir) => filesUnder(path.join(project, dir)),
        ),
      )
    ).flat(),
  ];
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(files.slice(i, i + 64).map((file) => readFile(file).catch(() => undefined)));
  }
}

// ---------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------

/** The files of Dossier a benchmark project needs, besides node_modules and content. */
const PROJECT_FILES = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];

/**
 * Copies src/ and the project files once, at the start, so that edits made to the project while
 * the benchmark runs do not change what it measures: from the working tree, or from a git commit
 * (`git archive`, which only reads the repository).
 */
async function snapshotSource(into: string, ref: string | undefined): Promise<string> {
  await mkdir(into, { recursive: true });
  if (ref === undefined) {
    await cp(path.join(ROOT, 'src'), path.join(into, 'src'), { recursive: true });
    for (const file of PROJECT_FILES) await cp(path.join(ROOT, file), path.join(into, file));
    if (existsSync(path.join(ROOT, 'public')))
      await cp(path.join(ROOT, 'public'), path.join(into, 'public'), { recursive: true });
    return `a copy of ${path.join(ROOT, 'src')} (working tree) taken now`;
  }
  const tracked = (await output('git', ['ls-tree', '--name-only', ref])).split('\n');
  const paths = ['src', ...PROJECT_FILES, ...(tracked.includes('public') ? ['public'] : [])];
  const archive = spawn('git', ['archive', '--format=tar', ref, ...paths], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'inherit', 'inherit'] });
  archive.stdout.pipe(tar.stdin);
  const codes = await Promise.all(
    [archive, tar].map(
      (child) =>
        new Promise<number | null>((resolve, reject) => {
          child.on('error', reject);
          child.on('close', resolve);
        }),
    ),
  );
  if (codes.some((code) => code !== 0)) throw new Error(`git archive ${ref} failed`);
  const commit = (await output('git', ['rev-parse', '--short', ref])).trim();
  return `${paths.join(', ')} of ${ref} (${commit}) from git`;
}

/** The standard output of a command run in the project folder. */
function output(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(text);
      else reject(new Error(`${command} ${args.join(' ')} failed`));
    });
  });
}

/** A real node_modules folder linking every package of the project's, but none of its caches. */
async function linkNodeModules(project: string): Promise<void> {
  const from = path.join(ROOT, 'node_modules');
  const into = path.join(project, 'node_modules');
  await mkdir(into);
  for (const name of await readdir(from)) {
    if (name.startsWith('.') && name !== '.bin' && name !== '.package-lock.json') continue;
    await symlink(path.join(from, name), path.join(into, name));
  }
}

async function makeDossierProject(project: string, snapshot: string): Promise<void> {
  await mkdir(project, { recursive: true });
  await cp(path.join(snapshot, 'src'), path.join(project, 'src'), { recursive: true });
  for (const file of PROJECT_FILES) await cp(path.join(snapshot, file), path.join(project, file));
  if (existsSync(path.join(snapshot, 'public')))
    await cp(path.join(snapshot, 'public'), path.join(project, 'public'), { recursive: true });
  await linkNodeModules(project);
}

const BASELINE_FILES: Readonly<Record<string, string>> = {
  'package.json': `${JSON.stringify({ name: 'baseline', private: true, type: 'module' }, null, 2)}\n`,
  'astro.config.mjs': `import { defineConfig } from 'astro/config';

export default defineConfig({});
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

export const collections = {
  articles: defineCollection({
    loader: glob({ pattern: '**/*.md', base: './content/articles' }),
  }),
};
`,
  'src/pages/articles/[...slug].astro': `---
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
  const entries = await getCollection('articles', (entry) => entry.data.draft !== true);
  return entries.map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}

const { entry } = Astro.props;
const { Content } = await render(entry);
---

<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>{entry.data.title}</title>
  </head>
  <body>
    <Content />
  </body>
</html>
`,
};

async function makeBaselineProject(project: string): Promise<void> {
  for (const [file, text] of Object.entries(BASELINE_FILES)) {
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await writeFile(path.join(project, file), text);
  }
  await linkNodeModules(project);
}

/** Caches a cold build starts without. */
const CACHES = ['node_modules/.cache/dossier', 'node_modules/.astro', 'node_modules/.vite'];

async function removeCaches(project: string): Promise<void> {
  for (const dir of CACHES) await rm(path.join(project, dir), { recursive: true, force: true });
  for (const name of await readdir(project)) {
    if (name === 'dist' || name.startsWith('dist.'))
      await rm(path.join(project, name), { recursive: true, force: true });
  }
}

/** Every cache a run wrote must be inside the benchmark project, not the developer's. */
async function cachesInside(project: string): Promise<string[]> {
  const problems: string[] = [];
  for (const dir of CACHES) {
    const full = path.join(project, dir);
    if (!existsSync(full)) continue;
    const real = await realpath(full);
    if (!real.startsWith(`${project}/`)) problems.push(`${dir} resolves to ${real}`);
  }
  return problems;
}

/** The compile caches of one size's projects (see the top of this file). */
interface CompileCaches {
  /** Holds the code both builds run and nothing of the corpus. */
  readonly tools: string;
  /** Each project's own, used by its build runs. */
  readonly dossier: string;
  readonly baseline: string;
}

/** Articles of the corpus that primes the compile cache: enough to run every page's code. */
const PRIMER_ARTICLES = 24;

/** Runs a build outside any measurement; it must succeed. */
function buildQuietly(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`priming build in ${cwd} failed (exit ${String(code)}):\n${errors}`));
    });
  });
}

/**
 * Builds each project once from a small corpus of other articles (another seed), with a compile
 * cache of its own, so that cache holds the code of Astro, Vite and the project and nothing
 * compiled from the corpus measured; then leaves the projects without content, caches or site.
 */
async function primeCompileCaches(
  root: string,
  projects: { readonly dossier: string; readonly baseline?: string },
  dossierArgs: readonly string[],
): Promise<CompileCaches> {
  const dir = path.join(root, 'compile-cache');
  const caches = {
    tools: path.join(dir, 'tools'),
    dossier: path.join(dir, 'dossier'),
    baseline: path.join(dir, 'baseline'),
  };
  const env = childEnv({ NODE_COMPILE_CACHE: caches.tools });
  const builds: [string, readonly string[]][] = [[projects.dossier, dossierArgs]];
  if (projects.baseline !== undefined)
    builds.push([
      projects.baseline,
      [path.join(projects.baseline, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'],
    ]);
  for (const [project, args] of builds) {
    const content = path.join(project, 'content');
    await generateCorpus(path.join(content, 'articles'), PRIMER_ARTICLES, { seed: 'primer' });
    await buildQuietly(args, project, env);
    await removeCaches(project);
    await rm(content, { recursive: true, force: true });
  }
  return caches;
}

/** Makes `dir` a fresh copy of the primed compile cache, for a cold run. */
async function freshCompileCache(tools: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await cp(tools, dir, { recursive: true });
}

// ---------------------------------------------------------------------------------------------
// The edit
// ---------------------------------------------------------------------------------------------

/**
 * Changes one sentence of the body: the first sentence of the first paragraph gets a clause
 * naming the revision, before its citation, so citations and everything else stay as they were.
 */
export function editSentence(text: string, revision: number): string {
  const end = text.indexOf('\n---\n', 3);
  if (end < 0) throw new Error('no frontmatter');
  const lines = text.slice(end + 5).split('\n');
  const index = lines.findIndex((line) => /^\p{L}/u.test(line));
  const line = lines[index];
  if (line === undefined) throw new Error('no paragraph');
  const match = /^(.*?)((?:\s*\[@[^\]]+\])?)\.(\s|$)/u.exec(line);
  if (!match) throw new Error('no sentence');
  const [whole, words = '', citation = '', after = ''] = match;
  lines[index] =
    `${words}, as revised in edit ${String(revision)}${citation}.${after}${line.slice(whole.length)}`;
  return `${text.slice(0, end + 5)}${lines.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// The site: size and comparison
// ---------------------------------------------------------------------------------------------

interface SiteFile {
  readonly size: number;
  readonly hash: string;
}
type Manifest = Map<string, SiteFile>;

async function manifestOf(dir: string): Promise<Manifest> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  const manifest: Manifest = new Map();
  for (let i = 0; i < files.length; i += 64) {
    const batch = files.slice(i, i + 64);
    const read = await Promise.all(batch.map((file) => readFile(path.join(dir, file))));
    batch.forEach((file, j) => {
      const bytes = read[j] ?? Buffer.alloc(0);
      manifest.set(file, {
        size: bytes.length,
        hash: createHash('sha1').update(bytes).digest('hex'),
      });
    });
  }
  return manifest;
}

interface SiteSize {
  readonly files: number;
  readonly bytes: number;
  readonly pages: number;
  readonly largest: { readonly file: string; readonly size: number } | undefined;
  /** Pages over 500 KB, largest first. */
  readonly heavy: readonly { readonly file: string; readonly size: number }[];
}

const HEAVY_PAGE = 500 * 1024;

function siteSize(manifest: Manifest): SiteSize {
  let bytes = 0;
  const pages: { file: string; size: number }[] = [];
  for (const [file, { size }] of manifest) {
    bytes += size;
    if (file.endsWith('.html')) pages.push({ file, size });
  }
  pages.sort((a, b) => b.size - a.size);
  return {
    files: manifest.size,
    bytes,
    pages: pages.length,
    largest: pages[0],
    heavy: pages.filter((page) => page.size > HEAVY_PAGE),
  };
}

interface Comparison {
  readonly what: string;
  /** Files in the first site. */
  readonly files: number;
  readonly onlyFirst: string[];
  readonly onlySecond: string[];
  readonly different: string[];
  /** The first differences, shown. */
  readonly details: string[];
}

async function compareSites(
  what: string,
  first: { readonly manifest: Manifest; readonly dir: string },
  second: { readonly manifest: Manifest; readonly dir: string },
): Promise<Comparison> {
  const onlyFirst = [...first.manifest.keys()].filter((file) => !second.manifest.has(file));
  const onlySecond = [...second.manifest.keys()].filter((file) => !first.manifest.has(file));
  const different = [...first.manifest].filter(([file, a]) => {
    const b = second.manifest.get(file);
    return b !== undefined && (b.hash !== a.hash || b.size !== a.size);
  });
  const details: string[] = [];
  for (const [file] of different.slice(0, 5)) {
    const a = await readFile(path.join(first.dir, file), 'utf8').catch(() => '');
    const b = await readFile(path.join(second.dir, file), 'utf8').catch(() => '');
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 60), at + 60));
    details.push(`${file} (first difference at character ${String(at)}):`);
    details.push(`      cold: ${around(a)}`);
    details.push(`      warm: ${around(b)}`);
  }
  return {
    what,
    files: first.manifest.size,
    onlyFirst,
    onlySecond,
    different: different.map(([file]) => file),
    details,
  };
}

/** The result of a comparison, differences summed up by folder, then the first ones shown. */
function describe(comparison: Comparison, indent: string): string[] {
  if (sameSite(comparison))
    return [
      `${indent}same site, byte for byte (${thousands(comparison.files)} files): ${comparison.what}`,
    ];
  const folders = new Map<string, [number, number, number]>();
  const count = (files: readonly string[], column: 0 | 1 | 2) => {
    for (const file of files) {
      const folder = file.includes('/') ? `${file.slice(0, file.indexOf('/'))}/` : '(top level)';
      const counts = folders.get(folder) ?? [0, 0, 0];
      counts[column]++;
      folders.set(folder, counts);
    }
  };
  count(comparison.different, 0);
  count(comparison.onlyFirst, 1);
  count(comparison.onlySecond, 2);
  return [
    `${indent}SITES DIFFER: ${comparison.what}:`,
    ...[...folders].map(
      ([folder, [different, first, second]]) =>
        `${indent}  ${folder}: ${String(different)} differ, ${String(first)} only in the cold build, ${String(second)} only in the other`,
    ),
    ...comparison.details.map((line) => `${indent}  ${line}`),
  ];
}

function sameSite(comparison: Comparison): boolean {
  return (
    comparison.onlyFirst.length === 0 &&
    comparison.onlySecond.length === 0 &&
    comparison.different.length === 0
  );
}

// ---------------------------------------------------------------------------------------------
// One size
// ---------------------------------------------------------------------------------------------

interface Run extends Measurement {
  readonly situation: Situation;
  readonly round: number;
  readonly attempt: number;
  readonly clean: boolean;
}

interface SizeResult {
  readonly size: number;
  readonly megabytes: number;
  readonly articles: { readonly drafts: number; readonly italian: number };
  readonly rounds: number;
  readonly runs: Run[];
  readonly dossierSite: SiteSize | undefined;
  readonly baselineSite: SiteSize | undefined;
  readonly comparisons: Comparison[];
  readonly cacheProblems: string[];
  readonly profile: string | undefined;
}

interface Options extends Settings {
  readonly snapshot: string;
  readonly runs: number;
  readonly keep: boolean;
  readonly baseline: boolean;
  readonly profile: boolean;
  readonly root: string;
  /** Situations to measure; all when undefined. */
  readonly only: ReadonlySet<Situation> | undefined;
  /** An astro.config.mjs to build Dossier with instead of the project's (experiments). */
  readonly astroConfig: string | undefined;
}

/**
 * Node's arguments for Dossier's build, as `npm run build` passes them (the project's
 * package.json): its flags decide the build's memory, so the benchmark runs the same command.
 */
async function buildArgs(project: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.build ?? '';
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== 'node' || args.length === 0)
    throw new Error(`package.json's build script is not a node command line: "${script}"`);
  return args;
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
  if (extra.NODE_COMPILE_CACHE === undefined) delete env.NODE_COMPILE_CACHE;
  if (extra.NODE_DISABLE_COMPILE_CACHE === undefined) delete env.NODE_DISABLE_COMPILE_CACHE;
  return env;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '?' : (ms / 1000).toFixed(2);
}

async function benchSize(size: number, options: Options): Promise<SizeResult> {
  const root = await mkdtemp(path.join(options.root, `size-${String(size)}-`));
  const dossier = path.join(root, 'dossier');
  const baseline = path.join(root, 'baseline');
  const copies = path.join(root, 'copies');
  const logs = path.join(root, 'logs');
  const started = performance.now();
  await makeDossierProject(dossier, options.snapshot);
  if (options.astroConfig !== undefined)
    await cp(options.astroConfig, path.join(dossier, 'astro.config.mjs'));
  const articlesDir = path.join(dossier, 'content', 'articles');
  if (options.baseline) await makeBaselineProject(baseline);
  const dossierBuild = await buildArgs(dossier);
  const caches = await primeCompileCaches(
    root,
    { dossier, ...(options.baseline && { baseline }) },
    dossierBuild,
  );
  const generated = await generateCorpus(articlesDir, size);
  if (options.baseline)
    await cp(path.join(dossier, 'content'), path.join(baseline, 'content'), { recursive: true });
  process.stdout.write(
    `\n${thousands(size)} articles (${(generated.bytes / 1e6).toFixed(1)} MB, ${String(generated.drafts)} drafts) in ${root}, made in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );

  // The edited article: one in the middle, as in bench:check.
  const editedPath = generated.files[Math.floor(size / 2)] ?? '';
  const original = await readFile(path.join(articlesDir, editedPath), 'utf8');
  /** The last edit made (0: the article as generated). */
  let revision = 0;
  const edit = async (project: string, to: number) => {
    const file = path.join(project, 'content', 'articles', editedPath);
    await writeFile(file, to === 0 ? original : editSentence(original, to));
  };
  /** The revision of the edited article Dossier's content has now. */
  const dossierRevision = { content: 0 };

  const runs: Run[] = [];
  const comparisons: Comparison[] = [];
  const cacheProblems = new Set<string>();
  let dossierSite: SiteSize | undefined;
  let baselineSite: SiteSize | undefined;
  /** Copies of dist/ kept for comparisons, by the revision of the content they were built from. */
  let lastCold: { revision: number; manifest: Manifest; dir: string } | undefined;
  let lastWarm: { revision: number; manifest: Manifest; dir: string } | undefined;

  const keepCopy = async (name: string) => {
    const dir = path.join(copies, name);
    await rm(dir, { recursive: true, force: true });
    await cp(path.join(dossier, 'dist'), dir, { recursive: true });
    return dir;
  };

  const afterCold = async (run: Run) => {
    if (!run.clean) return;
    const manifest = await manifestOf(path.join(dossier, 'dist'));
    dossierSite = siteSize(manifest);
    const dir = await keepCopy('cold');
    lastCold = { revision: dossierRevision.content, manifest, dir };
    if (lastWarm?.revision === dossierRevision.content && !compared.has(lastWarm.revision)) {
      compared.add(lastWarm.revision);
      const comparison = await compareSites(
        `warm build after edit ${String(lastWarm.revision)} vs a cold build of the same content`,
        lastCold,
        lastWarm,
      );
      comparisons.push(comparison);
      report(comparison);
    }
  };
  const afterNoChange = async (run: Run) => {
    if (!run.clean || lastCold?.revision !== dossierRevision.content) return;
    const manifest = await manifestOf(path.join(dossier, 'dist'));
    const comparison = await compareSites(
      `rebuild with nothing changed vs the cold build before it (round ${String(run.round)})`,
      lastCold,
      { manifest, dir: path.join(dossier, 'dist') },
    );
    comparisons.push(comparison);
    report(comparison);
  };
  const afterEdit = async (run: Run) => {
    if (!run.clean) return;
    const manifest = await manifestOf(path.join(dossier, 'dist'));
    const dir = await keepCopy('warm');
    lastWarm = { revision: dossierRevision.content, manifest, dir };
  };
  /** Revisions whose warm build was compared already. */
  const compared = new Set<number>();
  const report = (comparison: Comparison) => {
    process.stdout.write(`${describe(comparison, '    ').join('\n')}\n`);
  };

  const node = (project: string, args: readonly string[]) => ({ project, args });
  const astroBin = path.join(baseline, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const dossierBuilds = { NODE_COMPILE_CACHE: caches.dossier };
  const baselineBuilds = { NODE_COMPILE_CACHE: caches.baseline };
  const steps: Record<
    Situation,
    {
      prepare: (attempt: number) => Promise<void>;
      run: { project: string; args: readonly string[] };
      env?: Record<string, string>;
      kind: 'check' | 'build';
      after?: (run: Run) => Promise<void>;
    }
  > = {
    'check-cold': {
      prepare: () => rm(path.join(dossier, CACHES[0] ?? ''), { recursive: true, force: true }),
      run: node(dossier, ['src/cli/check.ts']),
      kind: 'check',
    },
    'check-unchanged': {
      prepare: () => Promise.resolve(),
      run: node(dossier, ['src/cli/check.ts']),
      kind: 'check',
    },
    'build-cold': {
      prepare: async () => {
        await removeCaches(dossier);
        await freshCompileCache(caches.tools, caches.dossier);
      },
      run: node(dossier, dossierBuild),
      env: dossierBuilds,
      kind: 'build',
      after: afterCold,
    },
    'build-nochange': {
      prepare: () => Promise.resolve(),
      run: node(dossier, dossierBuild),
      env: dossierBuilds,
      kind: 'build',
      after: afterNoChange,
    },
    'build-edit': {
      prepare: async () => {
        revision++;
        await edit(dossier, revision);
        dossierRevision.content = revision;
      },
      run: node(dossier, dossierBuild),
      env: dossierBuilds,
      kind: 'build',
      after: afterEdit,
    },
    'baseline-cold': {
      prepare: async () => {
        await removeCaches(baseline);
        await freshCompileCache(caches.tools, caches.baseline);
      },
      run: node(baseline, [astroBin, 'build']),
      env: baselineBuilds,
      kind: 'build',
    },
    'baseline-cold-compiled': {
      // Right after a cold build of the same content: its compile cache holds the data store's
      // module, compiled (see the top of this file).
      prepare: () => removeCaches(baseline),
      run: node(baseline, [astroBin, 'build']),
      env: baselineBuilds,
      kind: 'build',
    },
    'baseline-edit': {
      prepare: async (attempt) => {
        // The same edit as Dossier's last one; a measurement taken again needs another one.
        const to = attempt === 1 ? revision : revision + 1000 * attempt;
        await edit(baseline, to);
      },
      run: node(baseline, [astroBin, 'build']),
      env: baselineBuilds,
      kind: 'build',
    },
  };

  const measureStep = async (situation: Situation, round: number): Promise<Run> => {
    const step = steps[situation];
    let run: Run | undefined;
    for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
      await step.prepare(attempt);
      await settle(step.run.project, options);
      await waitForQuiet(options);
      const measurement = await measure(
        {
          args: step.run.args,
          cwd: step.run.project,
          env: childEnv(step.env),
          log: path.join(logs, `${situation}-${String(round)}-${String(attempt)}.log`),
        },
        options,
      );
      const clean =
        measurement.exitCode === 0 &&
        (step.kind === 'build' ||
          measurement.tail.some(
            (line) => line === `${String(size)} files checked: 0 errors, 0 warnings.`,
          ));
      run = { ...measurement, situation, round, attempt, clean };
      const busy = measurement.foreign > options.maxForeign;
      process.stdout.write(
        `  round ${String(round)} ${LABELS[situation].padEnd(40)} ${seconds(measurement.ms).padStart(8)} s  ${formatMb(measurement.peakBytes).padStart(5)} MB (tree ${formatMb(measurement.treePeakBytes)} MB at ${measurement.treePeakAt?.toFixed(0) ?? '?'} s)  ${measurement.cpuSeconds === undefined ? '' : `${measurement.cpuSeconds.toFixed(1)} s CPU`}  others ${(measurement.foreign * 100).toFixed(0)}%  disk read ${formatMb(measurement.diskReadBytes)} MB  I/O stall ${measurement.ioStall === undefined ? '?' : (measurement.ioStall * 100).toFixed(0)}%${clean ? '' : `  FAILED (exit ${String(measurement.exitCode)}), see ${measurement.log}:\n${measurement.tail.slice(-8).join('\n')}`}${busy ? '  BUSY MACHINE' : ''}\n`,
      );
      for (const problem of await cachesInside(step.run.project)) cacheProblems.add(problem);
      if (!busy || !clean) break;
      if (attempt <= options.retries) process.stdout.write('    measuring again\n');
    }
    if (!run) throw new Error('no run');
    runs.push(run);
    await step.after?.(run);
    return run;
  };

  const situations = ROUND.filter(
    (situation) =>
      (options.baseline || !situation.startsWith('baseline')) &&
      (options.only?.has(situation) ?? true),
  );
  try {
    for (let round = 1; round <= options.runs; round++) {
      for (const situation of situations) await measureStep(situation, round);
    }
    // The last warm build still needs a cold build of the same content to be compared with.
    if (lastWarm !== undefined && lastCold?.revision !== lastWarm.revision) {
      process.stdout.write(
        '  a cold build of the edited content, to compare the last warm build with:\n',
      );
      await measureStep('build-cold', options.runs + 1);
    }
    if (options.baseline) {
      const dist = path.join(baseline, 'dist');
      if (existsSync(dist)) baselineSite = siteSize(await manifestOf(dist));
    }
    let profile: string | undefined;
    if (options.profile)
      profile = await profileColdBuild(dossier, dossierBuild, root, caches, options);
    return {
      size,
      megabytes: generated.bytes / 1e6,
      articles: { drafts: generated.drafts, italian: generated.italian },
      rounds: options.runs,
      runs,
      dossierSite,
      baselineSite,
      comparisons,
      cacheProblems: [...cacheProblems],
      profile,
    };
  } finally {
    if (options.keep) process.stdout.write(`  kept ${root}\n`);
    else await rm(root, { recursive: true, force: true });
  }
}

/** One more cold build with `--cpu-prof` (every thread writes a profile), then a summary. */
async function profileColdBuild(
  project: string,
  build: readonly string[],
  root: string,
  caches: CompileCaches,
  options: Options,
): Promise<string> {
  const dir = path.join(root, 'profile');
  await rm(dir, { recursive: true, force: true });
  await removeCaches(project);
  await freshCompileCache(caches.tools, caches.dossier);
  process.stdout.write(`  profiling a cold build into ${dir}\n`);
  await settle(project, options);
  await waitForQuiet(options);
  const measurement = await measure(
    {
      args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...build],
      cwd: project,
      env: childEnv({ NODE_COMPILE_CACHE: caches.dossier }),
      log: path.join(root, 'logs', 'profile.log'),
    },
    options,
  );
  const summary = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'scripts', 'cpuprofile-summary.ts'), dir, '--top', '30'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => {
      resolve(text);
    });
  });
  const phases = phaseRows([
    { ...measurement, situation: 'build-cold', round: 0, attempt: 1, clean: true },
  ]);
  const text = `Cold build under --cpu-prof: ${seconds(measurement.ms)} s (exit ${String(measurement.exitCode)}), profiles in ${dir}\nPhases (from the times Astro's lines appeared):\n${phases}\n\n${summary}`;
  await writeFile(path.join(root, 'profile-summary.txt'), text);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const PHASES: readonly (readonly [string, Mark | 'start', Mark | 'exit'])[] = [
  ['until content sync (Dossier: check + render on workers; Astro start)', 'start', 'contentStart'],
  ['content loader (sync)', 'contentStart', 'contentEnd'],
  ['types, build info', 'contentEnd', 'entrypoints'],
  ['Vite bundle', 'entrypoints', 'routes'],
  ['page generation', 'routes', 'routesDone'],
  ['after pages (sitemap, ...)', 'routesDone', 'complete'],
  ['finish (Dossier: swap dist; exit)', 'complete', 'exit'],
];

/** The phase during which a run's sampled memory peaked. */
function phaseOfPeak(run: Measurement): string {
  const at = run.treePeakAt;
  if (at === undefined) return '';
  const mark = (name: Mark | 'start' | 'exit') =>
    name === 'start' ? 0 : name === 'exit' ? run.ms / 1000 : run.marks[name];
  const phase = PHASES.find(([, from, to]) => {
    const a = mark(from);
    const b = mark(to);
    return a !== undefined && b !== undefined && at >= a && at <= b;
  });
  return `${phase?.[0].split(' (')[0] ?? '?'} (${at.toFixed(0)} s)`;
}

function phaseSeconds(
  run: Measurement,
  from: Mark | 'start',
  to: Mark | 'exit',
): number | undefined {
  const at = (mark: Mark | 'start' | 'exit') =>
    mark === 'start' ? 0 : mark === 'exit' ? run.ms / 1000 : run.marks[mark];
  const a = at(from);
  const b = at(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** Median seconds of each phase of the given build runs. */
function phaseRows(runs: readonly Run[]): string {
  const rows = [['phase', 's']];
  for (const [label, from, to] of PHASES) {
    const value = medianOf(runs.map((run) => phaseSeconds(run, from, to)));
    rows.push([label, value === undefined ? '' : value.toFixed(2)]);
  }
  return markdownTable(rows, new Set([1]));
}

const PHASE_COLUMNS: readonly Situation[] = [
  'build-cold',
  'build-nochange',
  'build-edit',
  'baseline-cold',
  'baseline-cold-compiled',
  'baseline-edit',
];

function printResults(results: readonly SizeResult[]): void {
  const out: string[] = [];
  const header = [
    'articles',
    'situation',
    'runs',
    'median s',
    'min–max s',
    'peak RSS MB',
    'tree peak MB',
    'CPU s',
    'others %',
    'disk read MB',
    'I/O stall %',
    'goal',
    'met',
  ];
  const rows: string[][] = [header];
  for (const result of results) {
    for (const situation of Object.keys(LABELS) as Situation[]) {
      const runs = result.runs.filter((run) => run.situation === situation);
      if (runs.length === 0) continue;
      const times = runs.map((run) => run.ms);
      const ms = median(times);
      const peak = medianOf(runs.map((run) => run.peakBytes));
      const goal = TIME_GOALS[result.size]?.[situation];
      const memoryGoal = result.size === MEMORY_GOAL_SIZE;
      const goals = [
        ...(goal === undefined ? [] : [`< ${String(goal / 1000)} s`]),
        ...(memoryGoal ? ['< 1.8 GB'] : []),
      ];
      const met = [
        ...(goal === undefined ? [] : [ms < goal ? 'yes' : 'NO']),
        ...(memoryGoal ? [(peak ?? Infinity) < MEMORY_GOAL ? 'yes' : 'NO'] : []),
      ];
      rows.push([
        thousands(result.size),
        LABELS[situation] + (runs.every((run) => run.clean) ? '' : ' (FAILED)'),
        String(runs.length),
        seconds(ms),
        runs.length > 1 ? `${seconds(Math.min(...times))}–${seconds(Math.max(...times))}` : '',
        formatMb(peak),
        formatMb(medianOf(runs.map((run) => run.treePeakBytes))),
        medianOf(runs.map((run) => run.cpuSeconds))?.toFixed(1) ?? '?',
        (Math.max(...runs.map((run) => run.foreign)) * 100).toFixed(0),
        formatMb(medianOf(runs.map((run) => run.diskReadBytes))),
        ((medianOf(runs.map((run) => run.ioStall)) ?? NaN) * 100).toFixed(0),
        goals.join(', '),
        met.join(', '),
      ]);
    }
  }
  out.push(
    `Medians (runs = measurements; "others %" = the most of the machine other processes used during one of them):\n`,
    markdownTable(rows, new Set([2, 3, 4, 5, 6, 7, 8, 9, 10])),
  );

  // Ratios to the baseline.
  const ratioRows = [
    [
      'articles',
      'cold: Dossier / baseline',
      'cold: Dossier / baseline, content compiled before',
      'one edit: Dossier s',
      'one edit: baseline s',
      'peak RSS: Dossier / baseline (cold)',
      'goal cold ≤ 1.0',
    ],
  ];
  for (const result of results) {
    const med = (situation: Situation, pick: (run: Run) => number | undefined) =>
      medianOf(result.runs.filter((run) => run.situation === situation).map(pick));
    const dossierCold = med('build-cold', (run) => run.ms);
    const baselineCold = med('baseline-cold', (run) => run.ms);
    const baselineCompiled = med('baseline-cold-compiled', (run) => run.ms);
    const dossierPeak = med('build-cold', (run) => run.peakBytes);
    const baselinePeak = med('baseline-cold', (run) => run.peakBytes);
    const ratio =
      dossierCold !== undefined && baselineCold !== undefined
        ? dossierCold / baselineCold
        : undefined;
    ratioRows.push([
      thousands(result.size),
      ratio === undefined ? '' : ratio.toFixed(2),
      dossierCold !== undefined && baselineCompiled !== undefined
        ? (dossierCold / baselineCompiled).toFixed(2)
        : '',
      seconds(med('build-edit', (run) => run.ms)),
      seconds(med('baseline-edit', (run) => run.ms)),
      dossierPeak !== undefined && baselinePeak !== undefined
        ? `${formatMb(dossierPeak)} / ${formatMb(baselinePeak)} MB = ${(dossierPeak / baselinePeak).toFixed(2)}`
        : '',
      result.size === 10_000 && ratio !== undefined ? (ratio <= 1 ? 'yes' : 'NO') : '',
    ]);
  }
  out.push(
    '\nRatios to the plain Astro baseline:\n',
    markdownTable(ratioRows, new Set([1, 2, 3, 4])),
  );

  // Where a build's time goes.
  for (const result of results) {
    const phaseTable: string[][] = [
      ['phase (median s)', ...PHASE_COLUMNS.map((situation) => LABELS[situation])],
    ];
    for (const [label, from, to] of PHASES) {
      phaseTable.push([
        label,
        ...PHASE_COLUMNS.map((situation) => {
          const value = medianOf(
            result.runs
              .filter((run) => run.situation === situation && run.clean)
              .map((run) => phaseSeconds(run, from, to)),
          );
          return value === undefined ? '' : value.toFixed(2);
        }),
      ]);
    }
    phaseTable.push([
      'phase of the tree RSS peak (first run)',
      ...PHASE_COLUMNS.map((situation) => {
        const run = result.runs.find((r) => r.situation === situation && r.clean);
        return run === undefined ? '' : phaseOfPeak(run);
      }),
    ]);
    out.push(
      `\nPhases at ${thousands(result.size)} articles (from the times Astro's lines appeared):\n`,
      markdownTable(phaseTable, new Set([1, 2, 3, 4, 5, 6])),
    );
  }

  // The sites.
  const siteRows = [['articles', 'site', 'files', 'bytes', 'MB', 'pages', 'largest page', 'KB']];
  for (const result of results) {
    for (const [name, site] of [
      ['Dossier', result.dossierSite],
      ['baseline', result.baselineSite],
    ] as const) {
      if (!site) continue;
      siteRows.push([
        thousands(result.size),
        name,
        thousands(site.files),
        thousands(site.bytes),
        (site.bytes / 1e6).toFixed(1),
        thousands(site.pages),
        site.largest?.file ?? '',
        site.largest === undefined ? '' : (site.largest.size / 1024).toFixed(0),
      ]);
    }
  }
  out.push('\ndist/:\n', markdownTable(siteRows, new Set([2, 3, 4, 5, 7])));
  for (const result of results) {
    const heavy = result.dossierSite?.heavy ?? [];
    out.push(
      heavy.length === 0
        ? `Dossier at ${thousands(result.size)}: no page over 500 KB.`
        : `Dossier at ${thousands(result.size)}: ${String(heavy.length)} page(s) over 500 KB:\n${heavy.map((page) => `  ${(page.size / 1024).toFixed(0).padStart(6)} KB  ${page.file}`).join('\n')}`,
    );
  }

  // Correctness.
  out.push('\nIncremental builds against cold builds of the same content:');
  for (const result of results) {
    for (const comparison of result.comparisons)
      out.push(...describe(comparison, `  ${thousands(result.size)}: `));
    if (result.comparisons.length === 0) out.push(`  ${thousands(result.size)}: nothing compared`);
    for (const problem of result.cacheProblems)
      out.push(`  CACHE OUTSIDE THE BENCHMARK PROJECT: ${problem}`);
  }
  for (const result of results) if (result.profile !== undefined) out.push(`\n${result.profile}`);
  process.stdout.write(`\n${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

const USAGE = `Usage: npm run bench -- [--sizes 1000,10000] [--runs 3,1] [--ref <commit>] [--no-baseline]
  [--profile] [--keep] [--json <file>] [--max-foreign 0.1] [--quiet-wait 300]
  [--retries 2] [--sample-ms 200] [--no-warm] [--only <situations>] [--astro-config <file>]

--runs       rounds per size (one number for all sizes, or one per size)
--ref        build src/ of this git commit (default: a copy of the working tree taken at the start)
--profile    one more cold build of the largest size under node --cpu-prof, summarised
             (add --keep to keep the profiles)
--no-warm    do not sync and read the project's files into the page cache before each run
--only       measure only these situations (comma-separated: ${Object.keys(LABELS).join(', ')})
--astro-config  build Dossier with this astro.config.mjs instead of the project's (experiments)`;

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        sizes: { type: 'string', default: '1000,10000' },
        runs: { type: 'string', default: '3,1' },
        ref: { type: 'string' },
        'no-baseline': { type: 'boolean', default: false },
        profile: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        json: { type: 'string' },
        'max-foreign': { type: 'string', default: '0.1' },
        'quiet-wait': { type: 'string', default: '300' },
        retries: { type: 'string', default: '2' },
        'sample-ms': { type: 'string', default: '200' },
        'no-warm': { type: 'boolean', default: false },
        only: { type: 'string' },
        'astro-config': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const only =
    values.only === undefined
      ? undefined
      : new Set(values.only.split(',').map((text) => text.trim() as Situation));
  const unknown = [...(only ?? [])].filter((situation) => !(situation in LABELS));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown situation(s): ${unknown.join(', ')}. Known: ${Object.keys(LABELS).join(', ')}\n`,
    );
    return 2;
  }
  const astroConfig =
    values['astro-config'] === undefined ? undefined : path.resolve(values['astro-config']);
  const sizes = values.sizes.split(',').map((text) => Number(text.trim().replaceAll('_', '')));
  const runsList = values.runs.split(',').map((text) => Number(text.trim()));
  const numbers = {
    maxForeign: Number(values['max-foreign']),
    quietWait: Number(values['quiet-wait']),
    retries: Number(values.retries),
    sampleMs: Number(values['sample-ms']),
  };
  if (
    sizes.some((size) => !Number.isInteger(size) || size < 1) ||
    runsList.some((runs) => !Number.isInteger(runs) || runs < 1) ||
    (runsList.length !== 1 && runsList.length !== sizes.length) ||
    Object.values(numbers).some((n) => !Number.isFinite(n) || n < 0)
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  const root = await mkdtemp(path.join(tmpdir(), 'dossier-bench-'));
  const snapshotDir = path.join(root, 'snapshot');
  const source = await snapshotSource(snapshotDir, values.ref);
  const useTime = existsSync(GNU_TIME);
  process.stdout.write(
    `build benchmark: ${process.execPath} (${process.version}), ${String(CORES)} cores, peak memory from ${useTime ? 'GNU time %M' : '(no GNU time)'} and /proc sampling every ${String(numbers.sampleMs)} ms\nsource: ${source}${astroConfig === undefined ? '' : `, built with ${astroConfig}`}\nworking folder: ${root}\n`,
  );
  const results: SizeResult[] = [];
  try {
    for (const [i, size] of sizes.entries()) {
      const runs = runsList.length === 1 ? (runsList[0] ?? 1) : (runsList[i] ?? 1);
      results.push(
        await benchSize(size, {
          snapshot: snapshotDir,
          runs,
          keep: values.keep,
          baseline: !values['no-baseline'],
          only,
          astroConfig,
          profile: values.profile && i === sizes.length - 1,
          root,
          useTime,
          warm: !values['no-warm'],
          sampleMs: numbers.sampleMs,
          maxForeign: numbers.maxForeign,
          quietWaitMs: numbers.quietWait * 1000,
          retries: numbers.retries,
        }),
      );
    }
  } finally {
    if (values.json !== undefined) {
      await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
    }
    if (!values.keep) await rm(root, { recursive: true, force: true });
  }
  printResults(results);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}

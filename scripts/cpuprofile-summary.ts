/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): where the time goes, by function and by module.
 *
 *   node scripts/cpuprofile-summary.ts <file.cpuprofile | folder>... [--top 25]
 *
 * Given a folder, reads every `.cpuprofile` in it (with `--cpu-prof`, each thread, worker
 * threads included, writes its own). Prints, per profile and for all of them together:
 * - self time by module (an npm package, a file of this project, `node:` internals, or V8's own
 *   buckets such as `(garbage collector)`);
 * - the functions with the most self time;
 * - the functions with the most total time (self plus callees, counted once per stack).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The module a frame belongs to: a package, a project file, a Node internal, or a V8 bucket. */
export function moduleOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const packages = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (packages?.[1] !== undefined) return packages[1];
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file;
}

function frameName(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  return `${name}  ${moduleOf(frame)}:${String(frame.lineNumber + 1)}`;
}

interface Totals {
  /** Milliseconds sampled in all. */
  total: number;
  readonly selfByModule: Map<string, number>;
  readonly selfByFunction: Map<string, number>;
  readonly totalByFunction: Map<string, number>;
}

function emptyTotals(): Totals {
  return {
    total: 0,
    selfByModule: new Map(),
    selfByFunction: new Map(),
    totalByFunction: new Map(),
  };
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function accumulate(profile: CpuProfile, into: Totals): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  // The functions on each node's stack, each once (recursion is not counted twice).
  const stacks = new Map<number, Set<string>>();
  const stackOf = (id: number): Set<string> => {
    const known = stacks.get(id);
    if (known) return known;
    const up = parent.get(id);
    const names = new Set(up === undefined ? [] : stackOf(up));
    const node = byId.get(id);
    if (node) names.add(frameName(node.callFrame));
    stacks.set(id, names);
    return names;
  };

  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time since the previous sample; attribute the next gap to this one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    into.total += ms;
    add(into.selfByModule, moduleOf(node.callFrame), ms);
    add(into.selfByFunction, frameName(node.callFrame), ms);
    for (const name of stackOf(id)) add(into.totalByFunction, name, ms);
  });
}

function top(map: Map<string, number>, count: number, total: number): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, ms]) =>
        `  ${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`,
    )
    .join('\n');
}

function report(title: string, totals: Totals, count: number): string {
  return [
    `== ${title}: ${totals.total.toFixed(0)} ms sampled`,
    'Self time by module:',
    top(totals.selfByModule, count, totals.total),
    'Self time by function:',
    top(totals.selfByFunction, count, totals.total),
    'Total time by function (self + callees):',
    top(totals.totalByFunction, count, totals.total),
  ].join('\n');
}

async function profileFiles(given: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of given) {
    if ((await stat(entry)).isDirectory()) {
      for (const name of (await readdir(entry)).sort()) {
        if (name.endsWith('.cpuprofile')) files.push(path.join(entry, name));
      }
    } else {
      files.push(entry);
    }
  }
  return files;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
  const count = Number(values.top);
  const files = await profileFiles(positionals);
  if (files.length === 0 || !Number.isInteger(count)) {
    process.stderr.write(
      'Usage: node scripts/cpuprofile-summary.ts <file.cpuprofile | folder>... [--top 25]\n',
    );
    return 2;
  }
  const all = emptyTotals();
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
    const one = emptyTotals();
    accumulate(profile, one);
    accumulate(profile, all);
    const wall = (profile.endTime - profile.startTime) / 1000;
    process.stdout.write(
      `${report(`${path.basename(file)} (wall ${wall.toFixed(0)} ms)`, one, count)}\n\n`,
    );
  }
  if (files.length > 1)
    process.stdout.write(`${report(`all ${String(files.length)} profiles`, all, count)}\n`);
  return 0;
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) {
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * A build reuses the previous build's pages whose props are unchanged (src/site/page-reuse.ts), and
 * the site it makes is the site a cold build makes: after each kind of edit an editor makes (a
 * sentence of a body, a title, an event's date, an article deleted and put back) and after a page of
 * dist/ was changed by hand, the warm build's dist/ is compared, every file and byte, with a cold
 * build of the same content in a fresh project.
 */
import { readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, FIXTURE } from '../site/build-fixture.ts';
import { createProject, snapshot, type BuildRun, type Project } from '../support/project.ts';

const ALPHA = 'content/articles/2026/june/alpha-summit-analysis.md';
const BETA = 'content/articles/2026/april/beta-visit-news.md';
const ALPHA_PAGE = 'articles/alpha-summit-analysis/index.html';
const GAMMA_PAGE = 'articles/gamma-hostile-brief/index.html';

let warm: Project;
const others: Project[] = [];

function succeeded(run: BuildRun, label: string): BuildRun {
  if (run.code !== 0) throw new Error(`The ${label} build failed:\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** How many pages the build says it reused: 0 when it reused none. */
function reusedCount(run: BuildRun): number {
  return Number(/Reused (\d+) unchanged page/.exec(run.stdout)?.[1] ?? 0);
}

/** Warm-builds the project, cold-builds its content in a fresh one, and compares the two sites. */
async function warmAgainstCold(label: string): Promise<{ run: BuildRun; differing: string[] }> {
  const cold = await createProject(path.join(warm.root, 'content'));
  others.push(cold);
  const [run, coldRun] = await Promise.all([warm.build(), cold.build()]);
  succeeded(run, `warm (${label})`);
  succeeded(coldRun, `cold (${label})`);
  const [a, b] = await Promise.all([snapshot(warm.dist), snapshot(cold.dist)]);
  const differing = [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((file) => a.get(file) !== b.get(file));
  await cold.remove();
  return { run, differing };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(warm.root, file);
  const before = await readFile(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(full, after);
}

async function inode(page: string): Promise<number> {
  return (await stat(path.join(warm.dist, page))).ino;
}

beforeAll(async () => {
  warm = await createProject(path.join(FIXTURE, 'content'));
  succeeded(await warm.build(), 'first');
}, BUILD_TIMEOUT);

afterAll(async () => {
  await Promise.all([warm, ...others].map((project) => project.remove()));
});

describe('a build after the previous one', () => {
  it(
    'reuses every keyed page when nothing changed, and the site is unchanged',
    async () => {
      const before = await snapshot(warm.dist);
      const gamma = await inode(GAMMA_PAGE);
      const run = succeeded(await warm.build(), 'unchanged');
      expect(reusedCount(run)).toBeGreaterThan(10);
      expect(await inode(GAMMA_PAGE)).toBe(gamma);
      expect(await snapshot(warm.dist)).toEqual(before);
    },
    BUILD_TIMEOUT,
  );

  it(
    'renders the edited article again and reuses the others after a body edit',
    async () => {
      const [alpha, gamma] = await Promise.all([inode(ALPHA_PAGE), inode(GAMMA_PAGE)]);
      await edit(ALPHA, (text) => `${text.trimEnd()}\n\nA closing sentence added by an editor.\n`);
      const { run, differing } = await warmAgainstCold('body edit');
      expect(differing).toEqual([]);
      expect(reusedCount(run)).toBeGreaterThan(5);
      expect(await inode(ALPHA_PAGE)).not.toBe(alpha);
      expect(await inode(GAMMA_PAGE)).toBe(gamma);
      const page = await readFile(path.join(warm.dist, ALPHA_PAGE), 'utf8');
      expect(page).toContain('A closing sentence added by an editor.');
    },
    BUILD_TIMEOUT,
  );

  it(
    'makes the same site as a cold build after a title is changed',
    async () => {
      await edit(ALPHA, (text) =>
        text.replace(
          'title: "Allies split over the summit, and over what happened in June"',
          'title: "Allies divided at the summit"',
        ),
      );
      const { run, differing } = await warmAgainstCold('title');
      expect(differing).toEqual([]);
      expect(reusedCount(run)).toBeGreaterThan(0);
    },
    BUILD_TIMEOUT,
  );

  it(
    'makes the same site as a cold build after an event’s date is changed',
    async () => {
      await edit(ALPHA, (text) => text.replace('  - date: 2026-06-01\n', '  - date: 2026-05-30\n'));
      const { differing } = await warmAgainstCold('event date');
      expect(differing).toEqual([]);
    },
    BUILD_TIMEOUT,
  );

  it(
    'drops a deleted article’s page and brings it back when the article returns',
    async () => {
      const beta = await readFile(path.join(warm.root, BETA));
      await unlink(path.join(warm.root, BETA));
      const deleted = await warmAgainstCold('article deleted');
      expect(deleted.differing).toEqual([]);
      const files = await snapshot(warm.dist);
      expect([...files.keys()].filter((file) => file.includes('beta-visit-news'))).toEqual([]);

      await writeFile(path.join(warm.root, BETA), beta);
      const restored = await warmAgainstCold('article restored');
      expect(restored.differing).toEqual([]);
    },
    2 * BUILD_TIMEOUT,
  );

  it(
    'renders again a page of dist/ that was changed since, rather than trusting it',
    async () => {
      const file = path.join(warm.dist, GAMMA_PAGE);
      const original = await readFile(file);
      // Replaced (a new file), and rewritten in place with the same size: both are noticed.
      await rm(file);
      await writeFile(file, original.toString('utf8').replace('<title>', '<title>X'));
      const replaced = await warmAgainstCold('page replaced');
      expect(replaced.differing).toEqual([]);

      await writeFile(file, Buffer.from(original).fill(0x20, 0, 15));
      const rewritten = await warmAgainstCold('page rewritten');
      expect(rewritten.differing).toEqual([]);
    },
    2 * BUILD_TIMEOUT,
  );
});

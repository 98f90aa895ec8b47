/**
 * The same content always gives the same site: two builds of the fixture site, in different
 * folders, time zones and moments, and a rebuild that reuses the first one's caches, produce
 * byte-identical `dist/` trees, every file compared, Pagefind's search bundle included (whose
 * filter files Pagefind itself writes in random order; see src/integrations/pagefind-stable.ts).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, FIXTURE } from '../site/build-fixture.ts';
import { createProject, snapshot, type Project } from '../support/project.ts';

const projects: Project[] = [];
const builds = new Map<string, Map<string, string>>();

async function buildIn(project: Project, label: string, env: NodeJS.ProcessEnv): Promise<void> {
  const run = await project.build(env);
  if (run.code !== 0) throw new Error(`The ${label} build failed:\n${run.stdout}\n${run.stderr}`);
  builds.set(label, await snapshot(project.dist));
}

beforeAll(async () => {
  const [first, second] = await Promise.all([
    createProject(path.join(FIXTURE, 'content')),
    createProject(path.join(FIXTURE, 'content')),
  ]);
  projects.push(first, second);
  await Promise.all([
    buildIn(first, 'first', { TZ: 'UTC' }),
    buildIn(second, 'second', { TZ: 'Pacific/Kiritimati' }),
  ]);
  // With the first build's content store, rendered articles, search shards and pages to reuse.
  await buildIn(first, 'rebuild', { TZ: 'America/Los_Angeles' });
}, 3 * BUILD_TIMEOUT);

afterAll(async () => {
  await Promise.all(projects.map((project) => project.remove()));
});

function built(label: string): Map<string, string> {
  const files = builds.get(label);
  if (!files) throw new Error(`No ${label} build`);
  return files;
}

/** The files that one build has and the other has not, or has with other bytes. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((file) => a.get(file) !== b.get(file));
}

describe('two builds of the same content', () => {
  it('write the same files, with the search bundle among them', () => {
    const files = [...built('first').keys()];
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((file) => file.startsWith('pagefind/filter/'))).toBe(true);
    expect(files.some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);
  });

  it('are byte-identical, built in different folders, time zones and moments', () => {
    expect(differences(built('first'), built('second'))).toEqual([]);
  });

  it('are byte-identical when the second reuses the first one’s caches', () => {
    expect(differences(built('first'), built('rebuild'))).toEqual([]);
  });
});

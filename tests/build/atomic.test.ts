/**
 * `npm run build` is atomic: it builds into a staging folder and swaps it in only when everything
 * succeeded (src/cli/build.ts), so a build that fails, however it fails, leaves the previous `dist/`
 * exactly as it was, byte for byte, and leaves no staging folder behind.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, FIXTURE } from '../site/build-fixture.ts';
import { rm } from 'node:fs/promises';
import { createProject, leftovers, snapshot, type Project } from '../support/project.ts';

let project: Project | undefined;
let before = new Map<string, string>();

function built(): Project {
  if (!project) throw new Error('No project');
  return project;
}

beforeAll(async () => {
  project = await createProject(path.join(FIXTURE, 'content'));
  const first = await project.build();
  if (first.code !== 0)
    throw new Error(`The first build failed:\n${first.stdout}\n${first.stderr}`);
  before = await snapshot(project.dist);
}, BUILD_TIMEOUT);

afterAll(async () => {
  await project?.remove();
});

/** An article that `check` refuses: its title holds HTML. */
const BROKEN = `---
title: "Rutte <b>meets</b> Trump"
dek: A broken article.
kind: news
published: 2026-06-25
topics: [nato]
sources:
  - id: reuters-1
    publisher: Reuters
    type: wire
    url: https://example.com/reuters-1
---

Rutte met Trump [@reuters-1].
`;

async function rmArticle(project: Project): Promise<void> {
  await rm(path.join(project.root, 'content/articles/zz-broken.md'), { force: true });
}

describe('a build that fails', () => {
  it(
    'because an article has an error, leaves dist/ byte-identical and no staging folder',
    { timeout: BUILD_TIMEOUT },
    async () => {
      const project = built();
      await project.write('content/articles/zz-broken.md', BROKEN);
      const run = await project.build();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('content/articles/zz-broken.md:2:8  error');
      expect(run.stderr).toContain('The site was not built; dist/ is unchanged.');
      expect(await snapshot(project.dist)).toEqual(before);
      expect(await leftovers(project.root)).toEqual([]);
    },
  );

  it(
    'while Astro renders a page, leaves dist/ byte-identical and no staging folder',
    { timeout: BUILD_TIMEOUT },
    async () => {
      const project = built();
      await rmArticle(project);
      // A page of the project's own whose rendering throws, halfway through writing the site.
      await project.write(
        'boom.astro',
        "---\nthrow new Error('Injected failure while rendering /boom/');\n---\n",
      );
      await project.configure(
        `integrations: [...config.integrations, { name: 'test:boom', hooks: { 'astro:config:setup': ({ injectRoute }) => injectRoute({ pattern: '/boom', entrypoint: ${JSON.stringify(path.join(project.root, 'boom.astro'))} }) } }]`,
      );
      const run = await project.build();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Injected failure while rendering /boom/');
      expect(run.stderr).toContain('The site was not built; dist/ is unchanged.');
      expect(await snapshot(project.dist)).toEqual(before);
      expect(await leftovers(project.root)).toEqual([]);
    },
  );

  it(
    'after every page and the search index are written, leaves dist/ byte-identical and no staging folder',
    { timeout: BUILD_TIMEOUT },
    async () => {
      const project = built();
      // The last step of the build, after Pagefind has indexed the staged site.
      await project.configure(
        "integrations: [...config.integrations, { name: 'test:fail', hooks: { 'astro:build:done': () => { throw new Error('Injected failure at the end of the build'); } } }]",
      );
      const run = await project.build();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Injected failure at the end of the build');
      expect(run.stderr).toContain('The site was not built; dist/ is unchanged.');
      expect(await snapshot(project.dist)).toEqual(before);
      expect(await leftovers(project.root)).toEqual([]);
    },
  );
});

describe('a build killed outright', () => {
  it(
    'leaves dist/ byte-identical, and the next build removes the staging folder it left',
    { timeout: BUILD_TIMEOUT },
    async () => {
      const project = built();
      await project.configure();
      await rmArticle(project);
      const controller = new AbortController();
      const running = project.build({}, controller.signal);
      // Killed once Astro is writing the site into its staging folder.
      await expect
        .poll(() => leftovers(project.root), { timeout: BUILD_TIMEOUT, interval: 50 })
        .toHaveLength(1);
      controller.abort();
      expect((await running).code).toBeNull();
      expect(await snapshot(project.dist)).toEqual(before);
      const [staging] = await leftovers(project.root);
      expect(staging).toMatch(/^dist\.staging-\d+$/);

      const next = await project.build();
      expect(next.code, next.stderr).toBe(0);
      expect(await snapshot(project.dist)).toEqual(before);
      expect(await leftovers(project.root)).toEqual([]);
    },
  );
});

describe('a build that succeeds after failed ones', () => {
  it(
    'replaces dist/ with the new site, and leaves nothing else behind',
    { timeout: BUILD_TIMEOUT },
    async () => {
      const project = built();
      await project.configure();
      await project.write(
        'content/articles/zz-new.md',
        BROKEN.replace('Rutte <b>meets</b> Trump', 'Rutte meets Trump again'),
      );
      const run = await project.build();
      expect(run.code, run.stderr).toBe(0);
      const after = await snapshot(project.dist);
      expect(after.has('articles/zz-new/index.html')).toBe(true);
      const pages = [...before.keys()].filter((file) => file.endsWith('.html'));
      expect(pages.filter((file) => !after.has(file))).toEqual([]);
      expect(await leftovers(project.root)).toEqual([]);
    },
  );
});

/**
 * A throwaway project that `npm run build` (src/cli/build.ts) builds as it builds the repository:
 * a temporary folder with a `content/` folder, an `astro.config.mjs` that uses the project's own
 * configuration and code (through tests/fixtures/site/astro.config.mjs), and a `node_modules` of
 * links to the repository's packages. Its caches (the checker's, Pagefind's, Astro's and Vite's)
 * stay in the folder, so builds run side by side without sharing anything, and `dist/` is its own.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE, listFiles, REPO } from '../site/build-fixture.ts';

/** Where packages keep caches inside node_modules: never shared with the repository's. */
const CACHES = new Set(['.cache', '.astro', '.vite']);

export interface Project {
  readonly root: string;
  readonly dist: string;
  /** Writes a file of the project, creating its folders. */
  write(relative: string, content: string | Uint8Array): Promise<void>;
  /** Replaces `astro.config.mjs` with one that adds `extra` (JavaScript) to the shared config. */
  configure(extra?: string): Promise<void>;
  /**
   * Runs `npm run build` in the project (with TZ=UTC unless `env` says otherwise); aborting
   * `signal` kills it outright (SIGKILL), as a crash or an out-of-memory kill would.
   */
  build(env?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<BuildRun>;
  remove(): Promise<void>;
}

export interface BuildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function nodeBinary(): string {
  const local = path.join(REPO, 'node_modules/.bin/node');
  return existsSync(local) ? local : process.execPath;
}

async function linkPackages(target: string): Promise<void> {
  await mkdir(target);
  const source = path.join(REPO, 'node_modules');
  for (const entry of await readdir(source)) {
    if (CACHES.has(entry)) continue;
    await symlink(path.join(source, entry), path.join(target, entry));
  }
}

/** A project whose `content/` is a copy of `content` (a folder), or empty. */
export async function createProject(content?: string): Promise<Project> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-project-'));
  const articles = path.join(root, 'content/articles');
  await mkdir(articles, { recursive: true });
  if (content !== undefined) await cp(content, path.join(root, 'content'), { recursive: true });
  await linkPackages(path.join(root, 'node_modules'));

  const project: Project = {
    root,
    dist: path.join(root, 'dist'),
    async write(relative, data) {
      const file = path.join(root, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    },
    async configure(extra = '') {
      const shared = JSON.stringify(path.join(FIXTURE, 'astro.config.mjs'));
      await writeFile(
        path.join(root, 'astro.config.mjs'),
        `import config from ${shared};\n\nexport default { ...config${extra === '' ? '' : `, ${extra}`} };\n`,
      );
    },
    build: (env, signal) => runBuild(root, env, signal),
    remove: () => rm(root, { recursive: true, force: true }),
  };
  await project.configure();
  return project;
}

function runBuild(
  root: string,
  extra: NodeJS.ProcessEnv = {},
  signal?: AbortSignal,
): Promise<BuildRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    TZ: 'UTC',
    ...extra,
  };
  delete env.SITE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary(), [path.join(REPO, 'src/cli/build.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(signal ? { signal, killSignal: 'SIGKILL' as const } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      // A killed build ends as a close with no exit code, below.
      if (error.name !== 'AbortError') reject(error);
    });
    child.on('close', (code) => {
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Every file under `dir` with a digest of its bytes: two equal snapshots are byte-identical trees. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = await listFiles(dir);
  return new Map(
    await Promise.all(
      files.map(
        async (file) =>
          [
            file,
            createHash('sha256')
              .update(await readFile(path.join(dir, file)))
              .digest('hex'),
          ] as const,
      ),
    ),
  );
}

/** The names in the project's root that a build leaves besides its own files: staging folders. */
export async function leftovers(root: string): Promise<string[]> {
  return (await readdir(root)).filter((name) => name.startsWith('dist.'));
}

/**
 * Builds the fixture site (`tests/fixtures/site/`) with the project's own code and Astro config,
 * in a fresh temporary directory, and reads its output. Each build is a separate `astro build`
 * process, so its time zone (`TZ`) is its own and several builds can run side by side: the root,
 * output, `.astro/` and Astro's and Vite's caches all live in the temporary directory.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import YAML from 'yaml';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURE = path.join(REPO, 'tests/fixtures/site');
/** The repository's own example content (`content/`), which can be built the same way. */
export const EXAMPLE_CONTENT = path.join(REPO, 'content');

/** Generous: a cold build takes a few seconds, but CI machines and parallel test files are slower. */
export const BUILD_TIMEOUT = 240_000;

export interface FixtureBuild {
  /** The temporary project root. */
  readonly root: string;
  /** The built site. */
  readonly dist: string;
  readonly milliseconds: number;
  /** Everything the build printed. */
  readonly log: string;
}

function nodeBinary(): string {
  // The project's Node (the `node` devDependency), not whatever runs the tests' parent shell.
  const local = path.join(REPO, 'node_modules/.bin/node');
  return existsSync(local) ? local : process.execPath;
}

export interface BuildOptions {
  /**
   * The `content/` folder to build: the fixture's by default; `EXAMPLE_CONTENT` builds the
   * repository's own articles with the same code and configuration, just as isolated.
   */
  readonly content?: string;
}

/** Builds the fixture site with the given `TZ` (the machine's when undefined). */
export async function buildFixture(tz?: string, options: BuildOptions = {}): Promise<FixtureBuild> {
  const content = options.content ?? path.join(FIXTURE, 'content');
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-site-'));
  await cp(content, path.join(root, 'content'), { recursive: true });
  // Astro resolves its own runtime from the root; the caches are moved out of node_modules by the
  // fixture config, so nothing is written through this link.
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  // Astro joins `--config` onto `--root`, so it must be relative to the root.
  const config = path.relative(root, path.join(FIXTURE, 'astro.config.mjs'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  delete env.SITE_URL;
  if (tz === undefined) delete env.TZ;
  else env.TZ = tz;

  const started = performance.now();
  const { code, log } = await new Promise<{ code: number | null; log: string }>(
    (resolve, reject) => {
      const child = spawn(
        nodeBinary(),
        [
          path.join(REPO, 'node_modules/astro/bin/astro.mjs'),
          'build',
          '--root',
          root,
          '--config',
          config,
        ],
        {
          cwd: root,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', reject);
      child.on('close', (exitCode) => {
        resolve({ code: exitCode, log: output });
      });
    },
  );
  const milliseconds = performance.now() - started;
  if (code !== 0) {
    await removeBuild(root);
    throw new Error(
      `The build of ${path.relative(REPO, content)}${tz === undefined ? '' : ` (TZ=${tz})`} failed with exit code ${String(code)}:\n${log}`,
    );
  }
  return { root, dist: path.join(root, 'dist'), milliseconds, log };
}

/** Removes a build's temporary directory (keeps it when DOSSIER_KEEP_SITE_BUILD is set). */
export async function removeBuild(root: string | undefined): Promise<void> {
  if (root === undefined) return;
  if (process.env.DOSSIER_KEEP_SITE_BUILD) {
    console.log(`Fixture build kept in ${root}`);
    return;
  }
  await rm(root, { recursive: true, force: true });
}

/** Every file of a built site, as paths relative to it with `/` separators, sorted. */
export async function listFiles(dist: string): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort();
}

/** A page of a built site, by its URL path (`/articles/x/`) or file (`rss.xml`). */
export async function readPage(dist: string, urlPath: string): Promise<string> {
  const relative = urlPath.replace(/^\//, '');
  const file = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
  return readFile(path.join(dist, file), 'utf8');
}

export async function loadPage(dist: string, urlPath: string): Promise<cheerio.CheerioAPI> {
  return cheerio.load(await readPage(dist, urlPath));
}

/** Text with runs of white space collapsed, as a reader sees it. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What the tests need to know about a fixture article, read straight from its frontmatter. */
export interface FixtureArticle {
  readonly slug: string;
  readonly file: string;
  readonly title: string;
  readonly kind: string;
  readonly lang: string;
  readonly draft: boolean;
  readonly topics: readonly string[];
  readonly sources: readonly {
    readonly id: string;
    readonly publisher: string;
    readonly type: string;
    readonly url?: string;
    readonly title?: string;
  }[];
  readonly events: readonly { readonly id?: string; readonly title: string }[];
  readonly faq: readonly { readonly q: string; readonly a: string }[];
  readonly corrections: readonly { readonly text: string }[];
}

/** The fixture's articles (or those of another `content/` folder), drafts included, sorted by slug. */
export async function readFixtureArticles(
  content: string = path.join(FIXTURE, 'content'),
): Promise<FixtureArticle[]> {
  const base = path.join(content, 'articles');
  const files = (await readdir(base, { recursive: true })).filter((file) => file.endsWith('.md'));
  const articles = await Promise.all(
    files.map(async (file): Promise<FixtureArticle> => {
      const text = await readFile(path.join(base, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
      if (!match?.[1]) throw new Error(`${file}: no frontmatter`);
      const data = YAML.parse(match[1]) as Record<string, unknown>;
      return {
        slug: path.basename(file, '.md'),
        file,
        title: String(data.title),
        kind: String(data.kind),
        lang: typeof data.lang === 'string' ? data.lang : 'en',
        draft: data.draft === true,
        topics: (data.topics ?? []) as string[],
        sources: (data.sources ?? []) as FixtureArticle['sources'],
        events: (data.events ?? []) as FixtureArticle['events'],
        faq: (data.faq ?? []) as FixtureArticle['faq'],
        corrections: (data.corrections ?? []) as FixtureArticle['corrections'],
      };
    }),
  );
  return articles.sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

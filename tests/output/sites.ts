/**
 * The built sites that the output tests read as a reader's browser, a validator or a feed reader
 * would: the fixture site (tests/fixtures/site/) and the repository's own example content
 * (content/), each built in isolation in a temporary directory (see tests/site/build-fixture.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  BUILD_TIMEOUT,
  buildFixture,
  EXAMPLE_CONTENT,
  FIXTURE,
  listFiles,
  readFixtureArticles,
  removeBuild,
  type FixtureArticle,
  type FixtureBuild,
} from '../site/build-fixture.ts';

/** The public address of a test build (SITE_URL is unset for it). */
export const SITE = 'https://dossier.example.org';

export const SITE_CONTENTS = {
  fixture: path.join(FIXTURE, 'content'),
  example: EXAMPLE_CONTENT,
} as const;

export type SiteName = keyof typeof SITE_CONTENTS;
export const SITE_NAMES = Object.keys(SITE_CONTENTS) as SiteName[];

export interface BuiltSite {
  readonly name: SiteName;
  readonly build: FixtureBuild;
  readonly dist: string;
  /** Every file of the build, relative to `dist`, `/`-separated, sorted. */
  readonly files: readonly string[];
  /** The HTML pages among them. */
  readonly htmlFiles: readonly string[];
  /** The site's articles as their frontmatter says, drafts excluded, sorted by slug. */
  readonly published: readonly FixtureArticle[];
}

/** Builds one site (TZ=UTC, so its dates do not depend on the machine). */
async function buildSite(name: SiteName): Promise<BuiltSite> {
  const content = SITE_CONTENTS[name];
  const [build, articles] = await Promise.all([
    buildFixture('UTC', { content }),
    readFixtureArticles(content),
  ]);
  const files = await listFiles(build.dist);
  return {
    name,
    build,
    dist: build.dist,
    files,
    htmlFiles: files.filter((file) => file.endsWith('.html')),
    published: articles.filter((article) => !article.draft),
  };
}

/**
 * Builds both sites side by side. When one fails the other is removed before the error is
 * rethrown, so no temporary directory is left behind.
 */
async function buildSites(): Promise<BuiltSite[]> {
  const results = await Promise.allSettled(SITE_NAMES.map((name) => buildSite(name)));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    await removeSites(
      results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    );
    throw failed.reason;
  }
  return results.map((result) => (result as PromiseFulfilledResult<BuiltSite>).value);
}

async function removeSites(sites: readonly BuiltSite[]): Promise<void> {
  await Promise.all(sites.map((site) => removeBuild(site.build.root)));
}

/** Both sites, as a test file sees them once they are built. */
export interface SiteBuilds {
  readonly all: readonly BuiltSite[];
  readonly site: (name: SiteName) => BuiltSite;
}

/**
 * Builds both sites before the tests of the file (or of the `describe` it is called in) and
 * removes them after. With `when` false nothing is built, and `site()` says so.
 */
export function useBuiltSites({ when = true }: { when?: boolean } = {}): SiteBuilds {
  let sites: BuiltSite[] = [];
  beforeAll(async () => {
    if (when) sites = await buildSites();
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await removeSites(sites);
  });
  return {
    get all() {
      return sites;
    },
    site(name) {
      const found = sites.find((built) => built.name === name);
      if (!found) throw new Error(`The ${name} site was not built.`);
      return found;
    },
  };
}

/** The URL path a file of the build is served at: `a/index.html` → `/a/`, `404.html` → `/404.html`. */
export function urlPathOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * The file a static host serves for a URL path, relative to `dist`, or undefined when there is
 * none: a file as named, or a folder's `index.html` (with or without the trailing slash).
 */
export function fileAt(dist: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.startsWith('..')) return undefined;
  const target = path.join(dist, relative);
  if (!existsSync(target)) return undefined;
  if (statSync(target).isDirectory()) {
    const index = path.posix.join(relative, 'index.html');
    return existsSync(path.join(dist, index)) ? index : undefined;
  }
  return decoded.endsWith('/') ? undefined : relative;
}

/** The article pages of a build, as `articles/<slug>/index.html`. */
export function articlePages(site: BuiltSite): string[] {
  return site.htmlFiles.filter((file) => /^articles\/[^/]+\/index\.html$/.test(file));
}

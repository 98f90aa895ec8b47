/**
 * What a reader downloads, in both built sites: each article page with the stylesheets it links
 * stays under a size budget, and no page runs a script. The one exception is the search page, which
 * may load Pagefind's bundle and Astro's own bundled scripts, and nothing else.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import {
  articlePages,
  fileAt,
  SITE,
  SITE_NAMES,
  urlPathOf,
  useBuiltSites,
  type BuiltSite,
} from './sites.ts';

/** An article page's HTML plus its CSS, uncompressed, in bytes. */
const ARTICLE_BUDGET = 60_000;

/** The only page allowed to run scripts, and where they may come from. */
const SEARCH_PAGE = 'search/index.html';
// The search page's own script is a static file (/search.js): Astro 7.3 cannot bundle a page script when
// srcDir lies outside the project root, as in the isolated test builds.
const SCRIPT_ORIGINS = ['/pagefind/', '/_astro/', '/search.js'];

const { site } = useBuiltSites();

interface PageWeight {
  readonly file: string;
  readonly html: number;
  readonly css: number;
  readonly stylesheets: readonly string[];
}

async function weigh(built: BuiltSite, file: string): Promise<PageWeight> {
  const html = await readFile(path.join(built.dist, file));
  const $ = cheerio.load(html.toString('utf8'));
  const page = new URL(urlPathOf(file), SITE);
  const stylesheets: string[] = [];
  let css = 0;
  for (const link of $('link[rel~="stylesheet"]').toArray()) {
    const href = $(link).attr('href') ?? '';
    const url = new URL(href, page);
    const target = url.origin === SITE ? fileAt(built.dist, url.pathname) : undefined;
    // A stylesheet from elsewhere, or one missing from the build, cannot be weighed: fail on it.
    if (target === undefined) throw new Error(`${file}: cannot weigh the stylesheet ${href}`);
    stylesheets.push(target);
    css += (await stat(path.join(built.dist, target))).size;
  }
  return { file, html: html.length, css, stylesheets };
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

interface Script {
  readonly src: string | undefined;
  /** Its type, trimmed and lower-cased ('' when absent). */
  readonly type: string;
  readonly text: string;
}

/**
 * True when a script on the search page comes from Pagefind or from Astro's own bundle, else what
 * is wrong with it.
 */
function allowedOnSearch({ src, type, text }: Script): string | true {
  const page = new URL('/search/', SITE);
  const fromAllowed = (reference: string) => {
    const url = new URL(reference, page);
    return url.origin === SITE && SCRIPT_ORIGINS.some((prefix) => url.pathname.startsWith(prefix));
  };
  if (src !== undefined) return fromAllowed(src) || `src="${src}"`;
  // Astro inlines a small bundled script as a module; what it imports must come from the same places.
  if (type !== 'module') return `an inline script of type "${type}"`;
  const imports = [
    ...text.matchAll(/(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)["'`]([^"'`]+)["'`]/g),
  ].map((match) => match[1] ?? '');
  const foreign = imports.filter((reference) => !fromAllowed(reference));
  return foreign.length === 0 || `an inline module importing ${foreign.join(', ')}`;
}

describe.each(SITE_NAMES)('the %s site', (name) => {
  it(`keeps every article page, with its stylesheets, under ${String(ARTICLE_BUDGET / 1000)} kB`, async () => {
    const built = site(name);
    const pages = articlePages(built);
    expect(pages.length).toBe(built.published.length);
    const weights = await Promise.all(pages.map((file) => weigh(built, file)));
    for (const weight of weights) expect(weight.stylesheets.length, weight.file).toBeGreaterThan(0);
    const heaviest = [...weights].sort((a, b) => b.html + b.css - (a.html + a.css))[0];
    if (heaviest) {
      console.log(
        `${name}: ${String(weights.length)} article pages weighed; the heaviest, ${heaviest.file}, is ${kb(heaviest.html + heaviest.css)} (HTML ${kb(heaviest.html)} + CSS ${kb(heaviest.css)})`,
      );
    }
    const over = weights
      .filter((weight) => weight.html + weight.css >= ARTICLE_BUDGET)
      .map(
        (weight) =>
          `${weight.file}: ${kb(weight.html + weight.css)} (HTML ${kb(weight.html)} + CSS ${kb(weight.css)}: ${weight.stylesheets.join(', ')})`,
      );
    expect(over, `over the budget of ${kb(ARTICLE_BUDGET)}`).toEqual([]);
  });

  it('runs no script on any page: JSON-LD only, and on the search page Pagefind and Astro bundles only', async () => {
    const built = site(name);
    const offending: string[] = [];
    let scripts = 0;
    for (const file of built.htmlFiles) {
      const $ = cheerio.load(await readFile(path.join(built.dist, file), 'utf8'));
      for (const element of $('script').toArray()) {
        scripts++;
        const script: Script = {
          src: $(element).attr('src'),
          type: ($(element).attr('type') ?? '').trim().toLowerCase(),
          text: $(element).text(),
        };
        if (script.type === 'application/ld+json' && script.src === undefined) continue;
        const verdict =
          file === SEARCH_PAGE
            ? allowedOnSearch(script)
            : `a script (${script.src === undefined ? `type="${script.type}"` : `src="${script.src}"`})`;
        if (verdict !== true) {
          offending.push(
            file === SEARCH_PAGE
              ? `${file}: ${verdict} (scripts here may come only from ${SCRIPT_ORIGINS.join(' or ')})`
              : `${file}: ${verdict}`,
          );
        }
      }
    }
    expect(offending, 'scripts where none may run').toEqual([]);
    expect(scripts).toBeGreaterThanOrEqual(built.published.length);
  });
});

/**
 * A link checker for a built site, as a static host would serve it: every internal reference in
 * every HTML page (`href`, `src`, `srcset`, `poster`, the og:url and image meta tags, resolved
 * against the page or its `<base>`) and every `url(…)` in its CSS must name a file of the build
 * (a folder serving its `index.html`), and every fragment pointing into an HTML page must name an
 * element id on that page. Internal
 * means root-relative, relative, or absolute on the site's own origin; other origins and schemes
 * (mailto:, data:, …) are counted as external and not followed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { fileAt, urlPathOf } from './sites.ts';

export interface BrokenLink {
  /** The file the reference is in, relative to the build. */
  readonly source: string;
  /** Where in it: `a[href]`, `img[srcset]`, `url()`… */
  readonly where: string;
  /** The reference as written. */
  readonly reference: string;
  readonly reason: string;
}

export interface LinkReport {
  readonly pages: number;
  readonly stylesheets: number;
  /** Internal references checked (each occurrence counts). */
  readonly links: number;
  /** Of those, the ones with a fragment checked against the ids of an HTML page. */
  readonly fragments: number;
  /** References to other origins or schemes, not followed. */
  readonly external: number;
  /** The files the internal references lead to, relative to the build. */
  readonly targets: ReadonlySet<string>;
  readonly broken: readonly BrokenLink[];
}

const URL_ATTRIBUTES = ['href', 'src', 'poster'] as const;
const META_URLS =
  'meta[property="og:url"], meta[property="og:image"], meta[name="twitter:image"], meta[itemprop="url"]';

/** The URLs of a `srcset`: each candidate is a URL, then optional white space and a descriptor. */
function srcsetUrls(value: string): string[] {
  return value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url.length > 0);
}

/** The `url(…)` references of a stylesheet, comments removed. */
function cssUrls(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const urls: string[] = [];
  for (const match of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi)) {
    urls.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  for (const match of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) {
    urls.push(match[1] ?? match[2] ?? '');
  }
  return urls;
}

function decodeFragment(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

export async function checkLinks(
  dist: string,
  files: readonly string[],
  site: string,
): Promise<LinkReport> {
  const origin = new URL(site).origin;
  const htmlFiles = files.filter((file) => file.endsWith('.html'));
  const cssFiles = files.filter((file) => file.endsWith('.css'));
  const broken: BrokenLink[] = [];
  const targets = new Set<string>();
  let links = 0;
  let fragments = 0;
  let external = 0;

  const parsed = new Map<string, cheerio.CheerioAPI>();
  async function load(file: string): Promise<cheerio.CheerioAPI> {
    let $ = parsed.get(file);
    if (!$) {
      $ = cheerio.load(await readFile(path.join(dist, file), 'utf8'));
      parsed.set(file, $);
    }
    return $;
  }
  const idsOf = new Map<string, Set<string>>();
  async function ids(file: string): Promise<Set<string>> {
    let set = idsOf.get(file);
    if (!set) {
      const $ = await load(file);
      set = new Set(
        $('[id]')
          .toArray()
          .map((element) => $(element).attr('id') ?? ''),
      );
      idsOf.set(file, set);
    }
    return set;
  }

  async function check(source: string, where: string, reference: string, base: URL) {
    let url: URL;
    try {
      url = new URL(reference, base);
    } catch {
      broken.push({ source, where, reference, reason: 'is not a valid URL' });
      return;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
      external++;
      return;
    }
    links++;
    const target = fileAt(dist, url.pathname);
    if (target === undefined) {
      broken.push({ source, where, reference, reason: `no file at ${url.pathname}` });
      return;
    }
    targets.add(target);
    if (url.hash.length <= 1 || !target.endsWith('.html')) return;
    fragments++;
    const id = decodeFragment(url.hash);
    // An HTML fragment names an element id; "top" is the top of the page even without one.
    if (id === 'top' || (await ids(target)).has(id)) return;
    broken.push({ source, where, reference, reason: `no id="${id}" in ${target}` });
  }

  for (const file of htmlFiles) {
    const $ = await load(file);
    const page = new URL(urlPathOf(file), origin);
    const baseHref = $('base[href]').first().attr('href');
    const base = baseHref === undefined ? page : new URL(baseHref, page);
    for (const element of $('[href], [src], [srcset], [poster]').toArray()) {
      const name = element.tagName.toLowerCase();
      if (name === 'base') continue;
      for (const attribute of URL_ATTRIBUTES) {
        const value = $(element).attr(attribute);
        if (value !== undefined) await check(file, `${name}[${attribute}]`, value.trim(), base);
      }
      const srcset = $(element).attr('srcset');
      if (srcset !== undefined) {
        for (const url of srcsetUrls(srcset)) await check(file, `${name}[srcset]`, url, base);
      }
    }
    // Addresses a page gives for itself and its images in metadata are links too.
    for (const meta of $(META_URLS).toArray()) {
      const content = $(meta).attr('content');
      const key = $(meta).attr('property') ?? $(meta).attr('name') ?? '';
      if (content !== undefined) await check(file, `meta[${key}]`, content.trim(), base);
    }
    for (const style of $('style').toArray()) {
      for (const url of cssUrls($(style).text())) await check(file, 'style url()', url, base);
    }
    for (const element of $('[style]').toArray()) {
      for (const url of cssUrls($(element).attr('style') ?? '')) {
        await check(file, `${element.tagName.toLowerCase()}[style] url()`, url, base);
      }
    }
  }
  for (const file of cssFiles) {
    const css = await readFile(path.join(dist, file), 'utf8');
    const base = new URL(`/${file}`, origin);
    for (const url of cssUrls(css)) {
      // A bare fragment in CSS points into an SVG document, not a page: nothing to check here.
      if (url.startsWith('#') || url.length === 0) continue;
      await check(file, 'url()', url, base);
    }
  }
  return {
    pages: htmlFiles.length,
    stylesheets: cssFiles.length,
    links,
    fragments,
    external,
    targets,
    broken,
  };
}

/** The broken links, one line each, grouped by the file they are in. */
export function formatBroken(broken: readonly BrokenLink[]): string {
  const bySource = new Map<string, BrokenLink[]>();
  for (const link of broken)
    bySource.set(link.source, [...(bySource.get(link.source) ?? []), link]);
  const lines = [`${String(broken.length)} broken link(s) in ${String(bySource.size)} file(s):`];
  for (const [source, list] of bySource) {
    lines.push(`  ${source}`);
    for (const link of list) lines.push(`    ${link.where} "${link.reference}": ${link.reason}`);
  }
  return lines.join('\n');
}

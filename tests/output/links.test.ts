/**
 * No broken link anywhere in either built site: every internal href and src (root-relative,
 * relative or absolute on the site's address, assets and the feed included) names a file of the
 * build, and every fragment names an element id of the page it points into. The checker itself is
 * first run over a small hand-made site with known broken links, so a clean report means something.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../site/build-fixture.ts';
import { checkLinks, formatBroken, type LinkReport } from './link-check.ts';
import { SITE, SITE_NAMES, useBuiltSites, type SiteName } from './sites.ts';

const reports = new Map<SiteName, LinkReport>();

function report(name: SiteName): LinkReport {
  const found = reports.get(name);
  if (!found) throw new Error(`The ${name} site was not checked.`);
  return found;
}

describe('the link checker', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds missing files and missing fragments, and accepts what a static host would serve', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dossier-links-'));
    const page = (body: string) =>
      `<!doctype html><html lang="en"><head><title>t</title>${body}</head><body id="top-of-page"></body></html>`;
    await mkdir(path.join(dir, 'a'));
    await mkdir(path.join(dir, 'café'));
    await writeFile(path.join(dir, 'a/index.html'), page('<p id="here">a</p>'));
    await writeFile(path.join(dir, 'café/index.html'), page('<h2 id="perché">b</h2>'));
    await writeFile(path.join(dir, 'style.css'), 'a{background:url("/missing.png")} b{x:url(a/)}');
    await writeFile(
      path.join(dir, 'index.html'),
      page(`<link rel="stylesheet" href="/style.css"><p id="self"></p>
        <a href="/a/">ok</a><a href="/a">ok</a><a href="a/">ok</a><a href="./a/index.html#here">ok</a>
        <a href="/a/#here">ok</a><a href="#self">ok</a><a href="${SITE}/a/">ok</a>
        <a href="/caf%C3%A9/#perch%C3%A9">ok</a><a href="/café/#perché">ok</a><a href="#top">ok</a>
        <a href="https://elsewhere.example.com/nope/">external</a><a href="mailto:x@example.com">external</a>
        <a href="/missing/">broken</a><a href="/a/#nowhere">broken</a><a href="#gone">broken</a>
        <a href="${SITE}/nope/">broken</a><a href="/style.css/">broken</a>
        <img alt="" src="/a/" srcset="/a/ 1x, /missing-2x.png 2x">`),
    );
    const result = await checkLinks(dir, await listFiles(dir), SITE);
    expect(
      result.broken.map((link) => [link.source, link.where, link.reference, link.reason]),
    ).toEqual([
      ['index.html', 'a[href]', '/missing/', 'no file at /missing/'],
      ['index.html', 'a[href]', '/a/#nowhere', 'no id="nowhere" in a/index.html'],
      ['index.html', 'a[href]', '#gone', 'no id="gone" in index.html'],
      ['index.html', 'a[href]', `${SITE}/nope/`, 'no file at /nope/'],
      ['index.html', 'a[href]', '/style.css/', 'no file at /style.css/'],
      ['index.html', 'img[srcset]', '/missing-2x.png', 'no file at /missing-2x.png'],
      ['style.css', 'url()', '/missing.png', 'no file at /missing.png'],
    ]);
    expect(result.external).toBe(2);
    expect(result.links).toBe(21);
    expect(result.fragments).toBe(8);
    expect(formatBroken(result.broken)).toContain(
      'index.html\n    a[href] "/missing/": no file at',
    );
  });
});

describe('the built sites', () => {
  const sites = useBuiltSites();

  beforeAll(async () => {
    for (const site of sites.all) {
      const report = await checkLinks(site.dist, site.files, SITE);
      reports.set(site.name, report);
      console.log(
        `${site.name}: ${String(report.links)} internal links (${String(report.fragments)} with a fragment) checked on ${String(report.pages)} pages and ${String(report.stylesheets)} stylesheets; ${String(report.external)} external not followed; ${String(report.broken.length)} broken`,
      );
    }
  });

  describe.each(SITE_NAMES)('the %s site', (name) => {
    it('has no broken internal link, asset reference or fragment on any page', () => {
      const result = report(name);
      expect(result.pages).toBe(sites.site(name).htmlFiles.length);
      expect(result.links).toBeGreaterThan(result.pages * 5);
      if (result.broken.length > 0) expect.fail(formatBroken(result.broken));
    });

    it('reaches every page but the 404 page, every stylesheet and the feed through its own links', () => {
      const built = sites.site(name);
      const expected = built.files.filter(
        (file) =>
          (file.endsWith('.html') && file !== '404.html') ||
          file.endsWith('.css') ||
          file === 'rss.xml',
      );
      const unreached = expected.filter((file) => !report(name).targets.has(file));
      expect(unreached, `files no link leads to:\n${unreached.join('\n')}`).toEqual([]);
      expect(report(name).fragments).toBeGreaterThan(built.published.length);
    });
  });
});

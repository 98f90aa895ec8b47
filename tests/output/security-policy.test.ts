/**
 * The security policy of the built site (src/site/csp.ts): every page carries a Content Security
 * Policy that lets nothing run but the site's own script files, with no inline script but its
 * hashed JSON-LD, and `_headers` gives static hosts the same policy and the usual security headers.
 * That search still works under the policy is shown in a browser by tests/search/search.test.ts,
 * whose server sends these headers.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CSP_DIRECTIVES,
  CSP_SCRIPT_SOURCES,
  CSP_SEARCH_SCRIPT_SOURCE,
  CSP_STYLE_SOURCES,
} from '../../src/site/csp.ts';
import {
  BUILD_TIMEOUT,
  buildFixture,
  listFiles,
  REPO,
  removeBuild,
  type FixtureBuild,
} from '../site/build-fixture.ts';
import { headersFor, parseHeadersFile } from '../support/headers-file.ts';

let build: FixtureBuild | undefined;
let pages: { file: string; $: cheerio.CheerioAPI }[] = [];

beforeAll(async () => {
  build = await buildFixture('UTC');
  const files = (await listFiles(build.dist)).filter((file) => file.endsWith('.html'));
  const dist = build.dist;
  pages = await Promise.all(
    files.map(async (file) => ({
      file,
      $: cheerio.load(await readFile(path.join(dist, file), 'utf8')),
    })),
  );
}, BUILD_TIMEOUT);

afterAll(async () => {
  await removeBuild(build?.root);
});

/** A policy as a map of directive to its sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function policyOf($: cheerio.CheerioAPI): Map<string, string[]> {
  const metas = $('meta[http-equiv="content-security-policy" i]');
  expect(metas.length).toBe(1);
  return parsePolicy(metas.attr('content') ?? '');
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Astro lists its five island loaders (`client:load` and the others) by hash on every page, whether
 * a page has islands or not (trackScriptHashes in astro/dist/core/csp/common.js). They are fixed
 * scripts of Astro's own; this site has no islands, so none of them ever appears.
 */
async function astroIslandLoaderHashes(): Promise<string[]> {
  return Promise.all(
    ['idle', 'load', 'media', 'only', 'visible'].map(async (directive) => {
      const file = path.join(
        REPO,
        `node_modules/astro/dist/runtime/client/${directive}.prebuilt.js`,
      );
      const module = (await import(pathToFileURL(file).href)) as { default: string };
      return sha256(module.default);
    }),
  );
}

describe('the Content Security Policy of every page', () => {
  it('is a <meta> at the end of <head>, before every script and stylesheet', () => {
    for (const { file, $ } of pages) {
      const meta = $('meta[http-equiv="content-security-policy" i]');
      expect(meta.parent().is('head'), file).toBe(true);
      const all = $('*').toArray();
      const at = all.indexOf(meta.get(0) as (typeof all)[number]);
      const first = $('script, style, link[rel~="stylesheet"]').toArray()[0];
      if (first) expect(all.indexOf(first), file).toBeGreaterThan(at);
    }
  });

  it('allows nothing by default, and only the site itself for what the pages load', () => {
    for (const { file, $ } of pages) {
      const policy = policyOf($);
      for (const directive of CSP_DIRECTIVES) {
        const [name = '', ...sources] = directive.split(' ');
        expect(policy.get(name), `${file}: ${name}`).toEqual(sources);
      }
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
    }
  });

  it('runs scripts only from the site, and no inline script but hashed JSON-LD (and Astro’s unused island loaders)', async () => {
    const loaders = await astroIslandLoaderHashes();
    let jsonLdBlocks = 0;
    for (const { file, $ } of pages) {
      const sources = policyOf($).get('script-src') ?? [];
      const keywords = sources.filter((source) => !source.startsWith("'sha256-"));
      const expected =
        file === 'search/index.html'
          ? [...CSP_SCRIPT_SOURCES, CSP_SEARCH_SCRIPT_SOURCE]
          : [...CSP_SCRIPT_SOURCES];
      expect(keywords.sort(), file).toEqual(expected.sort());
      const jsonLd = $('script[type="application/ld+json"]')
        .toArray()
        .map((script) => sha256($(script).text()));
      jsonLdBlocks += jsonLd.length;
      const hashes = sources.filter((source) => source.startsWith("'sha256-"));
      expect(hashes.sort(), file).toEqual([...new Set([...jsonLd, ...loaders])].sort());
      // Every other script is a file of the site's own.
      for (const script of $('script:not([type="application/ld+json"])').toArray()) {
        const src = $(script).attr('src');
        expect(src, `${file}: an inline script`).toBeDefined();
        expect(src, file).toMatch(/^\/(?!\/)/);
      }
    }
    expect(jsonLdBlocks).toBeGreaterThan(0);
  });

  it('takes styles only from the site’s stylesheet files: no inline <style>, no style attribute', () => {
    for (const { file, $ } of pages) {
      const sources = policyOf($).get('style-src') ?? [];
      expect(
        sources.filter((source) => !source.startsWith("'sha256-")),
        file,
      ).toEqual([...CSP_STYLE_SOURCES]);
      expect($('style').length, file).toBe(0);
      expect($('[style]').length, file).toBe(0);
    }
  });
});

describe('the _headers file for static hosts', () => {
  async function headers(pathname: string): Promise<Map<string, string>> {
    if (!build) throw new Error('The fixture site was not built.');
    const rules = parseHeadersFile(await readFile(path.join(build.dist, '_headers'), 'utf8'));
    return headersFor(rules, pathname);
  }

  it('gives every page the usual security headers', async () => {
    for (const pathname of ['/', '/articles/alpha-summit-analysis/', '/search/', '/rss.xml']) {
      const sent = await headers(pathname);
      expect(sent.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(sent.get('x-frame-options'), pathname).toBe('DENY');
      expect(sent.get('referrer-policy'), pathname).toBe('strict-origin-when-cross-origin');
      expect(sent.get('cross-origin-opener-policy'), pathname).toBe('same-origin');
      const permissions = sent.get('permissions-policy') ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
        expect(permissions, pathname).toContain(`${feature}=()`);
    }
  });

  it('sends the pages’ own policy as a header, with frame-ancestors, which a <meta> cannot carry', async () => {
    const policy = parsePolicy((await headers('/')).get('content-security-policy') ?? '');
    const expected = new Map<string, string[]>(
      CSP_DIRECTIVES.map((directive) => {
        const [name = '', ...sources] = directive.split(' ');
        return [name, sources];
      }),
    );
    expected.set('script-src', [...CSP_SCRIPT_SOURCES, CSP_SEARCH_SCRIPT_SOURCE]);
    expected.set('style-src', [...CSP_STYLE_SOURCES]);
    expected.set('frame-ancestors', ["'none'"]);
    expect(Object.fromEntries(policy)).toEqual(Object.fromEntries(expected));
  });
});

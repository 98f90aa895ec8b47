/**
 * An Astro integration that indexes the built site with Pagefind once every page is written
 * (`astro:build:done`), into `<outDir>/pagefind/`. It reads and writes only the output directory
 * Astro hands it, so it follows `npm run build` into its staging folder and the tests into theirs.
 *
 * What is searchable is decided by the pages' own attributes: only article pages are indexed, and on
 * them only the element marked `data-pagefind-body` (title, dek, body, claims, questions), minus
 * anything marked `data-pagefind-ignore`. Each page goes into the index of its `<html lang>`, so an
 * Italian article is stemmed as Italian. Drafts have no pages, so they are never indexed.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Where the bundle goes inside the built site, and the URL it is served from. */
export const PAGEFIND_DIR = 'pagefind';

/** The article pages, relative to the output directory: nothing else is ever indexed. */
export const ARTICLE_GLOB = 'articles/*/index.html';

/**
 * Parts of the rendered Markdown that are apparatus rather than prose: citation markers and
 * footnote references (their numbers would match searches for digits), footnote back-links and the
 * footnotes heading (an interface word). The footnotes themselves are indexed.
 */
export const EXCLUDED_SELECTORS: readonly string[] = [
  'sup.citation',
  '[data-footnote-ref]',
  '[data-footnote-backref]',
  '.footnotes-title',
];

/**
 * Pagefind's ready-made interfaces, written into every bundle. The search page uses the plain API
 * (`pagefind.js`, its worker and WebAssembly) with its own script, so these are never loaded and are
 * removed rather than published.
 */
export const UNUSED_BUNDLE_FILES: readonly string[] = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

export interface IndexResult {
  readonly pages: number;
  readonly outputPath: string;
}

function fail(step: string, errors: readonly string[]): never {
  throw new Error(`Pagefind could not ${step}:\n${errors.join('\n')}`);
}

/** Indexes the built site in `siteDir` and writes the bundle into `<siteDir>/pagefind/`. */
export async function indexSite(siteDir: string): Promise<IndexResult> {
  try {
    const created = await pagefind.createIndex({
      excludeSelectors: [...EXCLUDED_SELECTORS],
      writePlayground: false,
    });
    const { index } = created;
    if (!index || created.errors.length > 0) fail('start', created.errors);

    const added = await index.addDirectory({ path: siteDir, glob: ARTICLE_GLOB });
    if (added.errors.length > 0) fail('index the site', added.errors);

    const written = await index.writeFiles({ outputPath: path.join(siteDir, PAGEFIND_DIR) });
    if (written.errors.length > 0) fail('write its bundle', written.errors);
    await Promise.all(
      UNUSED_BUNDLE_FILES.map((file) => rm(path.join(written.outputPath, file), { force: true })),
    );

    return { pages: added.page_count, outputPath: written.outputPath };
  } finally {
    // Stops the Pagefind binary, so the build process can exit.
    await pagefind.close();
  }
}

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'dossier:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const started = performance.now();
        const { pages } = await indexSite(siteDir);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(
          `Indexed ${String(pages)} article page${pages === 1 ? '' : 's'} for search in ${seconds} s.`,
        );
      },
    },
  };
}

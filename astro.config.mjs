// @ts-check
import process from 'node:process';
import { defineConfig } from 'astro/config';
import pageReuse from './src/integrations/page-reuse.ts';
import pagefind from './src/integrations/pagefind.ts';
import sitemap from './src/integrations/sitemap.ts';
import { CSP_DIRECTIVES, CSP_SCRIPT_SOURCES, CSP_STYLE_SOURCES } from './src/site/csp.ts';

// The one place the public address is set: feeds, sitemap, canonical and Open Graph URLs derive
// from it. Override it per deployment with SITE_URL (CI passes an empty one when none is set).
const site = process.env.SITE_URL || 'https://dossier.example.org';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  // Pages reused from the previous build go in first, then the sitemap; the search index, made from
  // the articles while the pages render, is placed last: see src/site/page-reuse.ts and
  // src/integrations/.
  integrations: [pageReuse(), sitemap(), pagefind()],
  // A Content Security Policy on every page: see src/site/csp.ts.
  security: {
    csp: {
      directives: [...CSP_DIRECTIVES],
      scriptDirective: { resources: [...CSP_SCRIPT_SOURCES] },
      styleDirective: { resources: [...CSP_STYLE_SOURCES] },
    },
  },
  // Stylesheets stay files, so the policy sent as a header (public/_headers) needs no hashes.
  build: { inlineStylesheets: 'never' },
  // Article bodies are rendered by src/markdown/; Astro's highlighter (inline styles) is never used.
  markdown: { syntaxHighlight: false },
});

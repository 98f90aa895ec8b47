// @ts-check
import sitemap from '@astrojs/sitemap';
import process from 'node:process';
import { defineConfig } from 'astro/config';
import pagefind from './src/integrations/pagefind.ts';

// The one place the public address is set: feeds, sitemap, canonical and Open Graph URLs derive
// from it. Override it per deployment with SITE_URL (CI passes an empty one when none is set).
const site = process.env.SITE_URL || 'https://dossier.example.org';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  // Pagefind runs last, over the finished output: see src/integrations/pagefind.ts.
  integrations: [sitemap(), pagefind()],
  experimental: {
    // Article pages return a cacheKey; unchanged ones are reused from the previous build.
    incrementalBuild: true,
  },
});

// @ts-check
import sitemap from '@astrojs/sitemap';
import process from 'node:process';
import { defineConfig } from 'astro/config';

// The one place the public address is set: feeds, sitemap, canonical and Open Graph URLs derive
// from it. Override it per deployment with SITE_URL.
const site = process.env.SITE_URL ?? 'https://dossier.example.org';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  integrations: [sitemap()],
  experimental: {
    // Article pages return a cacheKey; unchanged ones are reused from the previous build.
    incrementalBuild: true,
  },
});

import { describe, expect, it } from 'vitest';
import { sitemapUrls } from '../../src/integrations/sitemap.ts';

describe('sitemapUrls', () => {
  const site = 'https://dossier.example.org';

  it('lists each page once, on the site’s address, numbers in pages by value', () => {
    expect(
      sitemapUrls(site, ['10/', '', 'articles/b/', '2/', 'articles/a/', 'articles/a/']),
    ).toEqual([
      'https://dossier.example.org/',
      'https://dossier.example.org/2/',
      'https://dossier.example.org/10/',
      'https://dossier.example.org/articles/a/',
      'https://dossier.example.org/articles/b/',
    ]);
  });

  it('leaves out the error pages', () => {
    expect(sitemapUrls(site, ['404/', '/500', 'search/'])).toEqual([
      'https://dossier.example.org/search/',
    ]);
  });

  it('orders as @astrojs/sitemap did, by localeCompare in English with numeric collation', () => {
    const paths = [
      'topics/nato/12/',
      'topics/nato/3/',
      'timeline/2019/',
      'Timeline/x/',
      'sources/',
    ];
    const expected = paths
      .map((p) => `https://dossier.example.org/${p}`)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(sitemapUrls(site, paths)).toEqual(expected);
  });
});

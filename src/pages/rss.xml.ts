import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getSite } from '../site/collection.ts';
import { SITE_DESCRIPTION, SITE_NAME } from '../site/settings.ts';

const FEED_SIZE = 50;

/**
 * An RSS `<description>` is HTML, which feed readers render; the dek is plain text, so any markup
 * an editor typed in it is shown as written, never run.
 */
function asHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export async function GET(context: APIContext) {
  const site = await getSite();
  return rss({
    title: SITE_NAME,
    description: SITE_DESCRIPTION,
    site: context.site ?? 'http://localhost/',
    items: site.articles.slice(0, FEED_SIZE).map((article) => ({
      title: article.data.title,
      description: asHtml(article.data.dek),
      link: `/articles/${article.slug}/`,
      pubDate: new Date(article.data.published.start),
      categories: [...article.data.topics],
    })),
    customData: '<language>en</language>',
  });
}

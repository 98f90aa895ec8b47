import { defineCollection } from 'astro:content';
import { ARTICLES_DIR } from './checker/files.ts';
import { articlesLoader } from './loader/articles-loader.ts';
import { withLiveErrors } from './loader/live-errors.ts';

export const collections = {
  articles: defineCollection({
    loader: withLiveErrors(articlesLoader({ base: ARTICLES_DIR }), { base: ARTICLES_DIR }),
  }),
};

import { defineCollection } from 'astro:content';
import { ARTICLES_DIR } from './checker/files.ts';
import { articlesLoader } from './loader/articles-loader.ts';

export const collections = {
  articles: defineCollection({ loader: articlesLoader({ base: ARTICLES_DIR }) }),
};

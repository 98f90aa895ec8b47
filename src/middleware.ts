/**
 * In dev, while the articles have an error, every page shows it in Astro's error overlay instead
 * of the last good version of the site (see src/loader/live-errors.ts). Nothing runs in a build,
 * where the loader's error stops the build itself.
 */
import { defineMiddleware } from 'astro:middleware';
import { firstErrorLocation, liveContentError } from './loader/live-errors.ts';

/** Read by Astro's overlay: `loc` shows the article's line (relative paths are from the root). */
class ArticlesError extends Error {
  override name = 'ContentError';
  readonly title = 'The articles have errors.';
  readonly hint = 'Fix the lines above and save the file: this page reloads by itself.';
  readonly loc: ReturnType<typeof firstErrorLocation>;

  constructor(message: string) {
    super(message);
    this.loc = firstErrorLocation(message);
    // The stack would point into this file; the message already says where the problems are.
    this.stack = `${this.name}: ${message}`;
  }
}

export const onRequest = defineMiddleware((_, next) => {
  if (import.meta.env.DEV) {
    const error = liveContentError();
    if (error !== undefined) throw new ArticlesError(error);
  }
  return next();
});

/**
 * Live feedback while `npm run dev` runs. The articles loader throws on any error, which is right
 * for a build but would stop the dev server at its first broken article. In dev (the only place
 * Astro hands loaders a file watcher) this wrapper instead logs the loader's error to the terminal,
 * keeps the last good articles on the site, and checks again whenever an article file is added,
 * changed or deleted. While an error stands, every page throws it (see src/middleware.ts), so the
 * browser shows it in Astro's error overlay; the page reloads by itself once the file is fixed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';

/**
 * The loader runs in Astro's content layer and the pages in Vite's module runner: the same
 * process, but each with its own instance of this module, so the error is kept on `globalThis`.
 */
const CURRENT_ERROR = Symbol.for('dossier.liveContentError');

interface Holder {
  [CURRENT_ERROR]?: string | undefined;
}

/** The articles' current error in dev, as the terminal showed it; undefined when they are clean. */
export function liveContentError(): string | undefined {
  return (globalThis as Holder)[CURRENT_ERROR];
}

/** Where the first error points, read from its line (`path:line:column  error  ...`). */
export function firstErrorLocation(
  error: string,
): { file: string; line: number; column: number } | undefined {
  const match = /^(.+?):(\d+):(\d+) {2}error {2}/m.exec(error);
  if (!match?.[1]) return undefined;
  return { file: match[1], line: Number(match[2]), column: Number(match[3]) };
}

/** Saves in quick succession (an editor writing a temporary file, then renaming it) check once. */
const SETTLE_MS = 50;

/** A key in the collection's meta store: changing it rewrites Astro's data store, which reloads the page. */
const RELOAD_KEY = 'live-error';

export function withLiveErrors(loader: Loader, options: { base: string }): Loader {
  return {
    ...loader,
    async load(context) {
      const { watcher } = context;
      if (!watcher) {
        await loader.load(context);
        return;
      }
      let queue = Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const check = () => {
        queue = queue.then(() => loadShowingErrors(loader, context));
        return queue;
      };
      const base = path.resolve(fileURLToPath(context.config.root), options.base);
      const onFile = (file: string) => {
        if (!isArticleFile(base, file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void check(), SETTLE_MS);
      };
      watcher.add(base);
      watcher.on('add', onFile);
      watcher.on('change', onFile);
      watcher.on('unlink', onFile);
      await check();
    },
  };
}

function isArticleFile(base: string, file: string): boolean {
  const relative = path.relative(base, file);
  return (
    relative !== '' &&
    !relative.startsWith('..') &&
    !path.isAbsolute(relative) &&
    relative.toLowerCase().endsWith('.md')
  );
}

async function loadShowingErrors(loader: Loader, context: LoaderContext): Promise<void> {
  let error: string | undefined;
  try {
    await loader.load(context);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
    context.logger.error(error);
  }
  (globalThis as Holder)[CURRENT_ERROR] = error;
  if (context.meta.get(RELOAD_KEY) === error) return;
  if (error === undefined) context.meta.delete(RELOAD_KEY);
  else context.meta.set(RELOAD_KEY, error);
}

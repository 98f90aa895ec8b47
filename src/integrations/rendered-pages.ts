/**
 * Article pages as Astro renders them, for the search index (./pagefind.ts) to take while the other
 * pages still render: a wrapper of Astro's prerenderer that hands over each article page's bytes,
 * rather than have the index wait for its file. Astro renders several pages at a time
 * (`build.concurrency`), so when a file is complete cannot be told from the order of renders.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AstroPrerenderer } from 'astro';

/** The order article pages go into the index, which decides its bytes: by slug. */
export function compareArticleFiles(a: string, b: string): number {
  const slugA = a.split('/')[1] ?? '';
  const slugB = b.split('/')[1] ?? '';
  return slugA < slugB ? -1 : slugA > slugB ? 1 : 0;
}

/** An article page's file for a page address Astro renders (`/articles/<slug>/`), if it is one. */
export function articleFile(pathname: string): string | undefined {
  const slug = /^\/articles\/([^/]+)\/?$/.exec(pathname)?.[1];
  return slug === undefined ? undefined : `articles/${slug}/index.html`;
}

/**
 * Bytes of rendered article pages kept for the index at most. Astro renders faster than the index
 * takes pages; past this, pages are read from their files once rendering has ended, rather than
 * kept: megabytes of page bytes held by the main thread made its garbage collection, and with it the
 * rendering, slower.
 */
const BACKLOG_BYTES = 32 * 1024 * 1024;

/** What the pages of one build keep between them. */
class Backlog {
  held = 0;
  full = false;
  readonly ended = Promise.withResolvers<void>();
}

/**
 * An article page Astro is rendering. Its bytes are taken once, then let go. Those not kept (the
 * backlog is full) or not taken when rendering ends are read from the written file instead.
 */
export class PageInRender {
  /** A digest of the page's bytes, once rendered. */
  readonly digest: Promise<string>;
  readonly #written: string;
  readonly #backlog: Backlog;
  #bytes: Promise<Uint8Array> | undefined;
  #settle:
    | { resolve: (bytes: Uint8Array | Promise<Uint8Array>) => void; reject: (error: Error) => void }
    | undefined;
  #kept = 0;

  /** `written`: where Astro writes the page. */
  constructor(written: string, backlog: Backlog) {
    this.#written = written;
    this.#backlog = backlog;
    const { promise, resolve, reject } = Promise.withResolvers<Uint8Array>();
    // Refused only when the build failed, and the index is then dropped unread.
    promise.catch(() => undefined);
    this.#bytes = promise;
    this.#settle = { resolve, reject };
    this.digest = promise.then((bytes) => createHash('sha1').update(bytes).digest('base64url'));
    this.digest.catch(() => undefined);
  }

  rendered(bytes: Uint8Array): void {
    const backlog = this.#backlog;
    if (!backlog.full && backlog.held + bytes.length <= BACKLOG_BYTES) {
      backlog.held += bytes.length;
      this.#kept = bytes.length;
      this.#settle?.resolve(bytes);
    } else {
      // Once one page is not kept, none after it is: the index takes pages in order.
      backlog.full = true;
      this.#settle?.resolve(backlog.ended.promise.then(() => readFile(this.#written)));
    }
    this.#settle = undefined;
  }

  /** Rendering has ended: the page is written, or the build failed before it was rendered. */
  end(): void {
    if (this.#settle) {
      this.#settle.reject(new Error(`The build stopped before ${this.#written} was rendered.`));
      this.#settle = undefined;
    } else if (this.#bytes) {
      this.#bytes = undefined;
      this.#release();
    }
  }

  /** The page's bytes, once rendered; taken once. */
  take(): Promise<Uint8Array> {
    const bytes = this.#bytes ?? readFile(this.#written);
    this.#bytes = undefined;
    return bytes.finally(() => {
      this.#release();
    });
  }

  #release(): void {
    this.#backlog.held -= this.#kept;
    this.#kept = 0;
  }
}

/** An article page this build renders, by its path in the site. */
export interface RenderedPage {
  readonly file: string;
  readonly page: PageInRender;
}

/**
 * Wraps Astro's prerenderer: the article pages are rendered in index order (Astro renders in the
 * order it is given), and `start` gets them as soon as the paths are known, each with its bytes
 * to come. `stopped` is told when rendering ends, whether the build succeeded or not.
 *
 * It also stops the rendering at the first page that fails. Astro renders several pages at a time
 * and, when one fails, gives up on the build but not on the pages already queued: those would go on
 * rendering, and writing into the staging folder that `npm run build` is removing. From the first
 * failure on, every page (those being rendered included) is answered with an empty response, which
 * Astro does not write, and rendering ends only once no page is being rendered.
 */
export function streamArticlePages(
  outDir: string,
  start: (pages: readonly RenderedPage[]) => void,
  stopped: () => void,
): (base: AstroPrerenderer) => AstroPrerenderer {
  return (base) => {
    const inRender = new Map<string, PageInRender>();
    const backlog = new Backlog();
    const rendering = new Set<Promise<unknown>>();
    let failed = false;
    const render: AstroPrerenderer['render'] = async (request, options) => {
      if (failed) return new Response(null);
      // The page is read here, not by Astro, so that a failure while it is produced is seen here.
      const work = (async () => {
        const result = await base.render(request, options);
        const response = result instanceof Response ? result : result.response;
        const bytes = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
        return { result, response, bytes };
      })();
      rendering.add(work);
      let done: Awaited<typeof work>;
      try {
        done = await work;
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        rendering.delete(work);
      }
      const { result, response, bytes } = done;
      if (failed) return new Response(null);
      if (!bytes) return result;
      const file = articleFile(new URL(request.url).pathname);
      if (file !== undefined) inRender.get(file)?.rendered(bytes);
      // Astro writes what it reads from the response: the same bytes, read once, for both.
      const copy = new Response(bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return result instanceof Response ? copy : { ...result, response: copy };
    };
    return {
      ...base,
      render,
      async getStaticPaths() {
        const paths = await base.getStaticPaths();
        const articles = paths.flatMap((entry, at) => {
          const file = articleFile(entry.pathname);
          return file === undefined ? [] : [{ entry, at, file }];
        });
        const inOrder = [...articles].sort((a, b) => compareArticleFiles(a.file, b.file));
        const ordered = [...paths];
        for (const [n, { at }] of articles.entries()) {
          const article = inOrder[n];
          if (article) ordered[at] = article.entry;
        }
        start(
          inOrder.map(({ file }): RenderedPage => {
            const page = new PageInRender(path.join(outDir, file), backlog);
            inRender.set(file, page);
            return { file, page };
          }),
        );
        return ordered;
      },
      async teardown() {
        await Promise.allSettled(rendering);
        for (const page of inRender.values()) page.end();
        backlog.ended.resolve();
        stopped();
        await base.teardown?.();
      },
    };
  };
}

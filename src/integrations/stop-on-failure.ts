/**
 * Stops rendering at the first page that fails. Astro renders several pages at a time
 * (`build.concurrency`) and, when one fails, gives up on the build but not on the pages it has
 * queued: those would go on rendering, and writing into the staging folder that `npm run build`
 * is removing, for as long as the rest of the site takes. This wraps Astro's prerenderer so that,
 * from the first failure on, every page (those being rendered included) is answered with an empty
 * response, which Astro neither writes nor reports, and rendering ends only once no page is being
 * rendered. The failure itself is reported by Astro, once.
 */
import type { AstroIntegration, AstroPrerenderer } from 'astro';

export function stopAtFirstFailure(base: AstroPrerenderer): AstroPrerenderer {
  const rendering = new Set<Promise<unknown>>();
  let failed = false;
  // Read through a function: the flag can change while a page renders.
  const hasFailed = () => failed;
  return {
    ...base,
    async render(request, options) {
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
      if (hasFailed()) return new Response(null);
      if (!bytes) return result;
      const copy = new Response(bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return result instanceof Response ? copy : { ...result, response: copy };
    },
    async teardown() {
      await Promise.allSettled(rendering);
      await base.teardown?.();
    },
  };
}

export default function stopOnFailureIntegration(): AstroIntegration {
  return {
    name: 'dossier:stop-on-failure',
    hooks: {
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer(stopAtFirstFailure);
      },
    },
  };
}

/**
 * The prerenderer wrapper that stops a build's rendering at the first failed page
 * (src/integrations/stop-on-failure.ts), driven the way Astro drives it: several pages at a time.
 */
import type { AstroPrerenderer } from 'astro';
import { describe, expect, it } from 'vitest';
import { stopAtFirstFailure } from '../../src/integrations/stop-on-failure.ts';

type RenderOptions = Parameters<AstroPrerenderer['render']>[1];
const OPTIONS = { routeData: {} } as RenderOptions;

/** A prerenderer whose pages finish when the test says, and which records what it rendered. */
function controlledPrerenderer() {
  const finish = new Map<string, PromiseWithResolvers<Response>>();
  const started: string[] = [];
  let tornDown = false;
  const base: AstroPrerenderer = {
    name: 'test',
    getStaticPaths: () => Promise.resolve([]),
    render: (request) => {
      const page = new URL(request.url).pathname;
      started.push(page);
      const done = Promise.withResolvers<Response>();
      finish.set(page, done);
      return done.promise;
    },
    teardown: () => {
      tornDown = true;
      return Promise.resolve();
    },
  };
  return {
    base,
    started,
    tornDown: () => tornDown,
    succeed: (page: string) => finish.get(page)?.resolve(new Response(`<p>${page}</p>`)),
    fail: (page: string) => finish.get(page)?.reject(new Error(`${page} failed`)),
  };
}

const request = (page: string) => new Request(`https://example.org${page}`);

describe('stopping the rendering at the first failed page', () => {
  it('passes pages through unchanged while none has failed', async () => {
    const pages = controlledPrerenderer();
    const wrapped = stopAtFirstFailure(pages.base);
    const rendering = wrapped.render(request('/a/'), OPTIONS);
    await Promise.resolve();
    pages.succeed('/a/');
    const result = await rendering;
    const response = result instanceof Response ? result : result.response;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>/a/</p>');
  });

  it('reports the failure, answers pages in flight and queued with nothing to write, and ends once none is rendering', async () => {
    const pages = controlledPrerenderer();
    const wrapped = stopAtFirstFailure(pages.base);
    const first = wrapped.render(request('/a/'), OPTIONS);
    const second = wrapped.render(request('/b/'), OPTIONS);
    await Promise.resolve();
    pages.fail('/a/');
    await expect(first).rejects.toThrow('/a/ failed');

    const queued = await wrapped.render(request('/c/'), OPTIONS);
    expect(queued instanceof Response ? queued.body : queued.response.body).toBeNull();
    expect(pages.started).toEqual(['/a/', '/b/']);

    let ended = false;
    const teardown = wrapped.teardown?.().then(() => {
      ended = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ended).toBe(false);
    pages.succeed('/b/');
    const late = await second;
    expect(late instanceof Response ? late.body : late.response.body).toBeNull();
    await teardown;
    expect(ended).toBe(true);
    expect(pages.tornDown()).toBe(true);
  });
});

/**
 * How the search index splits article pages into shards (src/integrations/pagefind.ts): runs of
 * consecutive slugs, bounded in size, which an added or removed page barely disturbs.
 */
import { describe, expect, it } from 'vitest';
import { shardPages } from '../../src/integrations/pagefind.ts';

const PER_SHARD = 100;

function pages(count: number, prefix = 'article'): { file: string }[] {
  return Array.from({ length: count }, (_, n) => ({
    file: `articles/${prefix}-${String(n).padStart(5, '0')}/index.html`,
  })).sort((a, b) => (a.file < b.file ? -1 : 1));
}

function files(shards: readonly (readonly { file: string }[])[]): string[][] {
  return shards.map((shard) => shard.map(({ file }) => file));
}

/** Shards of `after` that are not, page for page, a shard of `before`. */
function changed(before: readonly string[][], after: readonly string[][]): string[][] {
  const kept = new Set(before.map((shard) => shard.join('\n')));
  return after.filter((shard) => !kept.has(shard.join('\n')));
}

describe('splitting article pages into search shards', () => {
  const site = pages(5000);
  const shards = files(shardPages(site, PER_SHARD));

  it('keeps every page once, in order, in runs of consecutive pages', () => {
    expect(shards.flat()).toEqual(site.map(({ file }) => file));
  });

  it('makes shards of a quarter to twice the size asked for, the last one aside', () => {
    for (const shard of shards.slice(0, -1)) {
      expect(shard.length).toBeGreaterThanOrEqual(PER_SHARD / 4);
      expect(shard.length).toBeLessThanOrEqual(PER_SHARD * 2);
    }
    const mean = site.length / shards.length;
    expect(mean).toBeGreaterThan(PER_SHARD * 0.5);
    expect(mean).toBeLessThan(PER_SHARD * 1.5);
  });

  it('changes only the shard an added page joins, and at most the one after it', () => {
    for (const n of [0, 777, 2500, 4999]) {
      const added = { file: site[n]?.file.replace('/index.html', '-b/index.html') ?? '' };
      const after = files(
        shardPages(
          [...site, added].sort((a, b) => (a.file < b.file ? -1 : 1)),
          PER_SHARD,
        ),
      );
      const different = changed(shards, after);
      expect(different.length).toBeGreaterThanOrEqual(1);
      expect(different.length).toBeLessThanOrEqual(2);
      expect(different[0]).toContain(added.file);
    }
  });

  it('changes only the shard a removed page left, and at most the one after it', () => {
    for (const n of [1, 1234, 4321]) {
      const after = files(
        shardPages(
          site.filter((_, at) => at !== n),
          PER_SHARD,
        ),
      );
      expect(changed(shards, after).length).toBeLessThanOrEqual(2);
    }
  });

  it('gives a site with no articles one empty shard, so the search page has a bundle', () => {
    expect(shardPages([], PER_SHARD)).toEqual([[]]);
  });

  it('puts a small site in one shard', () => {
    expect(shardPages(pages(3), PER_SHARD)).toHaveLength(1);
  });
});

import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  newPackName,
  PackWriter,
  preparedRef,
  prunePacks,
  type PreparedArticle,
} from '../../src/checker/prepared.ts';
import { loadPrepared, loadPreparedLazily } from '../../src/site/prepare.ts';

const source = path.resolve('content/articles/2026/rutte-washington-aprile.md');
const scratch = mkdtempSync(path.join(tmpdir(), 'dossier-prepared-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const fresh = loadPrepared({ source, prepared: undefined });
const withHtml = (html: string): PreparedArticle => ({ ...fresh, html });

function packIn(dir: string): PackWriter {
  return new PackWriter(dir, newPackName());
}

/** A pack in `scratch/<name>` holding one rendering, and where that rendering lies. */
function storeOne(name: string, article: PreparedArticle) {
  const dir = path.join(scratch, name);
  const pack = packIn(dir);
  const location = pack.append(article);
  pack.close();
  return { dir, location };
}

describe('loadPrepared', () => {
  it('takes each stored rendering from its place in the pack', () => {
    const dir = path.join(scratch, 'two');
    const pack = packIn(dir);
    const first = pack.append(withHtml('<p>first</p>'));
    const second = pack.append(withHtml('<p>second</p>'));
    pack.close();
    expect(loadPrepared(preparedRef(source, dir, second)).html).toBe('<p>second</p>');
    expect(loadPrepared(preparedRef(source, dir, first)).html).toBe('<p>first</p>');
  });

  it('renders the article again from its file when its pack is gone', () => {
    const { dir, location } = storeOne('gone', withHtml('<p>stored</p>'));
    rmSync(dir, { recursive: true });
    const article = loadPrepared(preparedRef(source, dir, location));
    expect(article.data.lang).toBe('it');
    expect(article.html).toBe(fresh.html);
    expect(article.sources.length).toBe(article.data.sources.length);
  });

  it('renders again when the stored bytes are cut short or are not a rendering', () => {
    const { dir, location } = storeOne('torn', withHtml('<p>stored</p>'));
    const beyond = { ...location, length: location.length + 10 };
    expect(loadPrepared(preparedRef(source, dir, beyond)).html).toBe(fresh.html);
    const inside = { ...location, offset: 1, length: location.length - 1 };
    expect(loadPrepared(preparedRef(source, dir, inside)).html).toBe(fresh.html);
  });
});

describe('loadPreparedLazily', () => {
  it('reads the frontmatter alone, and the body when asked', () => {
    const dir = path.join(scratch, 'lazy');
    const pack = packIn(dir);
    pack.append(withHtml('<p>before</p>'));
    const location = pack.append({
      ...withHtml('<p>stored</p>'),
      data: { ...fresh.data, title: 'Stored' },
    });
    pack.close();
    const ref = preparedRef(source, dir, location);
    const { data, body } = loadPreparedLazily(ref);
    expect(data.title).toBe('Stored');
    expect(body().html).toBe('<p>stored</p>');
    expect(body().sources).toEqual(fresh.sources);
  });

  it('renders again from the file when the frontmatter cannot be read', () => {
    const { dir, location } = storeOne('lazy-gone', withHtml('<p>stored</p>'));
    rmSync(dir, { recursive: true });
    const { data, body } = loadPreparedLazily(preparedRef(source, dir, location));
    expect(data).toEqual(fresh.data);
    expect(body().html).toBe(fresh.html);
  });

  it('renders the body again when it went missing after its frontmatter was read', () => {
    const { dir, location } = storeOne('lazy-late', withHtml('<p>stored</p>'));
    const { body } = loadPreparedLazily(preparedRef(source, dir, location));
    rmSync(dir, { recursive: true });
    expect(body().html).toBe(fresh.html);
  });

  it('refuses a body rendered again from a file edited since its frontmatter was read', () => {
    const { dir, location } = storeOne('lazy-edited', {
      ...fresh,
      data: { ...fresh.data, title: 'Before the edit' },
    });
    const { body } = loadPreparedLazily(preparedRef(source, dir, location));
    rmSync(dir, { recursive: true });
    expect(() => body()).toThrow(/changed while the site was being built/);
  });
});

describe('prunePacks', () => {
  it('removes old packs no rendering lies in, and keeps the others and recent ones', () => {
    const dir = path.join(scratch, 'prune');
    const kept = packIn(dir);
    const location = kept.append(withHtml('<p>kept</p>'));
    kept.close();
    const old = packIn(dir);
    old.append(withHtml('<p>old</p>'));
    old.close();
    const recent = packIn(dir);
    recent.append(withHtml('<p>another run</p>'));
    recent.close();
    const longAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(dir, kept.name), longAgo, longAgo);
    utimesSync(path.join(dir, old.name), longAgo, longAgo);
    writeFileSync(path.join(dir, 'stray.tmp'), '');
    utimesSync(path.join(dir, 'stray.tmp'), longAgo, longAgo);

    prunePacks(dir, [location, undefined]);

    expect(existsSync(path.join(dir, kept.name))).toBe(true);
    expect(existsSync(path.join(dir, recent.name))).toBe(true);
    expect(existsSync(path.join(dir, old.name))).toBe(false);
    expect(existsSync(path.join(dir, 'stray.tmp'))).toBe(false);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPrepared } from '../../src/site/prepare.ts';

const source = path.resolve('content/articles/2026/rutte-washington-aprile.md');
const scratch = mkdtempSync(path.join(tmpdir(), 'dossier-prepared-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('loadPrepared', () => {
  it('renders the article again from its file when its stored rendering is gone', () => {
    const article = loadPrepared({ source, prepared: path.join(scratch, 'missing.json') });
    expect(article.data.lang).toBe('it');
    expect(article.html).toContain('<p>');
    expect(article.sources.length).toBe(article.data.sources.length);
  });

  it('takes the stored rendering when there is one', () => {
    const fresh = loadPrepared({ source, prepared: undefined });
    const stored = path.join(scratch, 'stored.json');
    writeFileSync(stored, JSON.stringify({ ...fresh, html: '<p>stored</p>' }));
    expect(loadPrepared({ source, prepared: stored }).html).toBe('<p>stored</p>');
  });

  it('renders again when the stored rendering is unreadable', () => {
    const torn = path.join(scratch, 'torn.json');
    writeFileSync(torn, '{"data":');
    expect(loadPrepared({ source, prepared: torn }).html).toContain('<p>');
  });
});

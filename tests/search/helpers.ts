/**
 * What the search tests need around a built site: the Pagefind bundle read back from disk, a tiny
 * static file server (as a static host serves `dist`), and the machine's Chromium.
 */
import { constants, createReadStream } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; DOSSIER_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';

/** Set in continuous integration, where a missing browser is a failure rather than a skip. */
export const IN_CI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);

export async function chromiumAvailable(): Promise<boolean> {
  try {
    await access(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** `pagefind/pagefind-entry.json`: the bundle's version and its index per language. */
export interface PagefindEntry {
  readonly version: string;
  readonly languages: Readonly<
    Record<
      string,
      { readonly hash: string; readonly wasm: string | null; readonly page_count: number }
    >
  >;
}

export async function readEntry(dist: string): Promise<PagefindEntry> {
  return JSON.parse(
    await readFile(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8'),
  ) as PagefindEntry;
}

/** One indexed page as Pagefind stored it: what it will show and filter by. */
export interface Fragment {
  readonly url: string;
  readonly content: string;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly meta: Readonly<Record<string, string>>;
  /** The index (language) it was found in, from the fragment's file name. */
  readonly language: string;
}

/**
 * Every indexed page, read from the bundle's fragment files: gzip, then a `pagefind_dcd` signature
 * and the page's JSON (the format of the pinned Pagefind version).
 */
export async function readFragments(dist: string): Promise<Fragment[]> {
  const folder = path.join(dist, 'pagefind/fragment');
  const files = (await readdir(folder)).filter((file) => file.endsWith('.pf_fragment')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = gunzipSync(await readFile(path.join(folder, file))).toString('utf8');
      const signature = 'pagefind_dcd';
      if (!text.startsWith(signature)) throw new Error(`${file}: not a Pagefind fragment`);
      const data = JSON.parse(text.slice(signature.length)) as Omit<Fragment, 'language'>;
      return { ...data, language: file.slice(0, file.indexOf('_')) };
    }),
  );
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly origin: string;
  close(): Promise<void>;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Serves `root` on a free port of 127.0.0.1: `/x/` is `/x/index.html`, anything missing a 404. */
export async function serve(root: string): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const file = path.join(root, path.normalize(relative));
    void (async () => {
      if (!file.startsWith(root + path.sep) || !(await isFile(file))) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      response.writeHead(200, {
        'content-type':
          CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

/** The total size in bytes of every file under `folder`. */
export async function folderSize(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => (await stat(path.join(entry.parentPath, entry.name))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/**
 * A tiny static file server over a built site, serving it as a static host serves `dist`, for the
 * tests that open it in a browser (tests/browser, tests/search). Like Netlify or Cloudflare Pages,
 * it sends the headers that the site's `_headers` file gives each path, its security policy among
 * them, so the browser tests run under the policy readers get.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { headersFor, parseHeadersFile } from './headers-file.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** The site's address, without a trailing slash: `http://127.0.0.1:PORT`. */
  readonly origin: string;
  close(): Promise<void>;
}

async function fileAt(file: string): Promise<'file' | 'directory' | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves `root` on 127.0.0.1 (a free port) as a static host would: `index.html` for a directory
 * (redirecting `/dir` to `/dir/`), and `404.html` with status 404 for anything missing.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const rules = parseHeadersFile(
    await readFile(path.join(base, '_headers'), 'utf8').catch(() => ''),
  );

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    const send = (status: number, file: string) => {
      response.writeHead(status, {
        ...Object.fromEntries(
          headersFor(rules, new URL(request.url ?? '/', 'http://localhost').pathname),
        ),
        'Content-Type': contentType(file),
        'Cache-Control': 'no-store',
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const file = path.join(base, pathname);
    const inside = file === base || file.startsWith(base + path.sep);
    const kind = inside && !pathname.includes('\0') ? await fileAt(file) : undefined;
    if (kind === 'directory' && !pathname.endsWith('/')) {
      response.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const index = path.join(file, 'index.html');
    if (kind === 'file') send(200, file);
    else if (kind === 'directory' && (await fileAt(index)) === 'file') send(200, index);
    else {
      const notFound = path.join(base, '404.html');
      if ((await fileAt(notFound)) === 'file') send(404, notFound);
      else response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
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

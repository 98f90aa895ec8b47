/**
 * What the browser tests need around a built site: a tiny static file server (as a static host
 * serves `dist`), the machine's Chromium driven by playwright-core, and axe-core injected into pages.
 */
import { constants, createReadStream } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; DOSSIER_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';

/** Set in continuous integration, where a missing browser is a failure rather than a skip. */
export const IN_CI = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);

/** Whether `CHROMIUM` exists and can be run. */
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

export function contentType(file: string): string {
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

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    const send = (status: number, file: string) => {
      response.writeHead(status, {
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
    origin: `http://127.0.0.1:${port}`,
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

/** The WCAG levels checked: A and AA of 2.0, 2.1 and 2.2. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly {
    /** CSS selectors, outermost frame first. */
    readonly target: readonly string[];
    readonly failureSummary: string | undefined;
  }[];
}

let axeSource: string | undefined;

async function axeScript(): Promise<string> {
  axeSource ??= await readFile(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  return axeSource;
}

/** Runs axe-core over the whole of the page's current document with `WCAG_TAGS`. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ content: await axeScript() });
  return page.evaluate(
    async (tags) => {
      const { axe } = window as unknown as {
        axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
      };
      const results = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      // Only what a report needs: the raw nodes hold the whole element's HTML.
      return results.violations.map((violation): AxeViolation => ({
        id: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({
          target: node.target.map((selector) =>
            typeof selector === 'string' ? selector : JSON.stringify(selector),
          ),
          failureSummary: node.failureSummary,
        })),
      }));
    },
    [...WCAG_TAGS],
  );
}

/** A violation list as a reader of a failing test wants it: rule, impact, where, and why. */
export function describeViolations(label: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${label}: no violations`;
  const lines = [`${label}: ${violations.length} axe violation(s)`];
  for (const violation of violations) {
    lines.push(`  [${violation.impact ?? 'n/a'}] ${violation.id}: ${violation.help}`);
    lines.push(`    ${violation.helpUrl}`);
    for (const node of violation.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' > ')}`);
      const summary = node.failureSummary?.replace(/\s*\n\s*/g, ' ');
      if (summary) lines.push(`      ${summary}`);
    }
    if (violation.nodes.length > 5) lines.push(`    … and ${violation.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

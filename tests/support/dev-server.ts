/**
 * Runs `astro dev` over a copy of the fixture site's articles in a temporary project, with the
 * project's own code and configuration (as tests/site/build-fixture.ts builds it), and records
 * everything it prints: for the tests of what editors see while they write.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE, REPO } from '../site/build-fixture.ts';

export interface DevServer {
  /** The temporary project root; its articles are in `content/articles/`. */
  readonly root: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Everything the server printed so far, colours off. */
  output(): string;
  /** Resolves once the server has printed `text` after `from` (an offset into the output). */
  waitForOutput(text: string, from?: number, timeout?: number): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('No port was assigned.'));
      });
    });
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The environment `npm run dev` has in an editor's terminal: without vitest's own variables, since
 * Astro's dev server serves no pages when it sees `VITEST` (it expects to be under test itself).
 */
function editorsEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST',
    ),
  );
}

/** Polls `condition` until it holds, or fails saying `what` after `timeout` milliseconds. */
export async function eventually(
  what: string | (() => string),
  condition: () => boolean | Promise<boolean>,
  timeout = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting until ${typeof what === 'string' ? what : what()}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the dev server on a free port and resolves once it is ready to serve pages. */
export async function startDevServer(): Promise<DevServer> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-dev-'));
  await cp(path.join(FIXTURE, 'content'), path.join(root, 'content'), { recursive: true });
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const config = path.relative(root, path.join(FIXTURE, 'astro.config.mjs'));
  const node = path.join(REPO, 'node_modules/.bin/node');
  const port = await freePort();
  const child = spawn(
    existsSync(node) ? node : process.execPath,
    [
      path.join(REPO, 'node_modules/astro/bin/astro.mjs'),
      'dev',
      '--root',
      root,
      '--config',
      config,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    {
      cwd: root,
      env: {
        ...editorsEnvironment(),
        ASTRO_TELEMETRY_DISABLED: '1',
        // Some environments move `astro dev` to the background; the test needs its output.
        ASTRO_DEV_BACKGROUND: '0',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const server: DevServer = {
    root,
    origin: `http://127.0.0.1:${String(port)}`,
    output: () => output,
    waitForOutput: (text, from = 0, timeout = 30_000) =>
      eventually(
        () => `the dev server printed ${JSON.stringify(text)}; it printed:\n${output.slice(from)}`,
        () => {
          if (child.exitCode !== null) throw new Error(`The dev server exited:\n${output}`);
          return output.slice(from).includes(text);
        },
        timeout,
      ),
    async stop() {
      await stopped(child);
      await rm(root, { recursive: true, force: true });
    },
  };
  try {
    await server.waitForOutput(`${server.origin}/`, 0, 120_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/**
 * Every page of both built sites checked by the W3C Nu HTML Checker (vnu), errors only: one Java
 * run over both builds and a deliberately invalid canary page, which proves the checker ran and
 * that its report is read. Without Java the checks are skipped, except on CI where they fail.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { SITE_NAMES, useBuiltSites } from './sites.ts';

/** vnu-jar exports the path of its jar (as a String object). */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));
/** JAVA_HOME's Java when set, else the one on PATH. */
const JAVA_CANDIDATES = [
  ...(process.env.JAVA_HOME ? [path.join(process.env.JAVA_HOME, 'bin/java')] : []),
  'java',
];
/** A Java start and two small sites take a few seconds; leave room for slow CI machines. */
const VNU_TIMEOUT = 180_000;

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  message: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  extract?: string;
}

interface VnuRun {
  readonly messages: readonly VnuMessage[];
  /** The files vnu says it checked (its --verbose list), absolute. */
  readonly checked: ReadonlySet<string>;
  readonly exitCode: number | null;
  readonly stderr: string;
}

function findJava(): { command: string; version: string } | undefined {
  for (const command of JAVA_CANDIDATES) {
    const probe = spawnSync(command, ['-version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) continue;
    return { command, version: /version "([^"]+)"/.exec(probe.stderr)?.[1] ?? 'unknown version' };
  }
  return undefined;
}

const java = findJava();
const NO_JAVA = `Java was not found (tried ${JAVA_CANDIDATES.map((command) => `${command} -version`).join(', ')}), so the Nu HTML Checker cannot run. Install a JDK 17+ or set JAVA_HOME.`;

/** Runs vnu once over the given folders and files. Exits 1 when it finds errors, which is fine. */
async function runVnu(javaCommand: string, targets: readonly string[]): Promise<VnuRun> {
  const args = [
    '-jar',
    VNU_JAR,
    '--format',
    'json',
    '--errors-only',
    '--skip-non-html',
    '--verbose',
    ...targets,
  ];
  const { exitCode, stdout, stderr } = await new Promise<{
    exitCode: number | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    const child = spawn(javaCommand, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ exitCode: code, stdout: out, stderr: err });
    });
  });
  // The JSON report is written to stderr, and --verbose lists each checked file on stdout.
  const start = stderr.indexOf('{"');
  if (start < 0) {
    throw new Error(`vnu printed no JSON report (exit code ${String(exitCode)}):\n${stderr}`);
  }
  const report = JSON.parse(stderr.slice(start)) as { messages: VnuMessage[] };
  const checked = new Set(
    stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .map((line) => path.resolve(line)),
  );
  return { messages: report.messages, checked, exitCode, stderr };
}

function fileOf(message: VnuMessage): string | undefined {
  return message.url?.startsWith('file:') ? fileURLToPath(message.url) : undefined;
}

function isError(message: VnuMessage): boolean {
  return message.type === 'error' || message.type === 'non-document-error';
}

/** One line per message, grouped by page, with where it is and the markup around it. */
function formatErrors(dist: string, messages: readonly VnuMessage[]): string {
  const byPage = new Map<string, VnuMessage[]>();
  for (const message of messages) {
    const file = fileOf(message);
    const page = file ? path.relative(dist, file) : (message.url ?? '(no file)');
    byPage.set(page, [...(byPage.get(page) ?? []), message]);
  }
  const lines = [`${String(messages.length)} HTML error(s) on ${String(byPage.size)} page(s):`];
  for (const [page, list] of [...byPage].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`  ${page}`);
    for (const message of list) {
      const where = `${String(message.firstLine ?? message.lastLine ?? '?')}:${String(message.firstColumn ?? message.lastColumn ?? '?')}`;
      lines.push(
        `    ${where}  ${message.type === 'error' ? '' : `[${message.type}] `}${message.message}`,
      );
      if (message.extract) lines.push(`      near: ${message.extract.replace(/\s+/g, ' ').trim()}`);
    }
  }
  return lines.join('\n');
}

/** Missing Java fails on CI and skips elsewhere, saying why. */
function requireJava(context: TestContext): void {
  if (java !== undefined) return;
  if (process.env.CI) throw new Error(`${NO_JAVA} It is required on CI.`);
  context.skip(NO_JAVA);
}

const sites = useBuiltSites({ when: java !== undefined });
let canaryDir: string | undefined;
let canary = '';
let vnu: VnuRun | undefined;

beforeAll(async () => {
  if (java === undefined) {
    if (!process.env.CI) console.warn(`Skipping the HTML validity checks: ${NO_JAVA}`);
    return;
  }
  canaryDir = await mkdtemp(path.join(os.tmpdir(), 'dossier-vnu-canary-'));
  canary = path.join(canaryDir, 'canary.html');
  // No <title> and a stray end tag: errors any HTML checker must report.
  await writeFile(
    canary,
    '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><p>Canary</span></p></body></html>\n',
  );
  const started = performance.now();
  vnu = await runVnu(java.command, [...sites.all.map((site) => site.dist), canary]);
  console.log(
    `vnu (Java ${java.version}) checked ${String(vnu.checked.size - 1)} pages of ${String(sites.all.length)} sites in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}, VNU_TIMEOUT);

afterAll(async () => {
  if (canaryDir) await rm(canaryDir, { recursive: true, force: true });
});

function ran(): VnuRun {
  if (!vnu) throw new Error('vnu did not run.');
  return vnu;
}

describe('the Nu HTML Checker', () => {
  it('reports the errors of a deliberately invalid page, so a clean report means something', (context) => {
    requireJava(context);
    const errors = ran().messages.filter((message) => fileOf(message) === canary);
    expect(errors.map((message) => message.message).join('\n')).toMatch(/title/);
    expect(errors.every(isError)).toBe(true);
    expect(ran().exitCode).toBe(1);
  });

  it('attributes every message it reports to a page it was given', (context) => {
    requireJava(context);
    const stray = ran().messages.filter((message) => fileOf(message) === undefined);
    expect(stray, JSON.stringify(stray, null, 2)).toEqual([]);
  });
});

describe.each(SITE_NAMES)('the %s site, as built', (name) => {
  it('has every one of its HTML pages checked', (context) => {
    requireJava(context);
    const built = sites.site(name);
    expect(built.htmlFiles.length).toBeGreaterThan(5);
    const missed = built.htmlFiles.filter(
      (file) => !ran().checked.has(path.resolve(built.dist, file)),
    );
    expect(missed, `pages vnu did not check:\n${missed.join('\n')}`).toEqual([]);
  });

  it('has no HTML error on any page', (context) => {
    requireJava(context);
    const built = sites.site(name);
    const inside = `${built.dist}${path.sep}`;
    const errors = ran().messages.filter(
      (message) => isError(message) && (fileOf(message) ?? '').startsWith(inside),
    );
    if (errors.length > 0) expect.fail(formatErrors(built.dist, errors));
    console.log(`${name}: ${String(built.htmlFiles.length)} pages valid`);
  });
});

/**
 * Runs the real `check` command in a child process and reads its output, for the integration
 * tests. Not a test file itself: vitest only collects `*.test.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(REPO, 'src/cli/check.ts');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node ...nodeArgs src/cli/check.ts ...args` in `cwd`, as `npm run check` does. Inside vitest
 * `process.execPath` is the project's Node 24, which runs the TypeScript sources directly.
 * Asynchronous, so independent runs can share the machine's cores.
 */
export function runCheck(
  args: readonly string[],
  cwd = REPO,
  nodeArgs: readonly string[] = [],
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export interface ParsedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly rule: string;
}

export interface ParsedOutput {
  readonly diagnostics: ParsedDiagnostic[];
  readonly summary: { readonly files: number; readonly errors: number; readonly warnings: number };
}

/** The compiler form the contract fixes: `path:line:column  error|warning  message  (rule-id)`. */
export const DIAGNOSTIC_LINE =
  /^(.+?):(\d+):(\d+) {2}(error|warning) {2}(\S.*?) {2}\(([a-z0-9]+(?:-[a-z0-9]+)*)\)$/;
const SUMMARY_LINE = /^(\d+) files? checked: (\d+) errors?, (\d+) warnings?\.$/;

/**
 * Reads the text format strictly: every line but the last must be a diagnostic, the last the
 * summary. Any other line (a stray log, a stack frame) fails the test that reads it.
 */
export function parseText(stdout: string): ParsedOutput {
  expect(stdout.endsWith('\n'), 'output ends with a newline').toBe(true);
  const lines = stdout.slice(0, -1).split('\n');
  const last = lines.pop() ?? '';
  const summary = SUMMARY_LINE.exec(last);
  if (!summary) throw new Error(`not a summary line: ${JSON.stringify(last)}`);
  const diagnostics = lines.map((line): ParsedDiagnostic => {
    const match = DIAGNOSTIC_LINE.exec(line);
    if (!match) throw new Error(`not a diagnostic line: ${JSON.stringify(line)}`);
    const [, file = '', row = '', column = '', severity = '', message = '', rule = ''] = match;
    return {
      file,
      line: Number(row),
      column: Number(column),
      severity: severity as 'error' | 'warning',
      message,
      rule,
    };
  });
  return {
    diagnostics,
    summary: {
      files: Number(summary[1]),
      errors: Number(summary[2]),
      warnings: Number(summary[3]),
    },
  };
}

/** No crash reached the editor: no stack frames, no `Error:` from an uncaught exception. */
export function expectNoCrash(run: Run): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toContain('Error:');
  expect(run.stdout).not.toMatch(/^\s+at /m);
}

/** A temporary folder for one test file, removed by `remove()`. */
export function tempDir(prefix: string) {
  const root = mkdtempSync(path.join(tmpdir(), `dossier-${prefix}-`));
  return {
    root,
    /** Writes a file under the folder, creating its sub-folders. */
    write(relative: string, content: string | Uint8Array): string {
      const full = path.join(root, relative);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    remove(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const BASE = {
  title: 'title: Rutte meets Trump at the White House',
  dek: "dek: NATO's Secretary General tried to calm the US president.",
  kind: 'kind: news',
  published: 'published: 2026-06-25',
  topics: 'topics: [nato]',
  sources: [
    'sources:',
    '  - id: reuters-1',
    '    publisher: Reuters',
    '    type: wire',
    '    url: https://example.com/reuters-1',
  ].join('\n'),
};

export const BODY = 'Rutte met Trump at the White House on Wednesday [@reuters-1].\n';

export interface ArticleParts {
  /** Replaces a base field's line(s); `null` leaves the field out. */
  readonly title?: string | null;
  readonly dek?: string | null;
  readonly kind?: string | null;
  readonly published?: string | null;
  readonly topics?: string | null;
  readonly sources?: string | null;
  /** YAML lines added after the base fields, each ending in a newline. */
  readonly extra?: string;
  readonly body?: string;
}

/**
 * A valid article (no errors, no warnings) with the given changes. Lines: 1 `---`, 2 title, 3 dek,
 * 4 kind, 5 published, 6 topics, 7–11 sources, then `extra`, the closing `---`, a blank line, the body.
 */
export function article(parts: ArticleParts = {}): string {
  const { extra = '', body = BODY, ...fields } = parts;
  const lines = Object.entries({ ...BASE, ...fields })
    .map(([, value]) => value)
    .filter((value): value is string => value !== null);
  return `---\n${lines.join('\n')}\n${extra}---\n\n${body}`;
}

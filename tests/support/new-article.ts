/**
 * Runs the real `npm run new` in a child process, and fills in the article it writes as an editor
 * would, for the tests of the editors' workflow. Not a test file itself.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli/new.ts', import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node src/cli/new.ts ...args` in `cwd`, as `npm run new -- ...args` runs it there. */
export function runNew(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** The path `new` reports it wrote, relative to where it ran. */
export function writtenFile(run: Run): string {
  const match = /^Wrote (.+\.md)\.$/m.exec(run.stdout);
  if (!match?.[1]) throw new Error(`npm run new wrote nothing:\n${run.stdout}${run.stderr}`);
  return match[1].split('/').join(path.sep);
}

/** What an editor writes in place of the placeholders of a new Italian article. */
export const FILLED_IN = {
  dek: 'Il ministero della Difesa dice che le basi hanno gestito solo voli tecnici e logistici.',
  sourceId: 'difesa-comunicato',
  publisher: 'Ministero della Difesa',
  url: 'https://www.difesa.it/comunicati/basi',
  eventTitle: 'Il ministero della Difesa respinge la ricostruzione di Rutte',
  body: 'Il ministero della Difesa ha negato che le basi siano state usate per missioni di combattimento [@difesa-comunicato].',
} as const;

/**
 * Replaces every placeholder of a skeleton, and uncomments its example event, as the comments
 * tell an editor to.
 */
export function fillIn(skeleton: string): string {
  const filled = skeleton
    .replace(/^dek: 'TODO:.*'$/m, `dek: '${FILLED_IN.dek}'`)
    .replace(/^ {4}publisher: 'TODO:.*'$/m, `    publisher: '${FILLED_IN.publisher}'`)
    .replace(/^ {4}type: other$/m, '    type: official')
    .replace(/^ {4}url: '.*TODO'$/m, `    url: '${FILLED_IN.url}'`)
    .replaceAll('todo-source', FILLED_IN.sourceId)
    .replace(/^TODO: .*$/m, FILLED_IN.body)
    .replace(/^# events:\n((?:# .*\n)+?)# Questions/m, (_, lines: string) =>
      [
        'events:',
        ...lines
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => line.slice(2)),
      ]
        .join('\n')
        .concat('\n# Questions'),
    )
    .replace(/^ {4}title: 'What happened'$/m, `    title: '${FILLED_IN.eventTitle}'`);
  if (/TODO|todo-/.test(filled.replace(/^#.*$/gm, ''))) {
    throw new Error(`A placeholder was left:\n${filled}`);
  }
  return filled;
}

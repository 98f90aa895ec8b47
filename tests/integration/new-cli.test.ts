/**
 * `npm run new`, run for real in a temporary project: what it writes, where, what it refuses, and
 * what `check` then says about the new article.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillIn, runNew, writtenFile } from '../support/new-article.ts';
import { parseText, runCheck, tempDir } from './cli.ts';

let project: ReturnType<typeof tempDir>;

beforeEach(() => {
  project = tempDir('new');
});

afterEach(() => {
  project.remove();
});

const YEAR = String(new Date().getUTCFullYear());

describe('npm run new', () => {
  it('writes the skeleton to content/articles/<year>/, named after the title', async () => {
    const run = await runNew(
      ['--title', "Perché l'Italia dice no", '--kind', 'brief', '--lang', 'it', '--topic', 'nato'],
      project.root,
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const file = writtenFile(run);
    expect(file).toBe(path.join('content', 'articles', YEAR, 'perche-l-italia-dice-no.md'));
    const text = readFileSync(path.join(project.root, file), 'utf8');
    expect(text).toContain(`title: "Perché l'Italia dice no"\n`);
    expect(text).toMatch(/^kind: brief$/m);
    expect(text).toMatch(/^lang: it$/m);
    expect(text).toMatch(/^topics: \[nato\]$/m);
    expect(text).toMatch(
      new RegExp(`^published: ${YEAR}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`, 'm'),
    );
  });

  it('leaves `check` nothing to report but its placeholders, each with what to write instead', async () => {
    await runNew(['--title', 'Rutte in Washington'], project.root);
    const run = await runCheck(['--no-cache'], project.root);
    expect(run.code).toBe(1);
    const { diagnostics } = parseText(run.stdout);
    expect(new Set(diagnostics.map((d) => d.rule))).toEqual(new Set(['placeholder']));
    expect(diagnostics.map((d) => d.message)).toEqual([
      '`TODO: one sentence on what the article tells readers.` in `dek` of the article is a placeholder. Replace it with the one-sentence standfirst.',
      '`todo-topic` in `topics` of the article is a placeholder. Replace it with a topic, such as `nato`.',
      "`todo-source` in `id` of source 1 is a placeholder. Replace it with a short id, and cite the source with it: `[@its-id]` (change the text's citations too).",
      '`TODO: who published it` in `publisher` of source `todo-source` is a placeholder. Replace it with who published the source.',
      '`https://example.com/TODO` in `url` of source `todo-source` is a placeholder. Replace it with the web address of the source.',
      'The text still holds a placeholder: `TODO: write the article. Put a citation after each senten...`. Write what it stands for in its place.',
    ]);
  });

  it('passes `check --strict` once its placeholders are filled in', async () => {
    const file = writtenFile(
      await runNew(
        ['--title', 'Rutte a Washington', '--lang', 'it', '--topic', 'nato'],
        project.root,
      ),
    );
    const full = path.join(project.root, file);
    writeFileSync(full, fillIn(readFileSync(full, 'utf8')));
    const run = await runCheck(['--strict', '--no-cache'], project.root);
    expect(run.stdout).toBe('1 file checked: 0 errors, 0 warnings.\n');
    expect(run.code).toBe(0);
  });

  it('never overwrites an article, even one in another folder with the same name', async () => {
    const existing = project.write('content/articles/2025/rutte-in-washington.md', 'mine\n');
    const run = await runNew(['--title', 'Rutte in Washington'], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'An article named `rutte-in-washington` already exists: content/articles/2025/rutte-in-washington.md. Nothing was written.',
    );
    expect(readFileSync(existing, 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(project.root, 'content/articles', YEAR))).toBe(false);
  });

  it('takes the file name from --slug when given', async () => {
    const run = await runNew(['--title', 'Rutte', '--slug', 'rutte-visit'], project.root);
    expect(writtenFile(run)).toBe(path.join('content', 'articles', YEAR, 'rutte-visit.md'));
  });

  it.each([
    [[], 'Give the headline with `--title "…"`.'],
    [
      ['--title', 'T', '--kind', 'newz'],
      '`newz` is not a valid `kind` of the article. Did you mean `news`?',
    ],
    [['--title', 'T', '--topic', 'Nato'], '`Nato` is not a valid `topic` of the article'],
    [['--title', 'T', '--slug', 'Rutte Visit'], '`--slug Rutte Visit` is not a valid file name'],
    [['--title', '¿¡!?'], 'Choose a name with `--slug`'],
    [['--title', 'T', '--colour', 'red'], "Unknown option '--colour'"],
  ])('refuses %j as wrong usage, with exit status 2', async (args, message) => {
    const run = await runNew(args, project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(path.join(project.root, 'content'))).toBe(false);
  });

  it('refuses a title that would make an invalid article, saying why', async () => {
    const run = await runNew(['--title', 'Rutte <b>wins</b>'], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'The title contains the HTML tag `<b>`. Titles are plain text and are shown exactly as written: remove the tag.  (html-in-title)\nNothing was written.\n',
    );
  });

  it('explains itself with --help', async () => {
    const run = await runNew(['--help'], project.root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run new -- --title "Headline" \[options\]/);
  });
});

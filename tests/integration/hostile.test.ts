/**
 * Hostile files through the real `check` command: code in the frontmatter, expansion bombs, deep
 * nesting, broken encodings, huge bodies, prototype keys. Each must end as positioned diagnostics
 * in the compiler form, never as a crash, and nothing in a file may ever run.
 *
 * The invalid files share one run (one process checks them all, as in CI); the valid ones have
 * their own runs, because only a run of valid files can show exit status 0.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArticle } from '../../src/article/article-file.ts';
import {
  article,
  BODY,
  expectNoCrash,
  parseText,
  runCheck,
  tempDir,
  type ParsedDiagnostic,
  type ParsedOutput,
  type Run,
} from './cli.ts';

const temp = tempDir('hostile');
afterAll(() => {
  temp.remove();
});

/** Where each payload would write if anything evaluated it. */
const pwned = (name: string) => path.join(temp.root, `pwned-${name}`);
const write = (name: string) => `require('fs').writeFileSync(${JSON.stringify(pwned(name))}, 'x')`;

/** Nine levels of nine aliases each: 9^9 (387 million) values if expanded. */
function aliasBomb(): string {
  const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  for (const [i, name] of names.entries()) {
    if (i === 0) continue;
    const previous = names[i - 1] ?? 'a';
    levels.push(`${name}: &${name} [${Array<string>(9).fill(`*${previous}`).join(', ')}]`);
  }
  return `${levels.join('\n')}\n`;
}

const DEPTH = 10_000;

/** A valid article saved as Latin-1: the `é` of `café` in the dek (line 3) is the lone byte 0xE9. */
const latin1 = Buffer.from(
  article({ dek: 'dek: Rutte stopped at a café near the White House.' }),
  'latin1',
);

/** The invalid hostile files, by name, with the diagnostics each must get: `line:column rule`, or the rule alone. */
const HOSTILE: Record<
  string,
  { readonly content: string | Uint8Array; readonly expected: readonly string[] }
> = {
  'js-fence.md': {
    content: `---js\n({ title: ${write('js')} || 'x' })\n---\n\n${BODY}`,
    expected: ['1:1 frontmatter-language'],
  },
  'javascript-fence.md': {
    content: `---javascript\n({ title: ${write('javascript')} || 'x' })\n---\n\n${BODY}`,
    expected: ['1:1 frontmatter-language'],
  },
  'coffee-fence.md': {
    content: `---coffee\ntitle: ${write('coffee')}\n---\n\n${BODY}`,
    expected: ['1:1 frontmatter-language'],
  },
  'json-fence.md': {
    content: `---json\n{ "title": "Rutte meets Trump" }\n---\n\n${BODY}`,
    expected: ['1:1 frontmatter-language'],
  },
  // A YAML tag that js-yaml's full schema would turn into a live function.
  'js-function-tag.md': {
    content: article({ dek: `dek: !!js/function >-\n  function () { ${write('tag')} }` }),
    expected: ['3:6 yaml-tag'],
  },
  'alias-bomb.md': {
    content: article({ extra: aliasBomb() }),
    expected: ['13:8 yaml-alias-limit'],
  },
  'latin-1.md': { content: latin1, expected: ['3:28 not-utf8'] },
  'utf-16le.md': {
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article(), 'utf16le')]),
    expected: ['1:1 not-utf8'],
  },
  // The BOM is not a column; CRLF line ends are one line end each.
  'bom-crlf-errors.md': {
    content: `\uFEFF${article({ kind: 'kind: newz', body: 'Rutte met Trump [@reuters-1], said [@nobody].\n' }).replaceAll('\n', '\r\n')}`,
    expected: ['4:7 invalid-choice', '14:37 unknown-source'],
  },
  'deep-flow-sequence.md': {
    content: article({ title: `title: ${'['.repeat(DEPTH)}x${']'.repeat(DEPTH)}` }),
    expected: ['yaml-too-deep'],
  },
  'deep-flow-map.md': {
    content: article({ title: `title: ${'{a: '.repeat(DEPTH)}x${'}'.repeat(DEPTH)}` }),
    expected: ['yaml-too-deep'],
  },
  // Block style without growing indentation: `- - - x` nests one sequence in another.
  'deep-block-sequence.md': {
    content: article({ title: `title:\n  ${'- '.repeat(DEPTH)}x` }),
    expected: ['yaml-too-deep'],
  },
  // Block maps need one more space per level, so the file grows with the square of the depth.
  'deep-block-map.md': {
    content: article({
      title: `title:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} x`,
    }),
    expected: ['yaml-too-deep'],
  },
  // Were `__proto__` to become the prototype, the article would inherit a `dek` from it.
  'a-proto.md': {
    content: article({
      dek: null,
      extra: '__proto__:\n  dek: Inherited through the prototype.\n  polluted: true\n',
    }),
    expected: ['2:1 missing-field', '11:1 unknown-field'],
  },
  // Checked after a-proto.md in the same process: it must not see anything a-proto.md set.
  'b-after-proto.md': { content: article({ dek: null }), expected: ['2:1 missing-field'] },
  'empty.md': { content: '', expected: ['1:1 missing-frontmatter'] },
  'only-fence.md': { content: '---', expected: ['1:1 unclosed-frontmatter'] },
  'only-fence-line.md': { content: '---\n', expected: ['1:1 unclosed-frontmatter'] },
};

let hostile: Run;
let output: ParsedOutput;
let bigBody: Promise<Run>;
let bomCrlf: Promise<Run>;
let deepBody: Promise<Run>;

beforeAll(async () => {
  for (const [name, { content }] of Object.entries(HOSTILE)) temp.write(`hostile/${name}`, content);

  // About 5 MB of prose: over the size limit.
  const paragraph = `Rutte met Trump at the White House on Wednesday and spoke about the alliance [@reuters-1].\n\n`;
  temp.write(
    'big/huge-body.md',
    article({ body: paragraph.repeat(Math.ceil(5_000_000 / paragraph.length)) }),
  );
  temp.write('bom-crlf/valid.md', `\uFEFF${article().replaceAll('\n', '\r\n')}`);
  bigBody = runCheck(['--no-cache', 'big'], temp.root);
  bomCrlf = runCheck(['--no-cache', 'bom-crlf'], temp.root);
  temp.write(
    'deep-body/quotes.md',
    article({ body: `${'>'.repeat(DEPTH)} Rutte met Trump [@reuters-1].\n` }),
  );
  deepBody = runCheck(['--no-cache', 'deep-body'], temp.root);

  hostile = await runCheck(['--no-cache', 'hostile'], temp.root);
  output = parseText(hostile.stdout);
});

function diagnosticsOf(name: string): ParsedDiagnostic[] {
  return output.diagnostics.filter((d) => d.file === `hostile/${name}`);
}

describe('hostile files, checked in one run', () => {
  it('fail with exit status 1, in the compiler form, without a crash', () => {
    expect(hostile.code).toBe(1);
    expectNoCrash(hostile);
    expect(hostile.stderr).toBe('');
    expect(output.summary.files).toBe(Object.keys(HOSTILE).length);
    expect(output.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it.each(Object.entries(HOSTILE))(
    '%s gets exactly its expected diagnostics',
    (name, { expected }) => {
      // Where yaml gives up on deep nesting depends on its stack, so those cases name no place.
      const found = diagnosticsOf(name).map((d) =>
        expected.every((e) => e.includes(':')) ? `${d.line}:${d.column} ${d.rule}` : d.rule,
      );
      expect(found).toEqual(expected);
    },
  );

  it('never runs the code in a ---js, ---javascript or ---coffee frontmatter, nor in a !!js/function tag', () => {
    for (const name of ['js', 'javascript', 'coffee', 'tag'])
      expect(existsSync(pwned(name)), name).toBe(false);
    expect(diagnosticsOf('js-fence.md')[0]?.message).toContain('`---js`');
    expect(diagnosticsOf('javascript-fence.md')[0]?.message).toContain('`---javascript`');
    expect(diagnosticsOf('coffee-fence.md')[0]?.message).toContain('`---coffee`');
  });

  it('would have run the ---js payload had gray-matter been left to parse it (so the test above means something)', () => {
    const control = `---js\n({ title: ${write('control')} || 'x' })\n---\n`;
    matter(control);
    expect(existsSync(pwned('control'))).toBe(true);
  });

  it('report where a Latin-1 byte sits, and name it', () => {
    expect(diagnosticsOf('latin-1.md')[0]?.message).toContain('byte 0xE9');
    expect(diagnosticsOf('utf-16le.md')[0]?.message).toContain('byte 0xFF');
  });

  it('report nesting thousands of levels deep, in flow and block style, as too deep', () => {
    for (const name of [
      'deep-flow-sequence.md',
      'deep-flow-map.md',
      'deep-block-sequence.md',
      'deep-block-map.md',
    ]) {
      expect(diagnosticsOf(name)[0]?.message, name).toContain('more than 32 levels deep');
    }
  });

  it('report `__proto__` as an unknown field, which gives the article no prototype', () => {
    expect(diagnosticsOf('a-proto.md').map((d) => d.message)).toEqual([
      expect.stringContaining('missing `dek`'),
      expect.stringContaining('`__proto__` is not a field of the article'),
    ]);
  });

  it('leave Object.prototype alone when `__proto__` keys are parsed in this process', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const bytes = Buffer.from(
      article({
        extra: '__proto__:\n  polluted: true\nsources2:\n  - __proto__: {polluted: true}\n',
      }),
    );
    const { report } = checkArticle('proto.md', bytes);
    expect(report.diagnostics.map((d) => d.rule)).toContain('unknown-field');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect('polluted' in {}).toBe(false);
  });
});

describe('hostile but valid files', () => {
  it('refuse a 5 MB body at once, at the line that crosses the 1 MB limit, without a crash', async () => {
    const run = await bigBody;
    expectNoCrash(run);
    expect(run.code).toBe(1);
    const [diagnostic] = parseText(run.stdout).diagnostics;
    expect(diagnostic?.rule).toBe('file-too-large');
    expect(diagnostic?.message).toContain('The file is 5 MB');
  });

  it('pass a UTF-8 file with a BOM and CRLF line ends', async () => {
    const run = await bomCrlf;
    expectNoCrash(run);
    expect(run.stdout).toBe('1 file checked: 0 errors, 0 warnings.\n');
    expect(run.code).toBe(0);
  });
});

describe('absurdly nested bodies', () => {
  it('report a body nested 10,000 blockquotes deep instead of crashing the run', async () => {
    const run = await deepBody;
    expectNoCrash(run);
    expect(run.code).toBe(1);
    expect(parseText(run.stdout).diagnostics.map((d) => d.rule)).toEqual(['body-too-deep']);
  });
});

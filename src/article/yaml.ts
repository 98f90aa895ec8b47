/**
 * Parses frontmatter YAML as plain data, hardened: YAML 1.2 core schema without numbers (so `2026`
 * and `1984` stay the text the editor wrote, and nothing is ever turned into a Date), no tags,
 * no duplicate keys, bounded alias expansion and nesting depth.
 */
import {
  isAlias,
  isCollection,
  isPair,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Tags,
} from 'yaml';
import type { Finding } from './diagnostics.ts';
import { messages } from './messages.ts';

/** An article needs four levels (article > sources > source > field); this leaves room for mistakes. */
export const MAX_DEPTH = 32;
export const MAX_ALIAS_EXPANSION = 100;

export interface ParsedYaml {
  /** The data, or undefined when the YAML is too broken to validate. */
  readonly data: unknown;
  readonly doc: Document.Parsed | undefined;
  readonly findings: Finding[];
}

const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

const options = {
  schema: 'core',
  customTags: (tags: Tags) =>
    tags.filter((tag) => typeof tag === 'string' || !NUMBER_TAGS.has(tag.tag)),
  uniqueKeys: true,
  merge: false,
  prettyErrors: false,
  strict: true,
  // yaml would print a process warning for a list used as a key (`[a, b]: x`), a stray line on
  // the editor's screen; that key is reported as an unknown field instead.
  logLevel: 'error',
} as const;

export function parseFrontmatterYaml(yaml: string, offset: number): ParsedYaml {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(yaml, options);
  } catch (error) {
    if (error instanceof RangeError) {
      // yaml ran out of stack before it could say where: point at the first field.
      const firstField = offset + (/^\s*/.exec(yaml)?.[0].length ?? 0);
      return { data: undefined, doc: undefined, findings: [tooDeep(firstField)] };
    }
    throw error;
  }
  const findings: Finding[] = [];
  for (const error of doc.errors) {
    const at = offset + error.pos[0];
    if (error.code === 'DUPLICATE_KEY') {
      findings.push({
        offset: at,
        rule: 'yaml-duplicate-key',
        message: messages.yamlDuplicateKey(keyAt(yaml, error.pos[0])),
      });
    } else if (/call stack/i.test(error.message)) {
      // yaml catches its own stack overflow on absurd nesting and reports it as a parse error.
      return { data: undefined, doc, findings: [tooDeep(at)] };
    } else {
      // Later syntax errors are usually echoes of the first; the editor fixes one and re-runs.
      const place =
        error.code === 'MISSING_CHAR'
          ? (unclosedQuoteStart(doc, error.pos[0]) ?? error.pos[0])
          : error.pos[0];
      findings.push({
        offset: offset + place,
        rule: 'yaml-syntax',
        message: messages.yamlSyntax(describeYamlError(error.message)),
      });
      return { data: undefined, doc, findings };
    }
  }

  const walk = inspect(doc, yaml, offset);
  findings.push(...walk.findings);
  if (walk.tooDeep) return { data: undefined, doc, findings: [...findings, tooDeep(walk.tooDeep)] };

  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }), doc, findings };
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) {
      findings.push({
        offset: walk.firstAlias ?? offset,
        rule: 'yaml-alias-limit',
        message: messages.yamlAliasLimit(MAX_ALIAS_EXPANSION),
      });
      return { data: undefined, doc, findings };
    }
    throw error;
  }
}

function tooDeep(offset: number): Finding {
  return { offset, rule: 'yaml-too-deep', message: messages.yamlTooDeep(MAX_DEPTH) };
}

/** Walks the document without recursion (a hostile file may nest thousands of levels). */
function inspect(doc: Document.Parsed, yaml: string, offset: number) {
  const findings: Finding[] = [];
  let firstAlias: number | undefined;
  let deepAt: number | undefined;
  const stack: [Node | null | undefined, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() ?? [undefined, 0];
    if (!node) continue;
    const start = node.range?.[0] ?? 0;
    if (depth > MAX_DEPTH) {
      deepAt ??= offset + start;
      continue;
    }
    if (isAlias(node)) {
      firstAlias = Math.min(firstAlias ?? Infinity, offset + start);
      continue;
    }
    if (node.tag !== undefined) {
      let tagStart = yaml.lastIndexOf('!', start);
      // `!!binary` and `!e!tag` hold more than one `!`: the editor needs the first character of the tag.
      while (tagStart > 0 && !/[\s[{,]/.test(yaml.charAt(tagStart - 1))) tagStart--;
      findings.push({
        offset: offset + (tagStart === -1 ? start : tagStart),
        rule: 'yaml-tag',
        message: messages.yamlTag(node.tag.replace(/^tag:yaml\.org,2002:/, '!!')),
      });
    }
    if (isCollection(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push([item.key as Node | null, depth + 1], [item.value as Node | null, depth + 1]);
        } else {
          stack.push([item as Node, depth + 1]);
        }
      }
    } else if (!isScalar(node)) {
      continue;
    }
  }
  findings.sort((a, b) => a.offset - b.offset);
  return { findings, firstAlias, tooDeep: deepAt };
}

function keyAt(yaml: string, at: number): string {
  const line = yaml.slice(at).split(/\r?\n/, 1)[0] ?? '';
  return line.split(':', 1)[0]?.trim() ?? line;
}

/**
 * yaml reports an unclosed quote where the frontmatter ends, after the quoted text has swallowed
 * every later line; the editor needs the line where the quote opens.
 */
function unclosedQuoteStart(doc: Document.Parsed, at: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === at)
        start = node.range[0];
    },
  });
  return start;
}

/** yaml's messages end with " at line N, column M:" and a code excerpt; we give the place ourselves. */
function describeYamlError(message: string): string {
  const first = message.split('\n', 1)[0] ?? message;
  return (
    first
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/\.$/, '')
      // yaml writes `Missing closing "quote`, which reads like a typo.
      .replace(
        /^Missing closing (["'])quote$/,
        'the text that starts with the quotation mark $1 here is never closed',
      )
  );
}

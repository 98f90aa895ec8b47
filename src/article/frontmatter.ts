/**
 * Splits an article into its YAML frontmatter and its Markdown body with gray-matter, hardened:
 * only a plain `---` fence is accepted, and gray-matter never parses anything itself (its default
 * engines would `eval` a `---js` block and turn YAML dates into Date objects).
 */
import matter from 'gray-matter';
import type { Finding } from './diagnostics.ts';
import { messages } from './messages.ts';

export interface FrontmatterBlock {
  /** The YAML text between the fences. */
  readonly yaml: string;
  /** Offset of `yaml` in the file's text. */
  readonly yamlOffset: number;
  readonly body: string;
  /** Offset of `body` in the file's text. */
  readonly bodyOffset: number;
}

export type SplitResult =
  | { readonly ok: true; readonly block: FrontmatterBlock }
  | { readonly ok: false; readonly finding: Finding };

function refuse(): never {
  throw new Error('Only YAML frontmatter is accepted.');
}

const refusingEngine = { parse: refuse, stringify: refuse };

/** gray-matter options that take every parsing decision away from it. */
const splitOnly = {
  language: 'yaml',
  delimiters: '---',
  excerpt: false,
  engines: {
    yaml: { parse: () => ({}), stringify: refuse },
    js: refusingEngine,
    javascript: refusingEngine,
    json: refusingEngine,
    toml: refusingEngine,
    coffee: refusingEngine,
    coffeescript: refusingEngine,
  },
};

const OTHER_FENCE = /^(?:---[ \t]*\S|\+\+\+|;;;|\{)/;

export function splitFrontmatter(text: string): SplitResult {
  const firstLineEnd = text.search(/\r?\n|$/);
  const firstLine = text.slice(0, firstLineEnd);
  if (OTHER_FENCE.test(firstLine)) {
    const fence = firstLine.trim();
    return {
      ok: false,
      finding: {
        offset: 0,
        rule: 'frontmatter-language',
        message: messages.frontmatterLanguage(fence),
      },
    };
  }
  if (firstLine.trimEnd() !== '---') {
    return {
      ok: false,
      finding: {
        offset: 0,
        rule: 'missing-frontmatter',
        message: messages.missingFrontmatter(),
      },
    };
  }
  if (!/\n---[ \t]*(?:\r?\n|$)/.test(text.slice(firstLineEnd))) {
    return {
      ok: false,
      finding: {
        offset: 0,
        rule: 'unclosed-frontmatter',
        message: messages.unclosedFrontmatter(),
      },
    };
  }
  const file = matter(text, splitOnly);
  // gray-matter keeps blanks after the opening fence in `matter`, so locate it rather than assume.
  const yamlOffset = text.indexOf(file.matter, 3);
  const bodyOffset = text.length - file.content.length;
  // gray-matter ends `matter` at the `\n` before the closing fence, so a CRLF file leaves a `\r`
  // that YAML keeps in the last value (`draft: true\r` is text) or chokes on after a quote.
  const yaml = file.matter.endsWith('\r') ? file.matter.slice(0, -1) : file.matter;
  return {
    ok: true,
    block: { yaml, yamlOffset, body: file.content, bodyOffset },
  };
}

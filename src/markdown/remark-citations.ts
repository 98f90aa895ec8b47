/**
 * remark plugin: turns Pandoc citations in prose into numbered markers that link to the source's
 * entry in the article's provenance footer.
 *
 * Input Markdown:
 *
 *     Italy rejected the claim [@italy-statement; @reuters-1].
 *
 * Output HTML (numbers follow the order in which sources are first cited):
 *
 *     Italy rejected the claim <sup class="citation"><a href="#source-italy-statement"
 *     id="cite-1" aria-label="Source 1: Government of Italy">1</a>, <a
 *     href="#source-reuters-1" id="cite-2" aria-label="Source 2: Reuters">2</a></sup>.
 *
 * The numbering is created afresh on every run and left in `file.data.citations`, so numbers never
 * leak from one article to the next even though the processor is shared.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { findCitations, visitProse } from './citations.ts';

/** A group of citation markers, rendered as one `<sup>`. */
export interface CitationGroup extends Parent {
  type: 'citationGroup';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citationGroup: CitationGroup;
  }
  interface RootContentMap {
    citationGroup: CitationGroup;
  }
}

/** What the caller tells the plugin about the article being rendered. */
export interface CitationContext {
  /** How a source is named in a marker's accessible label, e.g. its publisher. */
  readonly describe: (sourceId: string) => string;
  /** "Source" in the article's language, for accessible labels. */
  readonly sourceWord: string;
}

declare module 'vfile' {
  interface DataMap {
    citationContext: CitationContext;
    citations: CitationRegistry;
  }
}

/** Numbers sources in order of first citation and remembers every marker citing each. */
export class CitationRegistry {
  readonly #numbers = new Map<string, number>();
  readonly #markers = new Map<string, string[]>();
  #count = 0;

  cite(sourceId: string): { number: number; markerId: string } {
    let number = this.#numbers.get(sourceId);
    if (number === undefined) {
      number = this.#numbers.size + 1;
      this.#numbers.set(sourceId, number);
    }
    const markerId = `cite-${String(++this.#count)}`;
    const markers = this.#markers.get(sourceId);
    if (markers) markers.push(markerId);
    else this.#markers.set(sourceId, [markerId]);
    return { number, markerId };
  }

  /** Source ids in the order they were first cited. */
  get order(): string[] {
    return [...this.#numbers.keys()];
  }

  markersOf(sourceId: string): readonly string[] {
    return this.#markers.get(sourceId) ?? [];
  }
}

/** Nor is link text, here: a marker is a link, and links do not nest. */
const NOT_PROSE: ReadonlySet<string> = new Set([
  'code',
  'inlineCode',
  'html',
  'link',
  'linkReference',
]);

function group(
  ids: readonly string[],
  registry: CitationRegistry,
  context: CitationContext,
): CitationGroup {
  const children: PhrasingContent[] = [];
  ids.forEach((id, index) => {
    const { number, markerId } = registry.cite(id);
    if (index > 0) children.push({ type: 'text', value: ', ' });
    children.push({
      type: 'link',
      url: `#source-${id}`,
      children: [{ type: 'text', value: String(number) }],
      data: {
        hProperties: {
          id: markerId,
          ariaLabel: `${context.sourceWord} ${String(number)}: ${context.describe(id)}`,
        },
      },
    });
  });
  return {
    type: 'citationGroup',
    children,
    data: { hName: 'sup', hProperties: { className: ['citation'] } },
  };
}

function split(
  node: Text,
  registry: CitationRegistry,
  context: CitationContext,
): PhrasingContent[] | undefined {
  const matches = findCitations(node.value);
  if (matches.length === 0) return undefined;
  const parts: PhrasingContent[] = [];
  let last = 0;
  for (const match of matches) {
    if (match.start > last)
      parts.push({ type: 'text', value: node.value.slice(last, match.start) });
    parts.push(
      group(
        match.keys.map((key) => key.id),
        registry,
        context,
      ),
    );
    last = match.end;
  }
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

const fallbackContext: CitationContext = { describe: (id) => id, sourceWord: 'Source' };

export default function remarkCitations() {
  return (tree: Root, file: VFile) => {
    const registry = new CitationRegistry();
    file.data.citations = registry;
    const context = file.data.citationContext ?? fallbackContext;
    visitProse(
      tree,
      (node, index, parent) => {
        const parts = split(node, registry, context);
        if (!parts) return undefined;
        parent.children.splice(index, 1, ...(parts as typeof parent.children));
        return parts.length;
      },
      NOT_PROSE,
    );
  };
}

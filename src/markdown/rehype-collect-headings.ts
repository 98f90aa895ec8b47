/**
 * rehype plugin: records the article's section headings (after rehype-slug gave them ids) in
 * `file.data.headings`, for a table of contents or checks. Adds nothing to the HTML.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export interface Heading {
  readonly depth: number;
  readonly slug: string;
  readonly text: string;
}

declare module 'vfile' {
  interface DataMap {
    headings: Heading[];
  }
}

const DEPTH: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

export default function rehypeCollectHeadings() {
  return (tree: Root, file: VFile) => {
    const headings: Heading[] = [];
    visit(tree, 'element', (node) => {
      const depth = DEPTH[node.tagName];
      const id = node.properties.id;
      if (depth !== undefined && typeof id === 'string')
        headings.push({ depth, slug: id, text: toString(node) });
    });
    file.data.headings = headings;
  };
}

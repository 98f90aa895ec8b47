/**
 * Renders an article body to HTML: the tree parsed by `syntax.ts` (the same one `check` saw)
 * through the linking of bare addresses, our remark plugins, remark-rehype, sanitizing, heading ids
 * and external-link hygiene.
 * Raw HTML in the body is dropped and every URL is sanitized, so nothing live reaches readers.
 */
import type { Root } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { linkBareUrls } from './syntax.ts';
import { VFile } from 'vfile';
import rehypeBodyElements, {
  type Heading,
  type InterfaceLanguage,
} from './rehype-body-elements.ts';
import remarkCitations, {
  type CitationContext,
  type CitationRegistry,
} from './remark-citations.ts';

/** Words the rendered body needs in the article's language. */
export interface BodyLabels {
  /** Heading of the footnotes section, e.g. "Notes". */
  readonly footnotes: string;
  /**
   * Accessible name of the link from footnote `note` back to its `reference`-th call, e.g. "Back to
   * reference 1 of note 2 in the text": unique on the page, so a list of links tells them apart.
   */
  readonly footnoteBack: (note: number, reference: number) => string;
  /** The language and direction of these words, when they are not the article's. */
  readonly language: InterfaceLanguage;
}

export interface RenderedBody {
  readonly html: string;
  readonly citations: CitationRegistry;
  readonly headings: Heading[];
}

const allowed = defaultSchema.attributes ?? {};

// GitHub's sanitizing rules, minus its id prefixing: ids come only from our own plugins
// (citations, footnotes, headings), never from editors, because raw HTML never gets this far.
const schema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  tagNames: [...(defaultSchema.tagNames ?? []), 'section'],
  attributes: {
    ...allowed,
    a: [
      ...(allowed.a ?? []),
      'id',
      'ariaLabel',
      'ariaDescribedBy',
      'dataFootnoteRef',
      'dataFootnoteBackref',
    ],
    sup: ['id', ['className', 'citation']],
    li: [...(allowed.li ?? []), 'id'],
    h2: ['id', ['className', 'footnotes-title']],
    section: ['dataFootnotes', ['className', 'footnotes']],
  },
};

/**
 * Ids the article page gives its own parts (the layout's `main`, the sections of
 * `pages/articles/[slug].astro` and its components) and remark-rehype gives the footnotes heading.
 */
const PAGE_IDS: ReadonlySet<string> = new Set([
  'content',
  'who-said-what',
  'faq',
  'open-questions',
  'key-dates',
  'corrections',
  'sources-heading',
  'footnote-label',
]);

function createProcessor(labels: BodyLabels) {
  return unified()
    .use(() => linkBareUrls)
    .use(remarkCitations)
    .use(remarkRehype, {
      allowDangerousHtml: false,
      footnoteLabel: labels.footnotes,
      footnoteLabelProperties: { className: ['footnotes-title'] },
      // The footnote's index counts from 0, its calls from 1.
      footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
        labels.footnoteBack(referenceIndex + 1, rereferenceIndex),
    })
    .use(rehypeSanitize, schema)
    .use(rehypeBodyElements, { pageIds: PAGE_IDS, ...labels.language })
    .use(rehypeStringify)
    .freeze();
}

type Processor = ReturnType<typeof createProcessor>;

// By the footnote namer (one function per language in src/site/labels.ts), then by the words,
// which JSON can key but the function it leaves out cannot.
const processors = new WeakMap<BodyLabels['footnoteBack'], Map<string, Processor>>();

function processorFor(labels: BodyLabels): Processor {
  let byWords = processors.get(labels.footnoteBack);
  if (!byWords) {
    byWords = new Map();
    processors.set(labels.footnoteBack, byWords);
  }
  const key = JSON.stringify(labels);
  let processor = byWords.get(key);
  if (!processor) {
    processor = createProcessor(labels);
    byWords.set(key, processor);
  }
  return processor;
}

/** Renders a parsed body. The tree is consumed: plugins transform it in place. */
export function renderBody(tree: Root, context: CitationContext, labels: BodyLabels): RenderedBody {
  const processor = processorFor(labels);
  const file = new VFile();
  file.data.citationContext = context;
  const hast = processor.runSync(tree, file);
  const html = processor.stringify(hast, file);
  const { citations, headings = [] } = file.data;
  if (!citations) throw new Error('The citation plugin did not run.');
  return { html, citations, headings };
}

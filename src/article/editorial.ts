/**
 * Editorial checks: the warnings that do not make an article invalid but that an editor should
 * look at (uncited sources, sources dated after the article, words in the wrong writing system,
 * disputes that nobody answers), and the body's citations of unknown sources.
 */
import type { Root } from 'mdast';
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { findCitations, sourceOffset, visitProse } from '../markdown/citations.ts';
import { compareAtCoarserPrecision } from './dates.ts';
import type { Finding } from './diagnostics.ts';
import { suggest } from './issues.ts';
import { messages } from './messages.ts';
import type { Frontmatter } from './schema/article.ts';
import { findScriptProblems, scriptName } from './scripts.ts';

export interface BodyContext {
  readonly body: string;
  readonly bodyOffset: number;
  readonly tree: Root;
}

export interface FrontmatterContext {
  readonly doc: Document.Parsed | undefined;
  readonly yaml: string;
  readonly yamlOffset: number;
}

/**
 * Source ids cited in the body, and findings for citations of sources the article lacks. Without a
 * list of sources (`sorces:` misspelt) that is the one error: every citation would repeat it.
 */
export function checkBodyCitations(
  body: BodyContext,
  sourceIds: readonly string[] | undefined,
): { cited: Set<string>; findings: Finding[] } {
  const cited = new Set<string>();
  const findings: Finding[] = [];
  const known = new Set(sourceIds);
  visitProse(body.tree, (node) => {
    for (const match of findCitations(node.value)) {
      for (const key of match.keys) {
        cited.add(key.id);
        if (sourceIds === undefined || known.has(key.id)) continue;
        findings.push({
          offset: body.bodyOffset + sourceOffset(node, body.body, key.offset, `@${key.id}`),
          rule: 'unknown-source',
          message: messages.unknownSource(key.id, 'the text', suggest(key.id, [...known])),
        });
      }
    }
  });
  return { cited, findings };
}

function scriptFindings(
  text: string,
  lang: string,
  offsetOf: (index: number, word: string) => number,
): Finding[] {
  return findScriptProblems(text, lang).map((problem) => ({
    offset: offsetOf(problem.index, problem.word),
    rule: problem.kind === 'mixed' ? 'mixed-script' : 'unexpected-script',
    message:
      problem.kind === 'mixed'
        ? messages.mixedScript(problem.word, problem.scripts)
        : messages.unexpectedScript(problem.word, problem.scripts[0] ?? scriptName('Zzzz'), lang),
  }));
}

function valueNode(
  doc: Document.Parsed | undefined,
  path: readonly (string | number)[],
): Node | undefined {
  let node: unknown = doc?.contents;
  for (const step of path) {
    if (isMap(node)) {
      node = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === step,
      )?.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else {
      return undefined;
    }
  }
  return isScalar(node) ? node : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
}

function entries(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.map((item) =>
        typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {},
      )
    : [];
}

/**
 * Words in the wrong writing system, in the prose an editor writes (not names of publishers or
 * authors). Reads the raw frontmatter, so these warnings appear even while other fields are invalid.
 */
export function checkScripts(
  raw: unknown,
  front: FrontmatterContext,
  body: BodyContext,
): Finding[] {
  const findings: Finding[] = [];
  const data = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const lang = typeof data.lang === 'string' ? data.lang : 'en';
  const field = (path: (string | number)[], text: unknown) => {
    if (typeof text !== 'string') return;
    const node = valueNode(front.doc, path);
    const start = node?.range?.[0] ?? 0;
    const end = node?.range?.[1] ?? start;
    const source = front.yaml.slice(start, end);
    findings.push(
      ...scriptFindings(
        text,
        lang,
        (_, word) => front.yamlOffset + start + Math.max(0, source.indexOf(word)),
      ),
    );
  };
  field(['title'], data.title);
  field(['dek'], data.dek);
  entries(data.claims).forEach((claim, i) => {
    field(['claims', i, 'text'], claim.text);
  });
  entries(data.events).forEach((event, i) => {
    field(['events', i, 'title'], event.title);
  });
  entries(data.faq).forEach((entry, i) => {
    field(['faq', i, 'q'], entry.q);
    field(['faq', i, 'a'], entry.a);
  });
  strings(data.open_questions).forEach((question, i) => {
    field(['open_questions', i], question);
  });
  visitProse(body.tree, (node) => {
    findings.push(
      ...scriptFindings(
        node.value,
        lang,
        (index, word) => body.bodyOffset + sourceOffset(node, body.body, index, word),
      ),
    );
  });
  return findings;
}

/**
 * Uncited sources, sources dated after the article, and disputes nobody answers. `cited` is
 * undefined when the body could not be read: then nobody knows what it cites, so say nothing.
 */
export function checkEditorial(
  data: Frontmatter,
  cited: ReadonlySet<string> | undefined,
  front: FrontmatterContext,
): Finding[] {
  const findings: Finding[] = [];
  const at = (path: (string | number)[]) =>
    front.yamlOffset + (valueNode(front.doc, path)?.range?.[0] ?? 0);
  const citedAnywhere = new Set(cited);
  for (const entry of [...data.claims, ...data.events])
    for (const id of entry.sources) citedAnywhere.add(id);

  const [articleField, articleDate] = data.updated
    ? ['updated', data.updated]
    : ['published', data.published];
  data.sources.forEach((source, i) => {
    if (cited && !citedAnywhere.has(source.id)) {
      findings.push({
        offset: at(['sources', i, 'id']),
        rule: 'uncited-source',
        message: messages.uncitedSource(source.id),
      });
    }
    if (source.published && compareAtCoarserPrecision(source.published, articleDate) > 0) {
      findings.push({
        offset: at(['sources', i, 'published']),
        rule: 'source-after-article',
        message: messages.sourceAfterArticle(
          source.id,
          source.published.text,
          articleField,
          articleDate.text,
        ),
      });
    }
  });

  const answered = new Set(data.claims.map((claim) => claim.responds_to));
  data.claims.forEach((claim, i) => {
    if (claim.status === 'disputed' && !answered.has(claim.id)) {
      findings.push({
        offset: at(['claims', i, 'status']),
        rule: 'disputed-without-response',
        message: messages.disputedWithoutResponse(claim.id),
      });
    }
  });
  return findings;
}

/**
 * Parse and validate one article file: the single code path behind `check`, the content loader
 * and the pages. Never throws on bad content; every problem becomes a positioned diagnostic.
 */
import type { Root } from 'mdast';
import {
  findExcess,
  findTooDeep,
  MAX_BRACKET_DEPTH,
  MAX_CONTAINER_DEPTH,
  MAX_MARKS,
  type BodyExcess,
} from '../markdown/bounds.ts';
import { parseBody } from '../markdown/syntax.ts';
import type { ContentDate } from './dates.ts';
import type { Diagnostic, Finding } from './diagnostics.ts';
import { checkBodyCitations, checkEditorial, checkScripts } from './editorial.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { issuesToFindings } from './issues.ts';
import { messages } from './messages.ts';
import { checkBodyPlaceholders, checkFrontmatterPlaceholders } from './placeholders.ts';
import { severityOf, type RuleId } from './rules.ts';
import { frontmatterSchema, type Frontmatter } from './schema/article.ts';
import { SLUG_PATTERN, toSlug } from './schema/fields.ts';
import { decodeUtf8, LineIndex, MAX_FILE_BYTES, placeOfByte } from './source-text.ts';
import { parseFrontmatterYaml } from './yaml.ts';

/** An event that carries an id, as the cross-article checks need it. */
export interface SharedEventOccurrence {
  readonly id: string;
  readonly date: ContentDate;
  readonly end: ContentDate | undefined;
  readonly line: number;
  readonly column: number;
}

/** What checking a file found: plain data, so it can be cached between runs. */
export interface ArticleReport {
  readonly file: string;
  readonly slug: string;
  readonly diagnostics: Diagnostic[];
  readonly events: SharedEventOccurrence[];
  /** Valid and not a draft: the article goes on the site. */
  readonly publishable: boolean;
}

/** A valid article, ready to render. */
export interface Article {
  readonly slug: string;
  readonly file: string;
  readonly data: Frontmatter;
  readonly body: string;
  readonly tree: Root;
}

export interface CheckedArticle {
  readonly report: ArticleReport;
  /** Present when the file has no errors (warnings allowed). */
  readonly article: Article | undefined;
}

export function slugOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.md$/i, '');
}

/** Undefined when there is no list of sources to check citations against (it is reported itself). */
function rawSourceIds(data: unknown): string[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const sources = (data as Record<string, unknown>).sources;
  if (!Array.isArray(sources)) return undefined;
  return sources
    .map((source: unknown) =>
      typeof source === 'object' && source !== null
        ? (source as Record<string, unknown>).id
        : undefined,
    )
    .filter((id): id is string => typeof id === 'string');
}

export function checkArticle(file: string, bytes: Uint8Array): CheckedArticle {
  const slug = slugOf(file);
  const findings: Finding[] = [];
  const diagnosticsFrom = (index: LineIndex | undefined) =>
    findings.map((finding): Diagnostic => {
      const { line, column } = index ? index.position(finding.offset) : { line: 1, column: 1 };
      return {
        file,
        line,
        column,
        severity: severityOf(finding.rule),
        rule: finding.rule,
        message: finding.message,
      };
    });

  if (!SLUG_PATTERN.test(slug)) {
    findings.push({
      offset: 0,
      rule: 'invalid-slug',
      message: messages.invalidSlug(slug, toSlug(slug)),
    });
  }

  /** A file that is not read at all: its one problem, placed in its bytes. */
  const refuse = (
    place: { line: number; column: number },
    rule: RuleId,
    message: string,
  ): CheckedArticle => {
    const diagnostics = diagnosticsFrom(undefined);
    diagnostics.push({ file, ...place, severity: severityOf(rule), rule, message });
    return {
      report: { file, slug, diagnostics, events: [], publishable: false },
      article: undefined,
    };
  };

  if (bytes.length > MAX_FILE_BYTES) {
    // The line where the file crosses the limit: usually inside what was pasted by mistake.
    return refuse(
      { line: placeOfByte(bytes, MAX_FILE_BYTES).line, column: 1 },
      'file-too-large',
      messages.fileTooLarge(bytes.length, MAX_FILE_BYTES),
    );
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return refuse(decoded, 'not-utf8', messages.notUtf8(decoded.byte));
  const text = decoded.text;
  const lines = new LineIndex(text);
  const done = (article?: Article, events: SharedEventOccurrence[] = []): CheckedArticle => ({
    report: {
      file,
      slug,
      diagnostics: diagnosticsFrom(lines),
      events,
      publishable: article !== undefined && !article.data.draft,
    },
    article,
  });

  const split = splitFrontmatter(text);
  if (!split.ok) {
    findings.push(split.finding);
    return done();
  }
  const { yaml, yamlOffset, body, bodyOffset } = split.block;
  const parsedYaml = parseFrontmatterYaml(yaml, yamlOffset);
  findings.push(...parsedYaml.findings);
  if (parsedYaml.data === undefined) return done();
  findings.push(...checkFrontmatterPlaceholders(parsedYaml.doc, parsedYaml.data, yamlOffset));
  const result = frontmatterSchema.safeParse(parsedYaml.data, { reportInput: true });
  const front = { doc: parsedYaml.doc, yaml, yamlOffset };
  const checkedBody = readBody(body, bodyOffset, (bodyContext) => {
    const citations = checkBodyCitations(bodyContext, rawSourceIds(parsedYaml.data));
    return {
      cited: citations.cited,
      findings: [
        ...citations.findings,
        ...checkScripts(parsedYaml.data, front, bodyContext),
        ...checkBodyPlaceholders(bodyContext.body, bodyContext.bodyOffset, bodyContext.tree),
      ],
    };
  });
  findings.push(...checkedBody.findings);
  if (!result.success) {
    findings.push(
      ...issuesToFindings(result.error.issues, {
        doc: parsedYaml.doc,
        data: parsedYaml.data,
        yamlOffset,
      }),
    );
    return done();
  }

  const data = result.data;
  findings.push(...checkEditorial(data, checkedBody.cited, front));
  const events = data.events.flatMap((event, index): SharedEventOccurrence[] => {
    if (event.id === undefined) return [];
    const node = parsedYaml.doc?.getIn(['events', index, 'date'], true) as
      { range?: [number, number, number] } | undefined;
    const { line, column } = lines.position(yamlOffset + (node?.range?.[0] ?? 0));
    return [{ id: event.id, date: event.date, end: event.end, line, column }];
  });
  const hasErrors = findings.some((finding) => severityOf(finding.rule) === 'error');
  const tree = checkedBody.tree;
  return done(hasErrors || !tree ? undefined : { slug, file, data, body, tree }, events);
}

/**
 * Parses the body and runs the checks that walk it, within the bounds of `markdown/bounds.ts`: a
 * body that would take the parser too long is refused before parsing, and a tree too deep to
 * render is refused after. Past those bounds the parser could still, in principle, run out of
 * stack on a shape nobody has found yet: that too becomes an error, not the end of the whole run.
 */
function readBody(
  body: string,
  bodyOffset: number,
  checks: (context: { body: string; bodyOffset: number; tree: Root }) => {
    cited: Set<string>;
    findings: Finding[];
  },
): { tree: Root | undefined; cited: Set<string> | undefined; findings: Finding[] } {
  const refused = (excess: BodyExcess) => ({
    tree: undefined,
    cited: undefined,
    findings: [excessFinding(excess, bodyOffset)],
  });
  const excess = findExcess(body);
  if (excess) return refused(excess);
  let tree: Root;
  try {
    tree = parseBody(body);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return refused({ kind: 'tree', offset: 0 });
  }
  const tooDeep = findTooDeep(tree);
  if (tooDeep) return refused(tooDeep);
  return { tree, ...checks({ body, bodyOffset, tree }) };
}

function excessFinding(excess: BodyExcess, bodyOffset: number): Finding {
  const offset = bodyOffset + excess.offset;
  switch (excess.kind) {
    case 'containers':
      return {
        offset,
        rule: 'body-too-deep',
        message: messages.bodyTooDeepContainers(MAX_CONTAINER_DEPTH),
      };
    case 'brackets':
      return {
        offset,
        rule: 'body-too-deep',
        message: messages.bodyTooDeepBrackets(MAX_BRACKET_DEPTH),
      };
    case 'tree':
      return { offset, rule: 'body-too-deep', message: messages.bodyTooDeep() };
    case 'container-work':
      return { offset, rule: 'body-too-complex', message: messages.bodyTooManyContainerLines() };
    case 'marks':
      return { offset, rule: 'body-too-complex', message: messages.bodyTooManyMarks(MAX_MARKS) };
    case 'unclosed-code':
      return { offset, rule: 'body-too-complex', message: messages.bodyUnclosedCode() };
  }
}

/**
 * Bounds on the work an article body can ask of the Markdown parser, checked before parsing by one
 * linear pass over the text, so that no file can hang or crash `check` and the build.
 *
 * micromark and mdast are linear on ordinary text, but not on every input (measured with micromark
 * 4.0; each shape below took from seconds to over a minute at 20,000 repetitions, or overflowed
 * the stack):
 * - containers (`>` quotes, list items) are re-entered on every line, and nesting them 1,000 deep
 *   overflows the stack;
 * - every new list item in an open list, every line continuing a quote or list lazily (without its
 *   `>` or indentation) and every container closed by a paragraph makes micromark copy all the
 *   events of the document so far (`EditMap.consume` in micromark/lib/initialize/document.js), so
 *   thousands of them cost the square of the document's length;
 * - link labels nested inside each other (`![![![…](u)](u)](u)`) cost the cube of their depth;
 * - within one paragraph, every `]`, emphasis mark (`*`, `_`, `~`) and code mark (`` ` ``) costs
 *   work proportional to the paragraph (micromark splices its event list for each, in
 *   `resolveAllText` of micromark/lib/initialize/text.js and in its attention resolver);
 * - a `` ` `` run that is never closed scans to the end of its paragraph, so many of them in a
 *   long paragraph scan it again and again.
 * Each bound keeps its cost to a fraction of a second, and no real article comes near any of them.
 *
 * The pass is deliberately conservative: where it cannot tell cheaply whether a line continues a
 * paragraph or a container, it assumes it does, so it may over-count but never misses what the
 * parser will do.
 */
import type { Nodes, Root } from 'mdast';

/** Quotes and lists on one line (every four columns of indentation count as one level). */
export const MAX_CONTAINER_DEPTH = 32;
/**
 * Lines that make micromark copy the document's events so far (new list items, lines continuing
 * or closing a container), each weighted by its containers and by the events before it.
 */
export const MAX_CONTAINER_WORK = 2_000_000;
/** Link and image brackets open inside each other in one paragraph. */
export const MAX_BRACKET_DEPTH = 32;
/** `]`, emphasis marks and code marks in one paragraph, list item, table or code block. */
export const MAX_MARKS = 1_000;
/** Characters scanned in vain, in one paragraph, by `` ` `` runs that are never closed. */
export const MAX_UNCLOSED_CODE_SCAN = 500_000;
/**
 * Depth of the parsed tree. Rendering walks it recursively; this is far deeper than any real
 * article and far below the depth at which rendering runs out of stack (about 2,000).
 */
export const MAX_TREE_DEPTH = 256;

export interface BodyExcess {
  readonly kind:
    | 'containers' // a line nests quotes and lists too deeply; `offset` is its start
    | 'container-work' // too many lines continue or close containers; `offset` is the last one
    | 'brackets' // a `[` opens too deep inside others; `offset` is that `[`
    | 'marks' // a paragraph holds too many marks; `offset` is the paragraph's start
    | 'unclosed-code' // a paragraph has too many unclosed `` ` `` runs; `offset` is the first
    | 'tree'; // the parsed tree is too deep; `offset` is where the too-deep node starts
  readonly offset: number;
}

const BLANK = /^[ \t]*$/;
/** A line that is empty inside quotes: it ends a paragraph just as a blank line does. */
const EMPTY_QUOTE = /^ {0,3}>[ \t>]*$/;
/**
 * Lines that always start a new block, whatever precedes them: a list item that may interrupt a
 * paragraph (a bullet, or an ordered item numbered 1, with text), an ATX heading, a code fence.
 * Lines indented four columns or more may continue a paragraph, so they never count here.
 */
const BLOCK_START = /^ {0,3}(?:(?:[-+*]|1[.)])[ \t]+\S|#{1,6}(?:[ \t]|$)|`{3,}[^`]*$|~{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** Indentation, `>` and list markers at the start of a line: the containers it is inside. */
const CONTAINER_PREFIX = /^(?:[ \t]|>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))*/;

const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/**
 * The first place where `body` exceeds a bound, or undefined when it stays within all of them.
 * Linear in the length of the body.
 */
export function findExcess(body: string): BodyExcess | undefined {
  const containers = new ContainerWork();
  const paragraphs = new Paragraphs(body);
  for (let lineStart = 0; lineStart <= body.length;) {
    const newline = body.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? body.length : newline;
    const line = body.slice(lineStart, lineEnd).replace(/\r$/, '');
    const excess =
      containers.line(line, lineStart) ?? paragraphs.line(line, lineStart, lineEnd + 1);
    if (excess) return excess;
    lineStart = lineEnd + 1;
  }
  return paragraphs.end();
}

/** Splits the body into paragraphs (possibly several real ones each: see the module's comment). */
class Paragraphs {
  readonly #body: string;
  #start = 0;
  #marks = 0;
  #brackets = 0;
  /** Offset and length of each `` ` `` run, flattened. */
  #codeRuns: number[] = [];

  constructor(body: string) {
    this.#body = body;
  }

  /** Takes the line at `offset` (without its line ending); the next line starts at `next`. */
  line(line: string, offset: number, next: number): BodyExcess | undefined {
    if (BLANK.test(line) || EMPTY_QUOTE.test(line)) return this.#split(offset, next);
    if (offset > this.#start && BLOCK_START.test(line)) {
      const excess = this.#split(offset, offset);
      if (excess) return excess;
    }
    return (
      this.#scan(offset, offset + line.length) ??
      (ATX_HEADING.test(line) ? this.#split(next, next) : undefined)
    );
  }

  end(): BodyExcess | undefined {
    return this.#split(this.#body.length, this.#body.length);
  }

  /** Ends the current paragraph at `end` and starts the next at `start`. */
  #split(end: number, start: number): BodyExcess | undefined {
    const excess = unclosedCode(this.#codeRuns, end);
    this.#start = start;
    this.#marks = 0;
    this.#brackets = 0;
    this.#codeRuns = [];
    return excess;
  }

  /** Counts one line's marks into the paragraph; reports a bracket opened too deep. */
  #scan(start: number, end: number): BodyExcess | undefined {
    const body = this.#body;
    for (let i = start; i < end; i++) {
      const char = body.charCodeAt(i);
      if (char === 0x5c) {
        // A backslash escapes the punctuation after it, which is then no mark.
        if (i + 1 < end && PUNCTUATION.test(body.charAt(i + 1))) i++;
      } else if (char === 0x5b) {
        this.#brackets++;
        if (this.#brackets > MAX_BRACKET_DEPTH) return { kind: 'brackets', offset: i };
      } else if (char === 0x5d) {
        this.#marks++;
        if (this.#brackets > 0) this.#brackets--;
      } else if (char === 0x60) {
        const runEnd = endOfRun(body, i, end);
        this.#codeRuns.push(i, runEnd - i);
        this.#marks++;
        i = runEnd - 1;
      } else if (char === 0x2a || char === 0x5f || char === 0x7e) {
        const runEnd = endOfRun(body, i, end);
        // Every character of a run that can open or close emphasis is a delimiter to resolve.
        if (canDelimit(body, i, runEnd, char)) this.#marks += runEnd - i;
        i = runEnd - 1;
      }
      if (this.#marks > MAX_MARKS) return { kind: 'marks', offset: this.#start };
    }
    return undefined;
  }
}

/**
 * Follows the lines that cost micromark a copy of the document's events: any line with a `>` or a
 * list marker, and any line after one until a blank line and a line outside them (a lazy line, or
 * the paragraph that closes them). Its weight is its number of containers times the events so far
 * (one per line and per container marker).
 */
class ContainerWork {
  #events = 0;
  #work = 0;
  #open = false;
  #afterBlank = false;

  line(line: string, offset: number): BodyExcess | undefined {
    const { markers, depth } = readContainers(line);
    if (depth > MAX_CONTAINER_DEPTH) return { kind: 'containers', offset };
    if (BLANK.test(line)) {
      this.#events++;
      this.#afterBlank = true;
      return undefined;
    }
    if (markers > 0 || this.#open) {
      this.#work += Math.max(1, markers) * this.#events;
      if (this.#work > MAX_CONTAINER_WORK) return { kind: 'container-work', offset };
    }
    if (markers > 0) this.#open = true;
    else if (this.#afterBlank) this.#open = false;
    this.#events += 1 + markers;
    this.#afterBlank = false;
    return undefined;
  }
}

/**
 * A line's containers: its `>` and list markers, and how deep they may nest, counting its
 * indentation by fours (white space right after a marker belongs to that marker).
 */
function readContainers(line: string): { markers: number; depth: number } {
  const prefix = CONTAINER_PREFIX.exec(line)?.[0] ?? '';
  let markers = 0;
  let columns = 0;
  let afterMarker = false;
  for (let i = 0; i < prefix.length; i++) {
    const char = prefix.charCodeAt(i);
    if (char === 0x20 || char === 0x09) {
      if (!afterMarker) columns += char === 0x09 ? 4 : 1;
    } else if (char >= 0x30 && char <= 0x39) {
      afterMarker = false; // the digits of an ordered list's number
    } else {
      markers++; // `>`, `-`, `+`, `*`, or the `.`/`)` ending a number
      afterMarker = true;
    }
  }
  return { markers, depth: markers + Math.floor(columns / 4) };
}

function endOfRun(body: string, start: number, end: number): number {
  const char = body.charCodeAt(start);
  let i = start + 1;
  while (i < end && body.charCodeAt(i) === char) i++;
  return i;
}

/** CommonMark's flanking rules: whether a run of `*`, `_` or `~` may open or close emphasis. */
function canDelimit(body: string, start: number, end: number, char: number): boolean {
  const before = start === 0 ? '\n' : body.charAt(start - 1);
  const after = end >= body.length ? '\n' : body.charAt(end);
  const beforeSpace = WHITESPACE.test(before);
  const afterSpace = WHITESPACE.test(after);
  const beforePunctuation = PUNCTUATION.test(before);
  const afterPunctuation = PUNCTUATION.test(after);
  const left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation);
  const right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation);
  if (char !== 0x5f) return left || right;
  // `_` inside a word (snake_case) neither opens nor closes.
  return (left && (!right || beforePunctuation)) || (right && (!left || afterPunctuation));
}

/**
 * What a paragraph's `` ` `` runs cost the parser, which scans from each opening run to the next
 * run of the same length, or to the end of the paragraph (`end`) when there is none.
 */
function unclosedCode(runs: readonly number[], end: number): BodyExcess | undefined {
  const count = runs.length / 2;
  const nextSame = new Array<number>(count).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let k = count - 1; k >= 0; k--) {
    const length = runs[2 * k + 1] ?? 0;
    nextSame[k] = lastOfLength.get(length) ?? -1;
    lastOfLength.set(length, k);
  }
  let wasted = 0;
  let firstUnclosed: number | undefined;
  for (let k = 0; k < count;) {
    const closer = nextSame[k] ?? -1;
    if (closer !== -1) {
      k = closer + 1;
      continue;
    }
    const offset = runs[2 * k] ?? 0;
    wasted += end - offset;
    firstUnclosed ??= offset;
    k++;
  }
  return wasted > MAX_UNCLOSED_CODE_SCAN && firstUnclosed !== undefined
    ? { kind: 'unclosed-code', offset: firstUnclosed }
    : undefined;
}

/** The first node found nested deeper than `MAX_TREE_DEPTH`, walked without recursion. */
export function findTooDeep(tree: Root): BodyExcess | undefined {
  const stack: [Nodes, number][] = [[tree, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > MAX_TREE_DEPTH) return { kind: 'tree', offset: node.position?.start.offset ?? 0 };
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return undefined;
}

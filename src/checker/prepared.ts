/**
 * Rendered articles kept on disk for the pages, written by the checker and read by the content
 * loader's pages. Each run of the checker appends its renderings to pack files of its own, one per
 * thread, and the check cache remembers where each article's rendering lies. A missing or
 * unreadable rendering just means "render it again".
 *
 * Why packs: a cold build at 10,000 articles spent about 2.5 s of each checker thread creating one
 * file per rendering (0.25–0.5 ms per file once many files had been deleted before it); appending
 * to an open file costs about 0.01 ms.
 *
 * A rendering is two JSON texts, the frontmatter and then the body, so that the site model, which
 * needs every article's frontmatter, reads no body: only an article's own page does, when it is
 * rendered. At 10,000 articles, a warm build read whole renderings for 0.96 s of its main thread,
 * the frontmatter alone takes 0.49 s (the body, mostly HTML, is two thirds of the bytes), for the
 * one or two article pages such a build renders.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { Frontmatter } from '../article/schema/article.ts';
import type { PreparedBody } from '../site/prepare.ts';

export interface PreparedArticle extends PreparedBody {
  readonly data: Frontmatter;
}

/** Where a rendering lies: bytes of a pack file in the renderings' folder. */
export interface PreparedLocation {
  /** The pack's file name. */
  readonly pack: string;
  readonly offset: number;
  readonly length: number;
  /** How many of those bytes, from the start, are the frontmatter; the body follows. */
  readonly dataLength: number;
}

/** Where a rendering lies, in a pack named by its absolute path. */
export type PreparedFileLocation = Omit<PreparedLocation, 'pack'> & { readonly file: string };

/** What the content loader stores for an article: where its rendering and its file are. */
export interface PreparedRef {
  /** Absolute path of the article's file. */
  readonly source: string;
  /** Where its rendering is, when the build kept one: the pack's absolute path and its bytes. */
  readonly prepared: PreparedFileLocation | undefined;
}

const PACK_SUFFIX = '.pack';

/** A name for a new pack, unique to one thread of one run. */
export function newPackName(): string {
  return `${randomUUID()}${PACK_SUFFIX}`;
}

/** Appends renderings to one pack, created when the first is written. */
export class PackWriter {
  readonly #dir: string;
  readonly #name: string;
  #fd: number | undefined;
  #size = 0;

  constructor(dir: string, name: string) {
    this.#dir = dir;
    this.#name = name;
  }

  get name(): string {
    return this.#name;
  }

  append({ data, ...body }: PreparedArticle): PreparedLocation {
    const dataBytes = Buffer.from(JSON.stringify(data));
    const bytes = Buffer.concat([dataBytes, Buffer.from(JSON.stringify(body))]);
    if (this.#fd === undefined) {
      mkdirSync(this.#dir, { recursive: true });
      // 'wx': a pack is only ever this writer's; another file by its name is not appended to.
      this.#fd = openSync(path.join(this.#dir, this.#name), 'wx');
    }
    const offset = this.#size;
    let written = 0;
    while (written < bytes.length)
      written += writeSync(this.#fd, bytes, written, bytes.length - written, offset + written);
    this.#size += bytes.length;
    return { pack: this.#name, offset, length: bytes.length, dataLength: dataBytes.length };
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }
}

export function preparedRef(
  source: string,
  dir: string | undefined,
  location: PreparedLocation | undefined,
): PreparedRef {
  if (dir === undefined || location === undefined) return { source, prepared: undefined };
  const { pack, ...bytes } = location;
  return { source, prepared: { file: path.join(dir, pack), ...bytes } };
}

/** Whether the packs of these locations are still there, asking the file system once per pack. */
export function packsPresent(dir: string): (location: PreparedLocation | undefined) => boolean {
  const known = new Map<string, boolean>();
  return (location) => {
    if (location === undefined) return false;
    let present = known.get(location.pack);
    if (present === undefined) {
      present = existsSync(path.join(dir, location.pack));
      known.set(location.pack, present);
    }
    return present;
  };
}

/** `length` bytes of `file` from `offset`, or undefined where the file has fewer. */
function readBytes(file: string, offset: number, length: number): Buffer | undefined {
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const got = readSync(fd, bytes, read, length - read, offset + read);
      if (got === 0) return undefined;
      read += got;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** The JSON text in those bytes, or undefined where they are missing or are not one. */
function readJson(file: string, offset: number, length: number): unknown {
  try {
    const bytes = length >= 0 ? readBytes(file, offset, length) : undefined;
    return bytes === undefined ? undefined : (JSON.parse(bytes.toString('utf8')) as unknown);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored rendering's frontmatter, without reading its body. */
export function readPreparedData(prepared: PreparedFileLocation): Frontmatter | undefined {
  const data = readJson(prepared.file, prepared.offset, prepared.dataLength);
  return isObject(data) ? (data as Frontmatter) : undefined;
}

/** A stored rendering's body, without reading its frontmatter. */
export function readPreparedBody(prepared: PreparedFileLocation): PreparedBody | undefined {
  const body = readJson(
    prepared.file,
    prepared.offset + prepared.dataLength,
    prepared.length - prepared.dataLength,
  );
  return isObject(body) ? (body as PreparedBody) : undefined;
}

export function readPrepared(prepared: PreparedFileLocation): PreparedArticle | undefined {
  const data = readPreparedData(prepared);
  const body = data && readPreparedBody(prepared);
  return body && { data, ...body };
}

/**
 * Removes the packs no rendering in `kept` lies in. Packs changed in the last minute are left:
 * they may be another run's, still being written or not yet in its cache.
 */
export function prunePacks(dir: string, kept: Iterable<PreparedLocation | undefined>): void {
  const live = new Set<string>();
  for (const location of kept) if (location !== undefined) live.add(location.pack);
  const recent = Date.now() - 60_000;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (live.has(name)) continue;
    const file = path.join(dir, name);
    try {
      if (statSync(file).mtimeMs > recent) continue;
      rmSync(file, { recursive: true, force: true });
    } catch {
      // Gone already, or in use elsewhere: the next run tries again.
    }
  }
}

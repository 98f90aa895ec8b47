/**
 * Rendered articles kept on disk for the pages, written by the checker and read by the content
 * loader's pages. Each run of the checker appends its renderings to pack files of its own, one per
 * thread, and the check cache remembers where each article's rendering lies. A missing or
 * unreadable rendering just means "render it again".
 *
 * Why packs: a cold build at 10,000 articles spent about 2.5 s of each checker thread creating one
 * file per rendering (0.25–0.5 ms per file once many files had been deleted before it); appending
 * to an open file costs about 0.01 ms.
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
}

/** What the content loader stores for an article: where its rendering and its file are. */
export interface PreparedRef {
  /** Absolute path of the article's file. */
  readonly source: string;
  /** Where its rendering is, when the build kept one: the pack's absolute path and its bytes. */
  readonly prepared: (Omit<PreparedLocation, 'pack'> & { readonly file: string }) | undefined;
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

  append(article: PreparedArticle): PreparedLocation {
    const bytes = Buffer.from(JSON.stringify(article));
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
    return { pack: this.#name, offset, length: bytes.length };
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
  const { pack, offset, length } = location;
  return { source, prepared: { file: path.join(dir, pack), offset, length } };
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

export function readPrepared(
  prepared: NonNullable<PreparedRef['prepared']>,
): PreparedArticle | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(prepared.file, 'r');
    const bytes = Buffer.alloc(prepared.length);
    let read = 0;
    while (read < prepared.length) {
      const got = readSync(fd, bytes, read, prepared.length - read, prepared.offset + read);
      if (got === 0) return undefined;
      read += got;
    }
    return JSON.parse(bytes.toString('utf8')) as PreparedArticle;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
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

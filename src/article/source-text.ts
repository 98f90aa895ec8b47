/**
 * Turns the bytes of an article file into text, and offsets in that text into the line and column
 * an editor sees.
 */
import { Buffer, isUtf8 } from 'node:buffer';

/**
 * The largest article file: about 150,000 words, far beyond any article, and small enough that even
 * the most expensive Markdown takes seconds, not minutes.
 */
export const MAX_FILE_BYTES = 1_000_000;

export type DecodeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly byte: number };

/**
 * Decodes UTF-8 strictly. A leading BOM is dropped (the contract tolerates it). On failure, reports
 * the line and column of the first byte that is not valid UTF-8, so the editor can find it.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  // Validating and decoding natively is several times faster than a fatal TextDecoder, which
  // showed in profiles of checking thousands of files.
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  }
  const bad = firstInvalidUtf8Byte(bytes);
  return { ok: false, ...placeOfByte(bytes, bad), byte: bytes[bad] ?? 0 };
}

/** The line and column of the byte at `index`, for a file that cannot (or need not) be decoded whole. */
export function placeOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < index; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, index)).length + 1;
  return { line, column };
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] ?? 0;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are invalid UTF-8 too.
    if (b === 0xe0 && second < 0xa0) return i;
    if (b === 0xed && second >= 0xa0) return i;
    if (b === 0xf0 && second < 0x90) return i;
    if (b === 0xf4 && second >= 0x90) return i;
    i += length;
  }
  return bytes.length;
}

/** Maps offsets in a text to 1-based line and column, with a binary search over line starts. */
export class LineIndex {
  readonly #starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.#starts = starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.#starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }
}

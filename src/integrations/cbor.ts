/**
 * Just enough CBOR (RFC 8949) to read and rewrite Pagefind's index files: unsigned and negative
 * integers, byte and text strings, arrays and maps of definite length, and the simple values, each
 * written in its shortest form, as Pagefind's encoder (minicbor) writes them. Anything else (tags,
 * floats, indefinite lengths) throws, so a change of format in Pagefind fails the build loudly
 * instead of writing a broken bundle.
 */

export type CborValue =
  | number
  | string
  | Uint8Array
  | boolean
  | null
  | readonly CborValue[]
  | ReadonlyMap<CborValue, CborValue>;

class Reader {
  #at = 0;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.#at >= this.#bytes.length;
  }

  value(): CborValue {
    const initial = this.#byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22) return null;
      throw new Error(`Unsupported CBOR simple value or float (0x${initial.toString(16)}).`);
    }
    const argument = this.#argument(info);
    switch (major) {
      case 0:
        return argument;
      case 1:
        return -1 - argument;
      case 2:
        return this.#take(argument).slice();
      case 3:
        return new TextDecoder('utf-8', { fatal: true }).decode(this.#take(argument));
      case 4:
        return Array.from({ length: argument }, () => this.value());
      case 5: {
        const map = new Map<CborValue, CborValue>();
        for (let i = 0; i < argument; i++) map.set(this.value(), this.value());
        return map;
      }
      default:
        throw new Error(`Unsupported CBOR major type ${String(major)}.`);
    }
  }

  #byte(): number {
    if (this.#at >= this.#bytes.length) throw new Error('Truncated CBOR.');
    return this.#bytes[this.#at++] ?? 0;
  }

  #take(length: number): Uint8Array {
    if (this.#at + length > this.#bytes.length) throw new Error('Truncated CBOR.');
    const slice = this.#bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return slice;
  }

  #argument(info: number): number {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0)
      throw new Error(`Unsupported CBOR length (additional information ${String(info)}).`);
    const at = this.#at;
    this.#take(size);
    if (size === 1) return this.#view.getUint8(at);
    if (size === 2) return this.#view.getUint16(at);
    if (size === 4) return this.#view.getUint32(at);
    const big = this.#view.getBigUint64(at);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('CBOR integer too large.');
    return Number(big);
  }
}

/** Decodes one CBOR item that fills `bytes` exactly. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const reader = new Reader(bytes);
  const value = reader.value();
  if (!reader.done) throw new Error('Trailing bytes after the CBOR item.');
  return value;
}

function head(major: number, argument: number): number[] {
  const type = major << 5;
  if (argument < 24) return [type | argument];
  if (argument < 0x100) return [type | 24, argument];
  if (argument < 0x10000) return [type | 25, argument >> 8, argument & 0xff];
  if (argument < 0x100000000)
    return [type | 26, ...[24, 16, 8, 0].map((shift) => (argument >>> shift) & 0xff)];
  const big = BigInt(argument);
  return [
    type | 27,
    ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((big >> s) & 0xffn)),
  ];
}

function encodeInto(value: CborValue, out: number[]): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Cannot encode ${String(value)} as CBOR.`);
    out.push(...(value >= 0 ? head(0, value) : head(1, -1 - value)));
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    out.push(...head(3, bytes.length));
    for (const byte of bytes) out.push(byte);
  } else if (value instanceof Uint8Array) {
    out.push(...head(2, value.length));
    for (const byte of value) out.push(byte);
  } else if (typeof value === 'boolean') {
    out.push(value ? 0xf5 : 0xf4);
  } else if (value === null) {
    out.push(0xf6);
  } else if (value instanceof Map) {
    const map = value as ReadonlyMap<CborValue, CborValue>;
    out.push(...head(5, map.size));
    for (const [key, item] of map) {
      encodeInto(key, out);
      encodeInto(item, out);
    }
  } else {
    const items = value as readonly CborValue[];
    out.push(...head(4, items.length));
    for (const item of items) encodeInto(item, out);
  }
}

/** Encodes a value, every length and integer in its shortest form. */
export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  encodeInto(value, out);
  return Uint8Array.from(out);
}

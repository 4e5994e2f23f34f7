// Byte/text conversions and fixed-width integers. Everything returns plain
// Uint8Array (never Buffer) so callers never meet Buffer's aliasing `slice`.

/** Thrown for malformed hex / base64 / UTF-8 input and out-of-range integers. */
export class EncodingError extends Error {
  override readonly name = 'EncodingError';
}

const utf8Encoder = new TextEncoder();
// fatal: reject invalid UTF-8; ignoreBOM: keep a leading U+FEFF like Go/Rust do.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Character classes by char code (a loop, not a regex: regex backtracking overflows on MB-sized input).
const HEX_CHAR = new Uint8Array(128);
const B64_CHAR = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX_CHAR[c.charCodeAt(0)] = 1;
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64_CHAR[c.charCodeAt(0)] = 1;

function allIn(table: Uint8Array, s: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || table[c] === 0) return false;
  }
  return true;
}

/** Plain Uint8Array over a Buffer's bytes; copies when the Buffer sits in Node's shared pool. */
export function fromBuffer(buf: Uint8Array): Uint8Array {
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength) {
    return new Uint8Array(buf.buffer, 0, buf.byteLength);
  }
  return new Uint8Array(buf);
}

/** Largest typed array V8 keeps on its heap; `.buffer` of one costs a malloc and a copy. */
const ON_HEAP_MAX = 64;

/** A read-only Buffer view of `bytes` (a pooled copy when small: cheaper than moving them off-heap). */
function asBuffer(bytes: Uint8Array): Buffer {
  if (bytes.byteLength <= ON_HEAP_MAX) return Buffer.from(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new EncodingError(`invalid hex: odd length ${hex.length}`);
  if (!allIn(HEX_CHAR, hex, hex.length)) throw new EncodingError('invalid hex: non-hex character');
  return fromBuffer(Buffer.from(hex, 'hex'));
}

export function toBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

/**
 * Standard alphabet with mandatory padding, nothing else (Node's decoder alone
 * would skip bad characters). Like Go's StdEncoding, non-zero trailing bits in
 * the last group are tolerated.
 */
export function fromBase64(b64: string): Uint8Array {
  const n = b64.length;
  const pad = n > 0 && b64.charCodeAt(n - 1) === 61 ? (b64.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  if (n % 4 !== 0 || !allIn(B64_CHAR, b64, n - pad)) throw new EncodingError('invalid base64 string');
  return fromBuffer(Buffer.from(b64, 'base64'));
}

export function toUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new EncodingError('invalid UTF-8');
  }
}

export function concatBytes(...arrays: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const a of arrays) total += a.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const a of arrays) {
    out.set(a, off);
    off += a.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Unsigned lexicographic order (like Go's bytes.Compare): -1, 0 or 1. */
export function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  return Buffer.compare(a, b) as -1 | 0 | 1;
}

const U64_MAX = (1n << 64n) - 1n;

function checkU64(value: bigint | number): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new EncodingError(`not a u64: ${value}`);
    return BigInt(value);
  }
  if (value < 0n || value > U64_MAX) throw new EncodingError(`not a u64: ${value}`);
  return value;
}

function checkU32(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new EncodingError(`not a u32: ${value}`);
  return value;
}

// Scratch for the u64 writers: `.buffer` of a small (on-heap) typed array makes V8 move it to a
// malloc'd backing store, so the result is copied out of a long-lived view instead.
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);

export function u64be(value: bigint | number): Uint8Array {
  scratch.setBigUint64(0, checkU64(value), false);
  return scratchBytes.slice();
}

export function u64le(value: bigint | number): Uint8Array {
  scratch.setBigUint64(0, checkU64(value), true);
  return scratchBytes.slice();
}

export function u32be(value: number): Uint8Array {
  const v = checkU32(value);
  return Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

export function u32le(value: number): Uint8Array {
  const v = checkU32(value);
  return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
}

export function u16le(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new EncodingError(`not a u16: ${value}`);
  return Uint8Array.of(value & 0xff, value >>> 8);
}

function view(bytes: Uint8Array, offset: number, size: number): DataView {
  if (!Number.isInteger(offset) || offset < 0 || offset + size > bytes.length) {
    throw new EncodingError(`cannot read ${size} bytes at offset ${offset} of ${bytes.length}`);
  }
  return new DataView(bytes.buffer, bytes.byteOffset + offset, size);
}

export function readU64be(bytes: Uint8Array, offset = 0): bigint {
  return view(bytes, offset, 8).getBigUint64(0, false);
}

export function readU32be(bytes: Uint8Array, offset = 0): number {
  return view(bytes, offset, 4).getUint32(0, false);
}

// Small byte helpers shared by the caches and the backends.
//
// Caches key their maps by a "binary string": one UTF-16 code unit per byte (latin1). Map lookups on
// strings are fast, and JavaScript's default string ordering (by code unit) is then exactly unsigned
// byte order, so sorting dirty keys needs no custom comparator.

import { StoreError } from './errors.js';

/**
 * Longest key accepted. LMDB (as built by lmdb-js) limits keys to 1978 bytes with 4 KiB pages (4026
 * with the 8 KiB pages used here) and the change table prefixes 8 bytes of height; 1024 leaves
 * headroom either way. Enforced at set() so every backend behaves the same.
 */
export const MAX_KEY_BYTES = 1024;

/**
 * Node's own latin1 decoder, called on the array directly: Buffer.from(...).toString('latin1') first
 * builds a Buffer view and checks its arguments, which for short keys costs as much as the decoding
 * (and String.fromCharCode.apply about twice as much). The method is not documented, so it is only
 * used if it gives the expected answer here.
 */
const latin1Slice = (() => {
  const f = (Buffer.prototype as unknown as { latin1Slice?: (this: Uint8Array, start: number, end: number) => string }).latin1Slice;
  try {
    if (typeof f === 'function' && f.call(Uint8Array.of(0x61, 0xff, 0x00), 0, 3) === 'a\u00ff\u0000') return f;
  } catch {
    // Not usable: the documented path below.
  }
  return undefined;
})();

/** One UTF-16 code unit per byte of the first `length` bytes: the caches' map keys (see above). */
export function toBin(key: Uint8Array, length = key.length): string {
  if (latin1Slice !== undefined) return latin1Slice.call(key, 0, length);
  return Buffer.from(key.buffer, key.byteOffset, length).toString('latin1');
}

/**
 * Private copies of written keys and values, and of values read from LMDB. Typed arrays over 64 bytes
 * get their own off-heap backing store in V8, which costs several times the copy to create and to
 * collect; so those copies are views into shared 4 KiB slabs instead (one backing store per slab). A
 * view kept by a reader keeps at most its slab alive. Larger values get their own copy.
 */
const SLAB_BYTES = 4096;
const ON_HEAP_MAX = 64;
let slab = new Uint8Array(SLAB_BYTES);
let slabUsed = 0;

/** A private copy of `bytes` as a plain Uint8Array (see above), whatever subclass `bytes` is. */
export function privateCopy(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  if (n <= ON_HEAP_MAX || n > SLAB_BYTES / 4) return new Uint8Array(bytes);
  return slabCopy(bytes, n);
}

/**
 * A private copy of `view[start, end)`. `view` must be a plain Uint8Array (not a Buffer): slice()
 * creates its result with the receiver's constructor, and callers must get plain Uint8Arrays.
 */
export function privateCopyRange(view: Uint8Array, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n <= ON_HEAP_MAX || n > SLAB_BYTES / 4) return view.slice(start, end);
  return slabCopy(view.subarray(start, end), n);
}

function slabCopy(bytes: Uint8Array, n: number): Uint8Array {
  if (slabUsed + n > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    slabUsed = 0;
  }
  const copy = slab.subarray(slabUsed, slabUsed + n);
  copy.set(bytes);
  slabUsed += (n + 7) & ~7;
  return copy;
}

export function fromBin(bin: string): Uint8Array {
  return Buffer.from(bin, 'latin1');
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Unsigned byte-order comparison (-1, 0, 1). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Big-endian u64 of a safe integer, so heights sort numerically as bytes. */
export function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  writeU64be(out, 0, n);
  return out;
}

export function writeU64be(out: Uint8Array, offset: number, n: number): void {
  const hi = Math.floor(n / 0x1_0000_0000);
  const lo = n >>> 0;
  out[offset] = hi >>> 24;
  out[offset + 1] = (hi >>> 16) & 0xff;
  out[offset + 2] = (hi >>> 8) & 0xff;
  out[offset + 3] = hi & 0xff;
  out[offset + 4] = lo >>> 24;
  out[offset + 5] = (lo >>> 16) & 0xff;
  out[offset + 6] = (lo >>> 8) & 0xff;
  out[offset + 7] = lo & 0xff;
}

export function readU64be(b: Uint8Array, offset = 0): number {
  if (b.length < offset + 8) throw new StoreError('corrupt', 'truncated u64');
  const hi = ((b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3]) >>> 0;
  const lo = ((b[offset + 4] << 24) | (b[offset + 5] << 16) | (b[offset + 6] << 8) | b[offset + 7]) >>> 0;
  const n = hi * 0x1_0000_0000 + lo;
  if (!Number.isSafeInteger(n)) throw new StoreError('corrupt', 'u64 beyond safe integer range');
  return n;
}

/** Index of the first element of sorted `arr` that is >= x (binary strings compare in byte order). */
export function lowerBound(arr: readonly string[], x: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Merge two sorted, disjoint string arrays into a new sorted array. */
export function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

export function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array)) throw new StoreError('invalid_key', 'key must be a Uint8Array');
  if (key.length === 0) throw new StoreError('invalid_key', 'empty keys are not allowed');
  if (key.length > MAX_KEY_BYTES) throw new StoreError('invalid_key', `key of ${key.length} bytes exceeds MAX_KEY_BYTES (${MAX_KEY_BYTES})`);
}

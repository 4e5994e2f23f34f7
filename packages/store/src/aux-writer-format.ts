// The messages between AuxWriterThread and its worker, and the packed form of a batch of aux writes:
// per entry u32le(key length) ‖ key ‖ u32le(value length, or DELETE) ‖ value. One transferred buffer
// per batch: a structured clone of thousands of small arrays would cost more than the writes.
import type { RootDatabaseOptionsWithPath } from 'lmdb';
import type { PackedKeys } from './types.js';

const DELETE = 0xffff_ffff;

export interface AuxWriterInit {
  rootOptions: RootDatabaseOptionsWithPath;
}

export type AuxWriterRequest =
  | { t: 'write'; id: number; buf: ArrayBuffer; bytes: number }
  /** Keys back to back in `buf`, key i ending at ends[i], written as posting lists (groupPostings). */
  | { t: 'postings'; id: number; buf: ArrayBuffer; ends: Uint32Array; suffixBytes: number }
  | { t: 'close' };
export type AuxWriterReply = { t: 'done'; id: number } | { t: 'failed'; id: number; message: string };

/** The batch of `entries` in one fresh buffer (the caller's arrays are copied, never kept). */
export function encodeAuxBatch(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): { buf: ArrayBuffer; bytes: number; count: number } {
  let buf = new Uint8Array(64 * 1024);
  let view = new DataView(buf.buffer);
  let o = 0;
  let count = 0;
  for (const [k, v] of entries) {
    const need = 8 + k.length + (v === null ? 0 : v.length);
    if (o + need > buf.length) {
      const grown = new Uint8Array(Math.max(buf.length * 2, o + need));
      grown.set(buf.subarray(0, o));
      buf = grown;
      view = new DataView(buf.buffer);
    }
    view.setUint32(o, k.length, true);
    buf.set(k, o + 4);
    o += 4 + k.length;
    if (v === null) {
      view.setUint32(o, DELETE, true);
      o += 4;
    } else {
      view.setUint32(o, v.length, true);
      buf.set(v, o + 4);
      o += 4 + v.length;
    }
    count++;
  }
  return { buf: buf.buffer, bytes: o, count };
}

/** Calls `each` with views of every entry of an encoded batch (value null: a deletion). */
export function decodeAuxBatch(bytes: Uint8Array, each: (key: Uint8Array, value: Uint8Array | null) => void): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  while (o < bytes.length) {
    const kl = view.getUint32(o, true);
    const key = bytes.subarray(o + 4, o + 4 + kl);
    o += 4 + kl;
    const vl = view.getUint32(o, true);
    o += 4;
    if (vl === DELETE) {
      each(key, null);
    } else {
      each(key, bytes.subarray(o, o + vl));
      o += vl;
    }
  }
}

/** The keys of `batches` back to back in one fresh buffer, with their absolute ends. */
export function encodeKeyBatches(batches: readonly PackedKeys[]): { buf: ArrayBuffer; ends: Uint32Array } {
  let size = 0;
  let count = 0;
  for (const b of batches) {
    size += b.ends.length === 0 ? 0 : b.ends[b.ends.length - 1]!;
    count += b.ends.length;
  }
  const buf = new Uint8Array(size);
  const ends = new Uint32Array(count);
  let o = 0;
  let i = 0;
  for (const { bytes, ends: e } of batches) {
    if (e.length === 0) continue;
    buf.set(bytes.subarray(0, e[e.length - 1]), o);
    for (const end of e) ends[i++] = o + end;
    o += e[e.length - 1]!;
  }
  return { buf: buf.buffer, ends };
}

/**
 * The posting lists of packed keys (AuxStore.writeDeferredPostings): calls `each` once per distinct
 * key prefix (all but the last `suffixBytes` bytes) with that prefix and the suffixes of its keys back
 * to back, in the order the prefixes first appear.
 */
export function groupPostings(
  bytes: Uint8Array,
  ends: ArrayLike<number>,
  suffixBytes: number,
  each: (key: Uint8Array, value: Uint8Array) => void,
): void {
  const groups = new Map<string, { key: Uint8Array; suffixes: number[] }>();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    const cut = end - suffixBytes;
    const id = text.toString('latin1', start, cut);
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { key: bytes.subarray(start, cut), suffixes: [] }));
    g.suffixes.push(cut);
    start = end;
  }
  for (const { key, suffixes } of groups.values()) {
    const value = new Uint8Array(suffixes.length * suffixBytes);
    for (let j = 0; j < suffixes.length; j++) value.set(bytes.subarray(suffixes[j]!, suffixes[j]! + suffixBytes), j * suffixBytes);
    each(key, value);
  }
}

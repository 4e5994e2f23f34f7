// Byte layout of the LMDB tables (see lmdb-backend.ts for the tables themselves).
//
// History is kept as reverse deltas keyed by height, not as versions keyed by key: a block's history
// records are appended at the end of a height-ordered table, so they dirty a handful of pages however
// large the state is, while versions keyed by key would land on a random page per write. A random
// page per write in a large B-tree is exactly the cost that grows with state size (and LMDB's commit
// bookkeeping is superlinear in dirty pages), so only the latest table pays it.

import { readU64be, writeU64be } from './bytes.js';
import { StoreError } from './errors.js';

/**
 * Latest table value: u64be(height the value was written) ‖ value, written into `out` (exactly
 * 8 + value.length bytes: writeBlock carves a block's encodings out of one buffer).
 */
export function encodeLatestInto(out: Uint8Array, height: number, value: Uint8Array): Uint8Array {
  writeU64be(out, 0, height);
  out.set(value, 8);
  return out;
}

export function latestHeightOf(stored: Uint8Array): number {
  return readU64be(stored, 0);
}

export function latestValueOf(stored: Uint8Array): Uint8Array {
  if (stored.length < 8) throw new StoreError('corrupt', 'latest entry too short');
  return stored.subarray(8);
}

/** Deleted-keys table value: u64be(height of the deletion), into `out` (exactly 8 bytes). */
export function encodeDeletedInto(out: Uint8Array, height: number): Uint8Array {
  writeU64be(out, 0, height);
  return out;
}

/** Change table key: u64be(height) ‖ key. Heights first, so each block appends. */
export function changeKey(height: number, key: Uint8Array): Uint8Array {
  return changeKeyInto(new Uint8Array(8 + key.length), height, key);
}

/** changeKey into `out`, which must be exactly 8 + key.length bytes. */
export function changeKeyInto(out: Uint8Array, height: number, key: Uint8Array): Uint8Array {
  writeU64be(out, 0, height);
  out.set(key, 8);
  return out;
}

export function changeKeyParts(ck: Uint8Array): { height: number; key: Uint8Array } {
  return { height: readU64be(ck, 0), key: ck.subarray(8) };
}

/**
 * Change table value: what the key held just before the change.
 *   u64be(prevHeight) ‖ 0x01 ‖ value   the key held `value`, written at prevHeight
 *   u64be(prevHeight) ‖ 0x00           the key was absent, deleted at prevHeight (0 = never existed)
 * prevHeight links each change to the previous one of the same key: reading height H walks this
 * chain back from the latest entry until a link at or below H.
 *
 * This one: from the key's stored latest entry, into `out` (exactly storedLatest.length + 1 bytes).
 */
export function encodeChangeFromLatestInto(out: Uint8Array, storedLatest: Uint8Array): Uint8Array {
  out.set(storedLatest.subarray(0, 8), 0);
  out[8] = 1;
  out.set(storedLatest.subarray(8), 9);
  return out;
}

/** From an absent key (deleted at `deletedAt`, 0 = never existed), into `out` (exactly 9 bytes, zero-filled). */
export function encodeChangeFromAbsentInto(out: Uint8Array, deletedAt: number): Uint8Array {
  writeU64be(out, 0, deletedAt);
  out[8] = 0;
  return out;
}

export interface PriorState {
  /** Height of the previous change of this key (0 = none). */
  prevHeight: number;
  /** The value before the change, or undefined if the key was absent. */
  value: Uint8Array | undefined;
}

export function decodeChange(stored: Uint8Array): PriorState {
  if (stored.length < 9) throw new StoreError('corrupt', 'change entry too short');
  const prevHeight = readU64be(stored, 0);
  if (stored[8] === 0) {
    if (stored.length !== 9) throw new StoreError('corrupt', 'malformed change entry');
    return { prevHeight, value: undefined };
  }
  if (stored[8] !== 1) throw new StoreError('corrupt', 'unknown change entry tag');
  return { prevHeight, value: stored.subarray(9) };
}

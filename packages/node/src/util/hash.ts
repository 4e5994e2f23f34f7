// SHA-256, the memoised hash of a tx, and CometBFT's RFC 6962 Merkle root
// (crypto/merkle.HashFromByteSlices).
// Dependency-free (node:crypto only): the LCD front thread imports it too.
import { createHash, hash } from 'node:crypto';

function oneShot(data: Uint8Array): Uint8Array {
  const b = hash('sha256', data, 'buffer');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Parts up to this many bytes in total are joined and hashed in one native call (createHash costs more). */
const JOIN_MAX = 4096;
/**
 * Where parts are joined, reused: a fresh array over 64 bytes (every Merkle inner node is 65) lives off
 * V8's heap, and allocating and sweeping one per hash showed in profiles. Only public data is hashed here.
 */
const joinScratch = new Uint8Array(JOIN_MAX);

export function sha256(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return oneShot(parts[0]!);
  let n = 0;
  for (const p of parts) n += p.length;
  if (n <= JOIN_MAX) {
    let o = 0;
    for (const p of parts) {
      joinScratch.set(p, o);
      o += p.length;
    }
    return oneShot(joinScratch.subarray(0, n));
  }
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/**
 * sha256 of a tx, computed once per tx object: the mempool, the block's data hash, the driver and the
 * tx index all need it for the same bytes (the object travels from the mempool into the block).
 */
const txHashes = new WeakMap<Uint8Array, Uint8Array>();
export function txHash(tx: Uint8Array): Uint8Array {
  let h = txHashes.get(tx);
  if (h === undefined) txHashes.set(tx, (h = oneShot(tx)));
  return h;
}

/**
 * Records the hash of `tx` computed elsewhere in this process (the LCD front thread hashes each
 * broadcast for its reply), so txHash(tx) does not hash it again.
 */
export function rememberTxHash(tx: Uint8Array, hash: Uint8Array): void {
  if (hash.length === 32 && !txHashes.has(tx)) txHashes.set(tx, hash);
}

const LEAF = Uint8Array.of(0);
const INNER = Uint8Array.of(1);

/** Largest power of two strictly less than n (n >= 2): RFC 6962's split point. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * RFC 6962 Merkle tree hash: leaves are sha256(0x00 ‖ item), inner nodes sha256(0x01 ‖ l ‖ r),
 * the empty tree hashes to sha256(""). Iterative over levels would change the shape for
 * non-powers of two, so this follows the recursive definition.
 */
export function merkleRoot(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return sha256();
  return subtree(items, 0, items.length);
}

function subtree(items: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 1) return sha256(LEAF, items[from]!);
  const k = splitPoint(n);
  return sha256(INNER, subtree(items, from, from + k), subtree(items, from + k, to));
}

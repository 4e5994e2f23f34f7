// SHA-256 and CometBFT's RFC 6962 Merkle root (crypto/merkle.HashFromByteSlices).
import { createHash } from 'node:crypto';

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
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

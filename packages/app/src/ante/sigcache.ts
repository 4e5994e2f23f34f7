// A bounded cache of signatures already verified. Verification is a pure function of (digest,
// signature, public key), so remembering positive results cannot change any outcome; it saves the
// second verification when FinalizeBlock executes a tx that CheckTx already checked.
import { OldestFirst, secp256k1Verify } from '@scrtd/crypto';
import { latin1 } from '../binary.js';

export class VerifiedSignatureCache {
  private readonly seen = new Map<string, true>();
  private readonly oldest = new OldestFirst(this.seen);
  hits = 0;
  misses = 0;
  /** Told of every signature this cache verified itself (a CheckTx thread passes them on). */
  onVerified: ((digest: Uint8Array, signature: Uint8Array, pubkey: Uint8Array) => void) | undefined;

  constructor(readonly maxEntries = 200_000) {}

  verify(digest: Uint8Array, signature: Uint8Array, pubkey: Uint8Array): boolean {
    const key = cacheKey(digest, signature, pubkey);
    if (this.seen.has(key)) {
      this.hits++;
      return true;
    }
    this.misses++;
    if (!secp256k1Verify(digest, signature, pubkey)) return false;
    if (this.seen.size >= this.maxEntries) this.oldest.evict();
    this.oldest.set(key, true);
    this.onVerified?.(digest, signature, pubkey);
    return true;
  }

  /** Whether this signature is known to be valid (no verification, no hit counted). */
  has(digest: Uint8Array, signature: Uint8Array, pubkey: Uint8Array): boolean {
    return this.seen.has(cacheKey(digest, signature, pubkey));
  }

  /** Record a signature verified elsewhere (the worker pool). */
  remember(digest: Uint8Array, signature: Uint8Array, pubkey: Uint8Array): void {
    const key = cacheKey(digest, signature, pubkey);
    if (this.seen.has(key)) return;
    if (this.seen.size >= this.maxEntries) this.oldest.evict();
    this.oldest.set(key, true);
  }

  get size(): number {
    return this.seen.size;
  }
}

const scratch = Buffer.alloc(32 + 64 + 33);

/** digest ‖ signature ‖ pubkey as one latin1 string (one conversion instead of three and a concat). */
function cacheKey(digest: Uint8Array, signature: Uint8Array, pubkey: Uint8Array): string {
  const n = digest.length + signature.length + pubkey.length;
  if (n > scratch.length || digest.length !== 32 || signature.length !== 64) {
    return latin1(digest) + latin1(signature) + latin1(pubkey);
  }
  scratch.set(digest, 0);
  scratch.set(signature, 32);
  scratch.set(pubkey, 96);
  return latin1(scratch, n);
}


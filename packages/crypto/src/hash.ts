// Hash functions. node:crypto (OpenSSL) is used wherever it measured faster than
// @noble/hashes (docs/crypto-choices.md); keccak256 has no OpenSSL equivalent
// (Node's sha3-256 uses different padding), so it comes from @noble/hashes.
import { createHash, createHmac, hash as oneShotHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { fromBuffer, toUtf8 } from './encoding.js';

export function sha256(data: Uint8Array): Uint8Array {
  return fromBuffer(oneShotHash('sha256', data, 'buffer'));
}

export function sha512(data: Uint8Array): Uint8Array {
  return fromBuffer(oneShotHash('sha512', data, 'buffer'));
}

export function ripemd160(data: Uint8Array): Uint8Array {
  return fromBuffer(oneShotHash('ripemd160', data, 'buffer'));
}

/** SHA-256 over several parts without concatenating them first. */
export function sha256Parts(...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return fromBuffer(h.digest());
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return fromBuffer(createHmac('sha256', key).update(data).digest());
}

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

const HASH_LEN = 32;

/**
 * RFC 5869 HKDF-SHA256. Built from two-plus HMAC calls because that measured
 * about twice as fast as crypto.hkdfSync for the 32-byte outputs the protocol uses.
 */
export function hkdfSha256(
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array | string = new Uint8Array(0),
  length = 32,
): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 255 * HASH_LEN) {
    throw new RangeError(`hkdf: invalid output length ${length}`);
  }
  const infoBytes = typeof info === 'string' ? toUtf8(info) : info;
  // RFC 5869 §2.2: an absent salt is a block of zeros (HMAC pads it the same way).
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const out = new Uint8Array(length);
  let prev: Uint8Array = new Uint8Array(0);
  const counter = new Uint8Array(1);
  for (let off = 0, i = 1; off < length; off += HASH_LEN, i++) {
    counter[0] = i;
    prev = createHmac('sha256', prk).update(prev).update(infoBytes).update(counter).digest();
    out.set(prev.subarray(0, Math.min(HASH_LEN, length - off)), off);
  }
  return out;
}

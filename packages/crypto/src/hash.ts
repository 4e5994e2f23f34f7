// Hash functions. node:crypto (OpenSSL) is used wherever it measured faster than
// @noble/hashes (docs/crypto-choices.md); keccak256 has no OpenSSL equivalent
// (Node's sha3-256 uses different padding), so it comes from @noble/hashes.
import { createHash, createHmac, hash as oneShotHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { equalBytes, fromBuffer, toUtf8 } from './encoding.js';
import { WASM_SHA_MAX_INPUT, wasmHkdf32, wasmHmac, wasmHmacPads, wasmSha256 } from './sha256-wasm.js';

/**
 * Inputs up to this many bytes (two compressions) are hashed in wasm: ≈ 0.5–0.9 µs against ≈ 1.1 µs
 * for a node:crypto call, whose cost barely depends on the length (SHA-NI). Longer ones go to OpenSSL.
 */
const WASM_SHA_BYTES = 119;
/** HMAC data up to this many bytes goes to wasm (the crossover with two one-shot hashes is ≈ 300 B). */
const WASM_HMAC_BYTES = 256;

export function sha256(data: Uint8Array): Uint8Array {
  if (data instanceof Uint8Array && data.length <= WASM_SHA_BYTES) return wasmSha256(data);
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

const HASH_LEN = 32;
const NO_INFO = new Uint8Array(0);
const HMAC_BLOCK = 64;
/** Above this many data bytes HMAC streams through createHmac instead of copying into one buffer. */
const HMAC_ONE_SHOT_MAX = 4096;

/**
 * Inputs of hmacOneShot's two hashes, reused: a fresh array over 64 bytes lives off V8's heap, and the
 * malloc, zero fill and later sweep of two of them per HMAC showed in profiles of the node. Zeroed
 * after each use, since they hold key-derived bytes.
 */
const hmacInner = new Uint8Array(HMAC_BLOCK + HMAC_ONE_SHOT_MAX);
const hmacOuter = new Uint8Array(HMAC_BLOCK + HASH_LEN);

/**
 * HMAC-SHA256 as two one-shot hashes over (K ⊕ ipad ‖ data) and (K ⊕ opad ‖ inner): one native call
 * each, where createHmac costs an OpenSSL MAC fetch and init plus update and digest calls.
 */
function hmacOneShot(key: Uint8Array, data: Uint8Array): Uint8Array {
  const k = key.length > HMAC_BLOCK ? oneShotHash('sha256', key, 'buffer') : key;
  const innerLength = HMAC_BLOCK + data.length;
  const inner = hmacInner.subarray(0, innerLength);
  const outer = hmacOuter;
  try {
    inner.fill(0x36, 0, HMAC_BLOCK);
    for (let i = 0; i < k.length; i++) inner[i] = k[i]! ^ 0x36;
    inner.set(data, HMAC_BLOCK);
    outer.fill(0x5c, 0, HMAC_BLOCK);
    for (let i = 0; i < k.length; i++) outer[i] = k[i]! ^ 0x5c;
    outer.set(oneShotHash('sha256', inner, 'buffer'), HMAC_BLOCK);
    return fromBuffer(oneShotHash('sha256', outer, 'buffer'));
  } finally {
    inner.fill(0);
    outer.fill(0);
  }
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key instanceof Uint8Array && data instanceof Uint8Array && key.length <= HMAC_BLOCK && data.length <= WASM_HMAC_BYTES) {
    return wasmHmac(wasmHmacPads(key), data);
  }
  // Anything but byte arrays keeps node's own argument handling (and errors).
  if (key instanceof Uint8Array && data instanceof Uint8Array && data.length <= HMAC_ONE_SHOT_MAX) return hmacOneShot(key, data);
  return fromBuffer(createHmac('sha256', key).update(data).digest());
}

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** RFC 5869 HKDF-Extract: PRK = HMAC-SHA256(salt, IKM) (an absent salt is a block of zeros, as HMAC pads it). */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return hmacSha256(salt, ikm);
}

/** RFC 5869 HKDF-Expand of a PRK: T(1) ‖ T(2) ‖ … with T(i) = HMAC(PRK, T(i-1) ‖ info ‖ i). */
/** HKDF's info as bytes (strings are UTF-8). */
function infoBytesOf(info: Uint8Array | string): Uint8Array {
  return typeof info === 'string' ? (info === '' ? NO_INFO : toUtf8(info)) : info;
}

export function hkdfExpand(prk: Uint8Array, info: Uint8Array | string = NO_INFO, length = 32): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 255 * HASH_LEN) {
    throw new RangeError(`hkdf: invalid output length ${length}`);
  }
  const infoBytes = infoBytesOf(info);
  const out = new Uint8Array(length);
  let prev: Uint8Array = NO_INFO;
  for (let off = 0, i = 1; off < length; off += HASH_LEN, i++) {
    const m = new Uint8Array(prev.length + infoBytes.length + 1);
    m.set(prev);
    m.set(infoBytes, prev.length);
    m[m.length - 1] = i;
    prev = hmacSha256(prk, m);
    out.set(prev.subarray(0, Math.min(HASH_LEN, length - off)), off);
  }
  return out;
}

/**
 * RFC 5869 HKDF-SHA256. Built from HMAC calls (one-shot hashes) because that measured about twice
 * as fast as crypto.hkdfSync for the 32-byte outputs the protocol uses.
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array | string = NO_INFO, length = 32): Uint8Array {
  if (length === HASH_LEN && ikm instanceof Uint8Array && salt instanceof Uint8Array && salt.length <= HMAC_BLOCK && ikm.length <= WASM_SHA_MAX_INPUT) {
    const infoBytes = infoBytesOf(info);
    if (infoBytes instanceof Uint8Array && infoBytes.length <= WASM_SHA_MAX_INPUT) return wasmHkdf32(saltPads(salt), ikm, infoBytes);
  }
  return hkdfExpand(hkdfExtract(salt, ikm), info, length);
}

/**
 * HMAC starting states of recent HKDF salts (public constants: the protocol uses one), so an HKDF
 * skips the two compressions of the salt's pads.
 */
const SALT_PADS = 4;
const saltKeys: Uint8Array[] = [];
const saltValues: Uint8Array[] = [];

function saltPads(salt: Uint8Array): Uint8Array {
  for (let i = 0; i < saltKeys.length; i++) if (equalBytes(saltKeys[i]!, salt)) return saltValues[i]!;
  const pads = wasmHmacPads(salt);
  if (saltKeys.length >= SALT_PADS) {
    saltKeys.shift();
    saltValues.shift();
  }
  saltKeys.push(new Uint8Array(salt));
  saltValues.push(pads);
  return pads;
}

/**
 * An HMAC-SHA256 key with its inner and outer starting states computed once, for a key that MACs
 * many messages (the block random's PRK in every contract call of a block). Same results as
 * hmacSha256(key, data).
 */
export class HmacSha256Key {
  readonly #key: Uint8Array;
  readonly #pads: Uint8Array | undefined;

  constructor(key: Uint8Array) {
    this.#key = new Uint8Array(key);
    this.#pads = key.length <= HMAC_BLOCK ? wasmHmacPads(key) : undefined;
  }

  mac(data: Uint8Array): Uint8Array {
    if (this.#pads !== undefined && data instanceof Uint8Array && data.length <= WASM_HMAC_BYTES) return wasmHmac(this.#pads, data);
    return hmacSha256(this.#key, data);
  }
}

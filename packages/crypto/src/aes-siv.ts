// RFC 5297 AES-SIV (CMAC-based S2V + CTR). A 32-byte key is AES-128-SIV (what
// Secret Network uses: Rust aes-siv Aes128Siv, miscreant "AES-SIV"); 64 bytes
// gives AES-256-SIV. Output is the 16-byte synthetic IV ‖ ciphertext.
//
// The associated data is a *vector*: [] (no components) and [empty] (one empty
// component) authenticate differently. Secret uses [empty] for tx/query/output
// encryption and [] only for contract state keys.
//
// Two implementations behind one class (AesSivKey): short messages of 32-byte keys in WebAssembly
// (aes-siv-wasm.ts), long ones and 64-byte keys on OpenSSL contexts (NativeSivKey).
import { createCipheriv, timingSafeEqual, type Cipher } from 'node:crypto';
import { AesCmac, aesName, dbl } from './cmac.js';
import { wasmEmptyMac, wasmMac, wasmOpen, wasmPrepare, wasmSeal } from './aes-siv-wasm.js';
import { fromBuffer, toHex } from './encoding.js';

export class AesSivError extends Error {
  override readonly name = 'AesSivError';
}

const BLOCK = 16;
const EMPTY = new Uint8Array(0);
/** Above this many bytes CTR runs in a fresh native AES-CTR context (measured crossover ~600 B). */
const LONG_MESSAGE = 512;
/**
 * Messages (and AD components) up to this many bytes take the wasm path; longer ones OpenSSL. Measured
 * with a prepared key (bench/crypto.ts, AD [b""], ops/s wasm against OpenSSL contexts): 30 B 625k
 * against 427k, 230 B 195k against 135k, 512 B 113k against 120k, 1 KiB: OpenSSL ahead. A new key
 * with a 230 B message (a tx key): 144k against 52k.
 */
const WASM_LIMIT = 512;

function checkAd(ad: readonly Uint8Array[]): void {
  if (!Array.isArray(ad)) throw new AesSivError('associated data must be an array of byte strings');
  // S2V takes at most 127 strings: up to 126 AD components plus the plaintext.
  if (ad.length > 126) throw new AesSivError('too many associated data components');
}

/**
 * data XOR the SIV CTR keystream: AES (through a reusable ECB context `ecb`) of
 * counter blocks starting at V with bits 31 and 63 (from the right) cleared,
 * incremented as one 128-bit big-endian integer. Exported for tests only.
 */
export function sivCtrXor(ecb: Cipher, v: Uint8Array, data: Uint8Array): Uint8Array {
  const n = Math.ceil(data.length / BLOCK);
  if (n === 0) return new Uint8Array(0);
  const counters = new Uint8Array(n * BLOCK);
  writeCounters(counters, v, n);
  const stream = ecb.update(counters);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ stream[i]!;
  return out;
}

/** The `n` CTR counter blocks of V (bits 31 and 63 cleared). */
function writeCounters(counters: Uint8Array, v: Uint8Array, n: number): void {
  // Byte loops, not set/copyWithin: a builtin call per 16-byte block costs more than the copy.
  for (let i = 0; i < BLOCK; i++) counters[i] = v[i]!;
  counters[8]! &= 0x7f;
  counters[12]! &= 0x7f;
  for (let b = 1; b < n; b++) {
    const o = b * BLOCK;
    for (let i = 0; i < BLOCK; i++) counters[o + i] = counters[o - BLOCK + i]!;
    for (let i = o + BLOCK - 1; i >= o; i--) {
      counters[i] = (counters[i]! + 1) & 0xff;
      if (counters[i] !== 0) break;
    }
  }
}

/** One message for AesSivKey.encryptMany: AD components given by their `adMac` values. */
export interface SivMessage {
  plaintext: Uint8Array;
  adMacs: readonly Uint8Array[];
}

/**
 * AES-SIV on OpenSSL contexts (AES-NI), with the key-only S2V values prepared once: the path for
 * long messages, where the per-call overhead no longer matters, and for 64-byte keys. Exported for
 * tests (the wasm path is checked against it); not part of the package API.
 */
export class NativeSivKey {
  readonly #cmac: AesCmac;
  readonly #ctrKey: Uint8Array;
  readonly #ctrEcb: Cipher;
  readonly #d0: Uint8Array; // CMAC(0^128), the S2V starting value
  #emptyMac: Uint8Array | undefined; // CMAC(""), for the common AD [b""]

  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array) || (key.length !== 32 && key.length !== 64)) {
      throw new AesSivError(`AES-SIV key must be 32 or 64 bytes, got ${(key as Uint8Array | undefined)?.length}`);
    }
    const half = key.length / 2;
    this.#cmac = new AesCmac(key.subarray(0, half));
    const ctrKey = key.slice(half);
    this.#ctrKey = ctrKey;
    // Short messages: CTR as ECB over counter blocks, so one reusable context serves them all.
    this.#ctrEcb = createCipheriv(aesName(ctrKey, 'ecb'), ctrKey, null).setAutoPadding(false);
    this.#d0 = this.#cmac.mac(new Uint8Array(BLOCK));
  }

  #componentMac(component: Uint8Array): Uint8Array {
    return component.length === 0 ? (this.#emptyMac ??= this.#cmac.mac(EMPTY)) : this.#cmac.mac(component);
  }

  /**
   * The S2V value of one AD component under this key. A caller that authenticates the same public
   * component with many messages computes it once and passes it to encryptWithAdMacs /
   * decryptWithAdMacs: one native AES call less per message and component.
   */
  adMac(component: Uint8Array): Uint8Array {
    if (!(component instanceof Uint8Array)) throw new AesSivError('associated data must be an array of byte strings');
    return new Uint8Array(this.#componentMac(component));
  }

  /** S2V over the AD components followed by the plaintext (so always n ≥ 1). */
  #s2v(ad: readonly Uint8Array[], plaintext: Uint8Array): Uint8Array {
    const d = new Uint8Array(this.#d0); // copy (Uint8Array.from would go through the iterator: ~3× slower)
    for (const component of ad) {
      const m = this.#componentMac(component);
      dbl(d);
      for (let i = 0; i < BLOCK; i++) d[i]! ^= m[i]!;
    }
    return this.#s2vFinal(d, plaintext);
  }

  #s2vWithMacs(adMacs: readonly Uint8Array[], plaintext: Uint8Array): Uint8Array {
    checkAdMacs(adMacs);
    const d = new Uint8Array(this.#d0); // copy (Uint8Array.from would go through the iterator: ~3× slower)
    for (const m of adMacs) {
      dbl(d);
      for (let i = 0; i < BLOCK; i++) d[i]! ^= m[i]!;
    }
    return this.#s2vFinal(d, plaintext);
  }

  /** The last S2V step, on D after the AD components (consumed). */
  #s2vFinal(d: Uint8Array, plaintext: Uint8Array): Uint8Array {
    if (plaintext.length >= BLOCK) return this.#cmac.macXorEnd(plaintext, d);
    // Short final string: T = dbl(D) xor pad(Sn), pad = Sn ‖ 0x80 ‖ 0*.
    dbl(d);
    const t = new Uint8Array(BLOCK);
    t.set(plaintext);
    t[plaintext.length] = 0x80;
    for (let i = 0; i < BLOCK; i++) t[i]! ^= d[i]!;
    return this.#cmac.mac(t);
  }

  #ctr(v: Uint8Array, data: Uint8Array): Uint8Array {
    if (data.length <= LONG_MESSAGE) return sivCtrXor(this.#ctrEcb, v, data);
    // Long messages: a one-off native CTR context beats building counters and XOR-ing in JS.
    const q = new Uint8Array(v);
    q[8]! &= 0x7f;
    q[12]! &= 0x7f;
    return fromBuffer(createCipheriv(aesName(this.#ctrKey, 'ctr'), this.#ctrKey, q).update(data));
  }

  encrypt(plaintext: Uint8Array, ad: readonly Uint8Array[]): Uint8Array {
    checkAd(ad);
    const v = this.#s2v(ad, plaintext);
    const out = new Uint8Array(BLOCK + plaintext.length);
    out.set(v);
    out.set(this.#ctr(v, plaintext), BLOCK);
    return out;
  }

  /** Opens tag ‖ ciphertext; throws AesSivError('ciphertext verification failed') on any mismatch. */
  decrypt(sealed: Uint8Array, ad: readonly Uint8Array[]): Uint8Array {
    checkAd(ad);
    if (!(sealed instanceof Uint8Array) || sealed.length < BLOCK) throw new AesSivError('ciphertext verification failed');
    const v = sealed.subarray(0, BLOCK);
    const plaintext = this.#ctr(v, sealed.subarray(BLOCK));
    if (!timingSafeEqual(this.#s2v(ad, plaintext), v)) throw new AesSivError('ciphertext verification failed');
    return plaintext;
  }

  /** decrypt() with the AD components given by their `adMac` values. */
  decryptWithAdMacs(sealed: Uint8Array, adMacs: readonly Uint8Array[]): Uint8Array {
    if (!(sealed instanceof Uint8Array) || sealed.length < BLOCK) throw new AesSivError('ciphertext verification failed');
    const v = sealed.subarray(0, BLOCK);
    const plaintext = this.#ctr(v, sealed.subarray(BLOCK));
    if (!timingSafeEqual(this.#s2vWithMacs(adMacs, plaintext), v)) throw new AesSivError('ciphertext verification failed');
    return plaintext;
  }

  /** encrypt() with the AD components given by their `adMac` values. */
  encryptWithAdMacs(plaintext: Uint8Array, adMacs: readonly Uint8Array[]): Uint8Array {
    const v = this.#s2vWithMacs(adMacs, plaintext);
    const out = new Uint8Array(BLOCK + plaintext.length);
    out.set(v);
    out.set(this.#ctr(v, plaintext), BLOCK);
    return out;
  }
}

/**
 * An AES-SIV key, prepared once: worth holding on to when one key seals several messages (a tx key
 * and all of that call's outputs; a contract's state keys and values). A 32-byte key (AES-128-SIV,
 * Secret's) runs short messages in WebAssembly (assembly/aes-siv.ts: constant-time AES, no call
 * overhead, a key schedule for ≈ 0.2 µs where an OpenSSL context costs ≈ 2 µs) and long ones on
 * OpenSSL contexts made on first need; a 64-byte key always uses OpenSSL.
 */
export class AesSivKey {
  /** The wasm module's prepared key (32-byte keys only). */
  readonly #prepared: Uint8Array | undefined;
  /** The key, kept for the OpenSSL path until that path is first needed. */
  #key: Uint8Array | undefined;
  #native: NativeSivKey | undefined;

  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array) || (key.length !== 32 && key.length !== 64)) {
      throw new AesSivError(`AES-SIV key must be 32 or 64 bytes, got ${(key as Uint8Array | undefined)?.length}`);
    }
    if (key.length === 32) {
      this.#prepared = wasmPrepare(key);
      this.#key = new Uint8Array(key);
    } else {
      this.#native = new NativeSivKey(key);
    }
  }

  #nativeKey(): NativeSivKey {
    if (this.#native === undefined) {
      this.#native = new NativeSivKey(this.#key!);
      this.#key!.fill(0);
      this.#key = undefined;
    }
    return this.#native;
  }

  /** The prepared key when `length` bytes (and AD components up to it) go to the wasm path. */
  #short(length: number): Uint8Array | undefined {
    return length <= WASM_LIMIT ? this.#prepared : undefined;
  }

  #componentMac(prepared: Uint8Array, component: Uint8Array): Uint8Array {
    return component.length === 0 ? wasmEmptyMac(prepared) : wasmMac(prepared, component);
  }

  /** The AD MACs of `ad` on the wasm path, or undefined when a component is too long for it. */
  #adMacs(prepared: Uint8Array, ad: readonly Uint8Array[]): Uint8Array[] | undefined {
    const macs: Uint8Array[] = new Array(ad.length);
    for (let i = 0; i < ad.length; i++) {
      const c = ad[i]!;
      if (!(c instanceof Uint8Array)) throw new AesSivError('associated data must be an array of byte strings');
      if (c.length > WASM_LIMIT) return undefined;
      macs[i] = this.#componentMac(prepared, c);
    }
    return macs;
  }

  /**
   * The S2V value of one AD component under this key. A caller that authenticates the same public
   * component with many messages (a state key, a block's salt) computes it once and passes it to
   * encryptMany / decryptWithAdMacs.
   */
  adMac(component: Uint8Array): Uint8Array {
    if (!(component instanceof Uint8Array)) throw new AesSivError('associated data must be an array of byte strings');
    const prepared = this.#short(component.length);
    return prepared ? new Uint8Array(this.#componentMac(prepared, component)) : this.#nativeKey().adMac(component);
  }

  encrypt(plaintext: Uint8Array, ad: readonly Uint8Array[]): Uint8Array {
    checkAd(ad);
    const prepared = this.#short(plaintext.length);
    const macs = prepared && this.#adMacs(prepared, ad);
    return macs ? wasmSeal(prepared, macs, plaintext) : this.#nativeKey().encrypt(plaintext, ad);
  }

  /** Opens tag ‖ ciphertext; throws AesSivError('ciphertext verification failed') on any mismatch. */
  decrypt(sealed: Uint8Array, ad: readonly Uint8Array[]): Uint8Array {
    checkAd(ad);
    if (!(sealed instanceof Uint8Array) || sealed.length < BLOCK) throw new AesSivError('ciphertext verification failed');
    const prepared = this.#short(sealed.length - BLOCK);
    const macs = prepared && this.#adMacs(prepared, ad);
    if (!macs) return this.#nativeKey().decrypt(sealed, ad);
    const plain = wasmOpen(prepared, macs, sealed);
    if (plain === null) throw new AesSivError('ciphertext verification failed');
    return plain;
  }

  /** decrypt() with the AD components given by their `adMac` values. */
  decryptWithAdMacs(sealed: Uint8Array, adMacs: readonly Uint8Array[]): Uint8Array {
    if (!(sealed instanceof Uint8Array) || sealed.length < BLOCK) throw new AesSivError('ciphertext verification failed');
    const prepared = this.#short(sealed.length - BLOCK);
    if (!prepared) return this.#nativeKey().decryptWithAdMacs(sealed, adMacs);
    checkAdMacs(adMacs);
    const plain = wasmOpen(prepared, adMacs, sealed);
    if (plain === null) throw new AesSivError('ciphertext verification failed');
    return plain;
  }

  /** encrypt() of several messages, each with its AD components given by their `adMac` values. */
  encryptMany(messages: readonly SivMessage[]): Uint8Array[] {
    const out: Uint8Array[] = new Array(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i]!;
      checkAdMacs(m.adMacs);
      const prepared = this.#short(m.plaintext.length);
      out[i] = prepared ? wasmSeal(prepared, m.adMacs, m.plaintext) : this.#nativeKey().encryptWithAdMacs(m.plaintext, m.adMacs);
    }
    return out;
  }
}

function checkAdMacs(adMacs: readonly Uint8Array[]): void {
  if (!Array.isArray(adMacs)) throw new AesSivError('associated data must be an array of byte strings');
  if (adMacs.length > 126) throw new AesSivError('too many associated data components');
  for (const m of adMacs) if (!(m instanceof Uint8Array) || m.length !== BLOCK) throw new AesSivError('an AD MAC must be 16 bytes');
}

// Recently used keys stay prepared (key schedules, and OpenSSL contexts once needed): a tx key seals
// the input and every output of a call, a contract's state keys serve all its reads/writes.
const CACHE_SIZE = 64;
const cache = new Map<string, AesSivKey>();

function prepared(key: Uint8Array): AesSivKey {
  if (!(key instanceof Uint8Array) || (key.length !== 32 && key.length !== 64)) return new AesSivKey(key); // throws
  const id = toHex(key);
  let k = cache.get(id);
  if (k) {
    cache.delete(id); // refresh LRU position
  } else {
    k = new AesSivKey(key);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(id, k);
  return k;
}

export function aesSivEncrypt(key: Uint8Array, plaintext: Uint8Array, ad: readonly Uint8Array[]): Uint8Array {
  return prepared(key).encrypt(plaintext, ad);
}

/** Opens tag ‖ ciphertext; throws AesSivError('ciphertext verification failed') on any mismatch. */
export function aesSivDecrypt(key: Uint8Array, sealed: Uint8Array, ad: readonly Uint8Array[]): Uint8Array {
  return prepared(key).decrypt(sealed, ad);
}

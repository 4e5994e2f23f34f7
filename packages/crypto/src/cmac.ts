// AES-CMAC (RFC 4493 / NIST SP 800-38B) on node:crypto's AES. A CMAC is a
// zero-IV CBC-MAC whose last block is masked with subkey K1 or K2, so the block
// work is one native AES-CBC call per message.
import { createCipheriv, type Cipher } from 'node:crypto';

const BLOCK = 16;

/** GF(2^128) doubling (RFC 5297 "dbl"), in place. */
export function dbl(block: Uint8Array): Uint8Array {
  const carry = block[0]! >>> 7;
  for (let i = 0; i < BLOCK - 1; i++) block[i] = ((block[i]! << 1) | (block[i + 1]! >>> 7)) & 0xff;
  block[BLOCK - 1] = ((block[BLOCK - 1]! << 1) & 0xff) ^ (carry * 0x87);
  return block;
}

export function aesName(key: Uint8Array, mode: 'cbc' | 'ecb' | 'ctr'): string {
  if (key.length === 16) return `aes-128-${mode}`;
  if (key.length === 24) return `aes-192-${mode}`;
  if (key.length === 32) return `aes-256-${mode}`;
  throw new RangeError(`AES key must be 16, 24 or 32 bytes, got ${key.length}`);
}

/**
 * CMAC under one key, reusable for many messages. Creating an OpenSSL cipher
 * costs more than running it on a short message, so a single CBC context lives
 * as long as this object: OpenSSL carries the last ciphertext block over as the
 * next IV, and XOR-ing that block into each new message's first block turns the
 * continuation back into a fresh zero-IV CBC-MAC.
 */
export class AesCmac {
  readonly #cbc: Cipher;
  readonly #chain = new Uint8Array(BLOCK); // last CBC output block = OpenSSL's next IV
  readonly #k1: Uint8Array;
  readonly #k2: Uint8Array;

  constructor(key: Uint8Array) {
    this.#cbc = createCipheriv(aesName(key, 'cbc'), key, new Uint8Array(BLOCK)).setAutoPadding(false);
    const l = this.#cbcMac(new Uint8Array(BLOCK)); // L = AES(K, 0^128)
    this.#k1 = dbl(l.slice());
    this.#k2 = dbl(this.#k1.slice());
  }

  /** Zero-IV CBC-MAC of block-aligned `data`; consumes (mutates) `data`. */
  #cbcMac(data: Uint8Array): Uint8Array {
    const chain = this.#chain;
    for (let i = 0; i < BLOCK; i++) data[i]! ^= chain[i]!;
    const out = this.#cbc.update(data);
    chain.set(out.subarray(out.length - BLOCK));
    return chain.slice();
  }

  mac(msg: Uint8Array): Uint8Array {
    return this.#macParts(msg, undefined);
  }

  /** CMAC of `msg` with its last 16 bytes XOR-ed with `tail` (S2V "xorend"; msg.length ≥ 16). */
  macXorEnd(msg: Uint8Array, tail: Uint8Array): Uint8Array {
    return this.#macParts(msg, tail);
  }

  #macParts(msg: Uint8Array, tail: Uint8Array | undefined): Uint8Array {
    return this.#cbcMac(this.#prepare(msg, tail));
  }

  /** The padded, subkey-masked blocks of `msg` (with `tail` XOR-ed onto its last 16 bytes), fresh. */
  #prepare(msg: Uint8Array, tail: Uint8Array | undefined): Uint8Array {
    const complete = msg.length > 0 && msg.length % BLOCK === 0;
    const data = new Uint8Array(complete ? msg.length : (Math.floor(msg.length / BLOCK) + 1) * BLOCK);
    data.set(msg);
    if (tail) {
      const off = msg.length - BLOCK;
      for (let i = 0; i < BLOCK; i++) data[off + i]! ^= tail[i]!;
    }
    if (!complete) data[msg.length] = 0x80;
    const last = data.length - BLOCK;
    const sub = complete ? this.#k1 : this.#k2;
    for (let i = 0; i < BLOCK; i++) data[last + i]! ^= sub[i]!;
    return data;
  }
}

export function aesCmac(key: Uint8Array, msg: Uint8Array): Uint8Array {
  return new AesCmac(key).mac(msg);
}

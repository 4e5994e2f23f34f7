// X25519 (RFC 7748) on node:crypto / OpenSSL, which clamps private scalars and
// masks the public u-coordinate's top bit exactly like x25519-dalek (the enclave)
// and curve25519-js (secretjs). With a prepared X25519Key an agreement is ~20x
// faster than @noble/curves (docs/crypto-choices.md); importing a raw private
// key into OpenSSL is the slow part, so long-lived keys should use X25519Key.
import { diffieHellman, type KeyObject } from 'node:crypto';
import { fromBuffer } from './encoding.js';
import { okpPrivateKey, okpPublicKey, okpRawPublicKey } from './okp-keys.js';

export class X25519Error extends Error {
  override readonly name = 'X25519Error';
}

function check(what: string, bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) throw new X25519Error(`x25519 ${what} must be 32 bytes`);
}

/** RFC 7748 clamping (what curve25519-js's generateKeyPair stores as the private key). */
export function x25519Clamp(privateKey: Uint8Array): Uint8Array {
  check('private key', privateKey);
  const k = Uint8Array.from(privateKey);
  k[0]! &= 248;
  k[31]! &= 127;
  k[31]! |= 64;
  return k;
}

function agree(priv: KeyObject, publicKey: Uint8Array): Uint8Array {
  check('public key', publicKey);
  const pub = okpPublicKey('X25519', publicKey);
  try {
    return fromBuffer(diffieHellman({ privateKey: priv, publicKey: pub }));
  } catch (e) {
    // OpenSSL refuses an all-zero result (low-order public key). x25519-dalek and
    // curve25519-js return the zeros, and the enclave then proceeds, so do the same.
    if ((e as { code?: string }).code === 'ERR_OSSL_FAILED_DURING_DERIVATION') return new Uint8Array(32);
    throw e;
  }
}

export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  check('private key', privateKey);
  return okpRawPublicKey(okpPrivateKey('X25519', privateKey));
}

export function x25519SharedSecret(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  check('private key', privateKey);
  return agree(okpPrivateKey('X25519', privateKey), publicKey);
}

/** A long-lived X25519 key (e.g. the node's IO key) with its KeyObject prepared once. */
export class X25519Key {
  readonly publicKey: Uint8Array;
  readonly #key: KeyObject;

  constructor(privateKey: Uint8Array) {
    check('private key', privateKey);
    this.#key = okpPrivateKey('X25519', privateKey);
    this.publicKey = okpRawPublicKey(this.#key);
  }

  sharedSecret(publicKey: Uint8Array): Uint8Array {
    return agree(this.#key, publicKey);
  }
}

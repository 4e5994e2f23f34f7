// The validator's ed25519 consensus key, on node:crypto (no extra dependency).
import { createPrivateKey, createPublicKey, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { sha256 } from '../util/hash.js';
import { bytesEqual } from '../util/bytes.js';

// PKCS#8 and SPKI DER prefixes for a raw 32-byte Ed25519 key (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface ValidatorKey {
  readonly pubKey: Uint8Array;
  /** sha256(pubKey)[:20], CometBFT's ed25519 address. */
  readonly address: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** CometBFT's crypto.AddressHash for ed25519 public keys. */
export function ed25519Address(pubKey: Uint8Array): Uint8Array {
  return sha256(pubKey).subarray(0, 20);
}

/**
 * From a 32-byte seed, or the 64-byte seed ‖ public key form of priv_validator_key.json (whose
 * public half is checked against the seed).
 */
export function createValidatorKey(privateKey: Uint8Array): ValidatorKey {
  if (privateKey.length !== 32 && privateKey.length !== 64) {
    throw new Error(`ed25519 private key must be 32 or 64 bytes, got ${privateKey.length}`);
  }
  const seed = privateKey.subarray(0, 32);
  const keyObject: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(keyObject).export({ format: 'der', type: 'spki' });
  const pubKey = new Uint8Array(spki.subarray(SPKI_PREFIX.length));
  if (privateKey.length === 64 && !bytesEqual(pubKey, privateKey.subarray(32))) {
    throw new Error('ed25519 private key: public half does not match the seed');
  }
  return {
    pubKey,
    address: ed25519Address(pubKey),
    sign: (message) => new Uint8Array(edSign(null, message, keyObject)),
  };
}

export function ed25519Verify(pubKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pubKey]), format: 'der', type: 'spki' });
  return edVerify(null, message, key, signature);
}

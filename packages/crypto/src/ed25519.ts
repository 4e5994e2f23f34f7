// Ed25519 (RFC 8032) on node:crypto / OpenSSL: ~13x faster verification than
// @noble/curves here (docs/crypto-choices.md). Keys are the raw 32-byte seed and
// 32-byte public key that CometBFT uses.
import { sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { fromBuffer } from './encoding.js';
import { okpPrivateKey, okpPublicKey, okpRawPublicKey } from './okp-keys.js';

export class Ed25519Error extends Error {
  override readonly name = 'Ed25519Error';
}

function privateKey(seed: Uint8Array) {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new Ed25519Error('ed25519 seed must be 32 bytes');
  return okpPrivateKey('Ed25519', seed);
}

export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return okpRawPublicKey(privateKey(seed));
}

export function ed25519Sign(message: Uint8Array, seed: Uint8Array): Uint8Array {
  return fromBuffer(nodeSign(null, message, privateKey(seed)));
}

/**
 * Never throws; false for malformed input. OpenSSL applies RFC 8032 rules
 * (canonical S, cofactorless equation), which can differ from CometBFT's ZIP-215
 * rules only for signatures no honest signer produces.
 */
export function ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  try {
    return nodeVerify(null, message, okpPublicKey('Ed25519', publicKey), signature);
  } catch {
    return false;
  }
}

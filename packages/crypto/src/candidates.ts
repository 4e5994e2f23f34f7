// Alternative implementations that lost the measurements in
// docs/crypto-choices.md. Exported only so bench/crypto.ts and the tests can
// compare and cross-check them; production code uses the main modules.
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

export { nativeSecp256k1, nobleSecp256k1, type Secp256k1Backend } from './secp256k1-backends.js';
/** AES-SIV on OpenSSL contexts only (AesSivKey takes it for messages over 512 bytes). */
export { NativeSivKey } from './aes-siv.js';

export const nobleHashes = {
  sha256: (data: Uint8Array): Uint8Array => sha256(data),
  ripemd160: (data: Uint8Array): Uint8Array => ripemd160(data),
  hmacSha256: (key: Uint8Array, data: Uint8Array): Uint8Array => hmac(sha256, key, data),
  hkdfSha256: (ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length = 32): Uint8Array =>
    hkdf(sha256, ikm, salt, info, length),
};

export const nobleEd25519 = {
  publicKey: (seed: Uint8Array): Uint8Array => ed25519.getPublicKey(seed),
  sign: (message: Uint8Array, seed: Uint8Array): Uint8Array => ed25519.sign(message, seed),
  // zip215: false = RFC 8032 rules, the same as OpenSSL, so results are comparable.
  verify: (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean => {
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};

export const nobleX25519 = {
  publicKey: (privateKey: Uint8Array): Uint8Array => x25519.getPublicKey(privateKey),
  sharedSecret: (privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array =>
    x25519.getSharedSecret(privateKey, publicKey),
};

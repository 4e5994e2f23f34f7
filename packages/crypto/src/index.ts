// @scrtd/crypto: every cryptographic primitive and encoding scrtd needs.
export * from './encoding.js';
export * from './hash.js';
export * from './bech32.js';
export * from './address.js';
export {
  secp256k1Backend,
  Secp256k1Error,
  secp256k1PublicKey,
  secp256k1Sign,
  secp256k1SignRecoverable,
  secp256k1Verify,
  secp256k1Uncompressed,
  secp256k1Recover,
} from './secp256k1.js';
export * from './ed25519.js';
export * from './x25519.js';
export { AesCmac, aesCmac } from './cmac.js';
export { AesSivError, AesSivKey, aesSivDecrypt, aesSivEncrypt, type SivMessage } from './aes-siv.js';
export * from './hd.js';
export * from './secret-encryption.js';
export * from './random.js';
/** Losing alternative implementations, for benchmarks and cross-checks only. */
export * as candidates from './candidates.js';
export { OldestFirst } from './oldest-first.js';

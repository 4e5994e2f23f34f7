// Block randomness (secret-protocol §2.6). Secret's proposer draws a random and carries it encrypted
// in a forked header field; scrtd keeps the CometBFT header unchanged, so the enclave derives the
// block random from the order-6 secret and the block's header hash instead: unpredictable without
// the seed, identical on every node that holds it. The per-contract value follows §2.6 exactly.
import { concatBytes, HKDF_SALT, hkdfExpand, hkdfExtract, hmacSha256, toUtf8, u64be } from '@scrtd/crypto';
import { ctEqual, EnclaveCodedError } from '../errors.js';

const DOMAIN = toUtf8('scrtd block random v1');
const SALT = Uint8Array.from(HKDF_SALT);

/** The 32-byte random of block `height` with header hash `headerHash`. */
export function deriveBlockRandom(initialRandomnessSeed: Uint8Array, height: bigint, headerHash: Uint8Array): Uint8Array {
  if (headerHash.length !== 32) throw new EnclaveCodedError('badInput', 'header hash must be 32 bytes');
  return hmacSha256(initialRandomnessSeed, concatBytes(DOMAIN, u64be(height), headerHash));
}

// HKDF-extract of the last block random: every contract call of a block shares it, so each call
// only runs the expand step. Key material only, and it stays in the enclave.
let lastRandom: Uint8Array | undefined;
let lastPrk: Uint8Array | undefined;

/** env.block.random = HKDF-SHA256(salt, IKM = block_random, info = u64be(height) ‖ contract_key ‖ u64be(counter)). */
export function contractRandom(blockRandom: Uint8Array, height: bigint, contractKey: Uint8Array, counter: bigint): Uint8Array {
  if (!lastRandom || !lastPrk || !ctEqual(lastRandom, blockRandom)) {
    lastPrk = hkdfExtract(SALT, blockRandom);
    lastRandom = Uint8Array.from(blockRandom);
  }
  return hkdfExpand(lastPrk, concatBytes(u64be(height), contractKey, u64be(counter)));
}

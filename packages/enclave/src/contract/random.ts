// Block randomness (secret-protocol §2.6). Secret's proposer draws a random and carries it encrypted
// in a forked header field; scrtd keeps the CometBFT header unchanged, so the enclave derives the
// block random from the order-6 secret and the block's header hash instead: unpredictable without
// the seed, identical on every node that holds it. The per-contract value follows §2.6 exactly.
import { concatBytes, HKDF_SALT, hkdfExtract, HmacSha256Key, hmacSha256, toUtf8, u64be } from '@scrtd/crypto';
import { ctEqual, EnclaveCodedError } from '../errors.js';

const DOMAIN = toUtf8('scrtd block random v1');
const SALT = Uint8Array.from(HKDF_SALT);

/** The 32-byte random of block `height` with header hash `headerHash`. */
export function deriveBlockRandom(initialRandomnessSeed: Uint8Array, height: bigint, headerHash: Uint8Array): Uint8Array {
  if (headerHash.length !== 32) throw new EnclaveCodedError('badInput', 'header hash must be 32 bytes');
  return hmacSha256(initialRandomnessSeed, concatBytes(DOMAIN, u64be(height), headerHash));
}

// HKDF-extract of the last block random: every contract call of a block shares it, so each call
// only runs the expand step, from the PRK's prepared HMAC states. Key material only, and it stays in
// the enclave.
let lastRandom: Uint8Array | undefined;
let lastPrk: HmacSha256Key | undefined;
/** HKDF-Expand's block counter: a 32-byte output is the single block T(1) = HMAC(PRK, info ‖ 0x01). */
const T1 = Uint8Array.of(1);

/** env.block.random = HKDF-SHA256(salt, IKM = block_random, info = u64be(height) ‖ contract_key ‖ u64be(counter)). */
export function contractRandom(blockRandom: Uint8Array, height: bigint, contractKey: Uint8Array, counter: bigint): Uint8Array {
  if (!lastRandom || !lastPrk || !ctEqual(lastRandom, blockRandom)) {
    const prk = hkdfExtract(SALT, blockRandom);
    lastPrk = new HmacSha256Key(prk);
    prk.fill(0);
    lastRandom = Uint8Array.from(blockRandom);
  }
  if (contractKey.length !== EXPAND_KEY || height < 0n || height > U64_MAX || counter < 0n || counter > U64_MAX) {
    return lastPrk.mac(concatBytes(u64be(height), contractKey, u64be(counter), T1));
  }
  // Info and the block counter written into one array instead of four parts and a concatenation.
  const m = new Uint8Array(8 + EXPAND_KEY + 8 + 1);
  EXPAND_VIEW.setBigUint64(0, height);
  EXPAND_VIEW.setBigUint64(8, counter);
  m.set(EXPAND_SCRATCH.subarray(0, 8));
  m.set(contractKey, 8);
  m.set(EXPAND_SCRATCH.subarray(8, 16), 8 + EXPAND_KEY);
  m[m.length - 1] = 1;
  return lastPrk.mac(m);
}

/** Contract keys are 64 bytes; other lengths take the general path. */
const EXPAND_KEY = 64;
const U64_MAX = (1n << 64n) - 1n;
const EXPAND_SCRATCH = new Uint8Array(16);
const EXPAND_VIEW = new DataView(EXPAND_SCRATCH.buffer);

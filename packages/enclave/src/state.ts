// Contract state encryption, v3 format (secret-protocol §5.2).
// K_key = Key-KDF(ikm[1], og_contract_key), K_value = Key-KDF(ikm[seed_id-1], og_contract_key).
// With a single seed (development networks, §11 vector) ikm[1] falls back to ikm[0].
import { AesSivError, AesSivKey, aesSivDecrypt, aesSivEncrypt, concatBytes, keyKdf, toUtf8, u16le, u32le, u64le } from '@scrtd/crypto';
import { CONTRACT_KEY_LENGTH } from './contract-key.js';
import { EnclaveCodedError } from './errors.js';
import type { EnclaveKeys } from './keys.js';

type IkmKeys = Pick<EnclaveKeys, 'stateIkm'>;

export const STATE_SALT_LENGTH = 24;
const MAGIC = toUtf8('secret');
const SEED_VERSION = 2;
const STATE_VERSION = 3;
/** u64le(6) ‖ "secret" ‖ u16le(2) ‖ u32le(3) */
const KEY_HEADER = concatBytes(u64le(MAGIC.length), MAGIC, u16le(SEED_VERSION), u32le(STATE_VERSION));
const NO_AD: Uint8Array[] = [];
/** Seed id assumed when a stored value carries none (networks with at most 2 seeds). */
const DEFAULT_SEED_ID = 2;

function ikm(keys: IkmKeys, seedId: number): Uint8Array {
  const n = keys.stateIkm.length;
  if (!Number.isInteger(seedId) || seedId < 1 || seedId > Math.max(n, DEFAULT_SEED_ID)) {
    throw new EnclaveCodedError('state', `unknown seed id ${seedId}`);
  }
  return keys.stateIkm[Math.min(seedId, n) - 1]!;
}

function checkContractKey(contractKey: Uint8Array): void {
  if (contractKey.length !== CONTRACT_KEY_LENGTH) throw new EnclaveCodedError('badInput', 'contract key must be 64 bytes');
}

function readU64leSafe(bytes: Uint8Array, offset: number): number {
  if (bytes.length < offset + 8) throw new EnclaveCodedError('state', 'truncated');
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getBigUint64(0, true);
  if (v > BigInt(bytes.length)) throw new EnclaveCodedError('state', 'bad length');
  return Number(v);
}

/** AES-SIV (no AD components) of the plaintext key, in the bincode EncryptedKey layout. */
export function encryptStateKey(keys: IkmKeys, contractKey: Uint8Array, plainKey: Uint8Array): Uint8Array {
  checkContractKey(contractKey);
  const k = keyKdf(ikm(keys, DEFAULT_SEED_ID), contractKey);
  const enc = aesSivEncrypt(k, plainKey, NO_AD);
  k.fill(0);
  return concatBytes(KEY_HEADER, u64le(enc.length), enc);
}

/** The raw enc_key of a stored v3 key (the AD of its value); throws on any other layout. */
function encKeyOf(storedKey: Uint8Array): Uint8Array {
  for (let i = 0; i < KEY_HEADER.length; i++) {
    if (storedKey[i] !== KEY_HEADER[i]) throw new EnclaveCodedError('state', 'not a v3 state key');
  }
  const len = readU64leSafe(storedKey, KEY_HEADER.length);
  if (storedKey.length !== KEY_HEADER.length + 8 + len) throw new EnclaveCodedError('state', 'bad key length');
  return storedKey.subarray(KEY_HEADER.length + 8);
}

/** True when `storedKey` has the v3 EncryptedKey layout. */
export function isV3StateKey(storedKey: Uint8Array): boolean {
  try {
    encKeyOf(storedKey);
    return true;
  } catch {
    return false;
  }
}

/**
 * AES-SIV(K_value, value, AD = [enc_key, salt]) in the bincode EncryptedValue layout, under the last
 * seed's ikm; the seed id is appended only when the network has more than 2 seeds.
 * `salt` = u64be(block time ns) ‖ u64be(height) ‖ u64be(msg counter).
 */
export function encryptStateValue(
  keys: IkmKeys,
  contractKey: Uint8Array,
  storedKey: Uint8Array,
  value: Uint8Array,
  salt: Uint8Array,
): Uint8Array {
  checkContractKey(contractKey);
  if (salt.length !== STATE_SALT_LENGTH) throw new EnclaveCodedError('badInput', 'state salt must be 24 bytes');
  const seedId = keys.stateIkm.length;
  const k = keyKdf(ikm(keys, seedId), contractKey);
  const enc = aesSivEncrypt(k, value, [encKeyOf(storedKey), salt]);
  k.fill(0);
  const parts = [u64le(salt.length), salt, u64le(enc.length), enc];
  if (seedId > DEFAULT_SEED_ID) parts.push(u16le(seedId));
  return concatBytes(...parts);
}

/** Inverse of encryptStateValue; throws EnclaveCodedError `state` on a bad layout or tag. */
export function decryptStateValue(keys: IkmKeys, contractKey: Uint8Array, storedKey: Uint8Array, storedValue: Uint8Array): Uint8Array {
  checkContractKey(contractKey);
  const encKey = encKeyOf(storedKey);
  const saltLen = readU64leSafe(storedValue, 0);
  if (saltLen !== STATE_SALT_LENGTH) throw new EnclaveCodedError('state', 'bad salt length');
  const salt = storedValue.subarray(8, 8 + saltLen);
  const encLen = readU64leSafe(storedValue, 8 + saltLen);
  const start = 16 + saltLen;
  const rest = storedValue.length - start - encLen;
  let seedId = DEFAULT_SEED_ID;
  if (rest === 2) seedId = storedValue[start + encLen]! | (storedValue[start + encLen + 1]! << 8);
  else if (rest !== 0) throw new EnclaveCodedError('state', 'bad value length');
  const k = keyKdf(ikm(keys, seedId), contractKey);
  try {
    return aesSivDecrypt(k, storedValue.subarray(start, start + encLen), [encKey, salt]);
  } catch (e) {
    if (e instanceof AesSivError) throw new EnclaveCodedError('state');
    throw e;
  } finally {
    k.fill(0);
  }
}

/**
 * One contract's state cipher for the length of a call: K_key and K_value are derived once (not per
 * read/write), and the AES-SIV contexts are kept. Same formats as the functions above.
 */
/** Plaintext key → stored key results kept per contract (FIFO). */
const STORED_KEY_CACHE = 4096;

export class ContractStateCipher {
  readonly #keyCipher: AesSivKey;
  readonly #valueCipher: AesSivKey;
  readonly #seedId: number;
  readonly #keys: IkmKeys;
  readonly #contractKey: Uint8Array;
  readonly #storedKeys = new Map<string, Uint8Array>();

  constructor(keys: IkmKeys, contractKey: Uint8Array) {
    checkContractKey(contractKey);
    this.#keys = keys;
    this.#contractKey = contractKey;
    this.#seedId = keys.stateIkm.length;
    const kk = keyKdf(ikm(keys, DEFAULT_SEED_ID), contractKey);
    const kv = keyKdf(ikm(keys, this.#seedId), contractKey);
    this.#keyCipher = new AesSivKey(kk);
    this.#valueCipher = new AesSivKey(kv);
    kk.fill(0);
    kv.fill(0);
  }

  /**
   * The stored (bincode EncryptedKey) form of a plaintext key. Deterministic, so recent results are
   * kept: a contract reads and writes the same few keys (config, counters, hot balances) again and again.
   */
  storedKey(plainKey: Uint8Array): Uint8Array {
    const id = Buffer.from(plainKey.buffer, plainKey.byteOffset, plainKey.byteLength).toString('latin1');
    const hit = this.#storedKeys.get(id);
    if (hit) return hit;
    const enc = this.#keyCipher.encrypt(plainKey, NO_AD);
    const stored = concatBytes(KEY_HEADER, u64le(enc.length), enc);
    if (this.#storedKeys.size >= STORED_KEY_CACHE) this.#storedKeys.delete(this.#storedKeys.keys().next().value!);
    this.#storedKeys.set(id, stored);
    return stored;
  }

  seal(storedKey: Uint8Array, value: Uint8Array, salt: Uint8Array): Uint8Array {
    if (salt.length !== STATE_SALT_LENGTH) throw new EnclaveCodedError('badInput', 'state salt must be 24 bytes');
    const enc = this.#valueCipher.encrypt(value, [encKeyOf(storedKey), salt]);
    const parts = [u64le(salt.length), salt, u64le(enc.length), enc];
    if (this.#seedId > DEFAULT_SEED_ID) parts.push(u16le(this.#seedId));
    return concatBytes(...parts);
  }

  open(storedKey: Uint8Array, storedValue: Uint8Array): Uint8Array {
    // Values written under another seed (after a rotation) take the general path.
    const saltLen = readU64leSafe(storedValue, 0);
    const encLen = saltLen === STATE_SALT_LENGTH ? readU64leSafe(storedValue, 8 + saltLen) : -1;
    const rest = storedValue.length - (16 + saltLen) - encLen;
    const sameSeed = (rest === 0 && this.#seedId <= DEFAULT_SEED_ID) || (rest === 2 && readSeedId(storedValue) === this.#seedId);
    if (!sameSeed || encLen < 0) return decryptStateValue(this.#keys, this.#contractKey, storedKey, storedValue);
    const start = 16 + saltLen;
    try {
      return this.#valueCipher.decrypt(storedValue.subarray(start, start + encLen), [encKeyOf(storedKey), storedValue.subarray(8, 8 + saltLen)]);
    } catch (e) {
      if (e instanceof AesSivError) throw new EnclaveCodedError('state');
      throw e;
    }
  }
}

function readSeedId(storedValue: Uint8Array): number {
  const n = storedValue.length;
  return storedValue[n - 2]! | (storedValue[n - 1]! << 8);
}

// Contract state encryption, v3 format (secret-protocol §5.2).
// K_key = Key-KDF(ikm[1], og_contract_key), K_value = Key-KDF(ikm[seed_id-1], og_contract_key).
// With a single seed (development networks, §11 vector) ikm[1] falls back to ikm[0].
import { AesSivError, AesSivKey, aesSivDecrypt, aesSivEncrypt, concatBytes, keyKdf, toUtf8, u16le, u32le, u64le } from '@scrtd/crypto';
import { CONTRACT_KEY_LENGTH } from './contract-key.js';
import { EnclaveCodedError } from './errors.js';
import { GenerationCache } from './contract/lru.js';
import type { EnclaveKeys } from './keys.js';

type IkmKeys = Pick<EnclaveKeys, 'stateIkm'>;

export const STATE_SALT_LENGTH = 24;
const MAGIC = toUtf8('secret');
const SEED_VERSION = 2;
const STATE_VERSION = 3;
/** u64le(6) ‖ "secret" ‖ u16le(2) ‖ u32le(3) */
const KEY_HEADER = concatBytes(u64le(MAGIC.length), MAGIC, u16le(SEED_VERSION), u32le(STATE_VERSION));
const NO_AD: Uint8Array[] = [];
const SALT_LENGTH_LE = u64le(STATE_SALT_LENGTH);
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
  // Byte reads, not a DataView: `.buffer` of a small on-heap array costs V8 a copy to the heap.
  const lo = (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
  const hi = (bytes[offset + 4]! | (bytes[offset + 5]! << 8) | (bytes[offset + 6]! << 16) | (bytes[offset + 7]! << 24)) >>> 0;
  const v = hi * 2 ** 32 + lo;
  if (v > bytes.length) throw new EnclaveCodedError('state', 'bad length');
  return v;
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

/** Salt → S2V value kept per contract (two generations of up to this many). */
const SALT_MAC_CACHE = 256;
/** Plaintexts longer than this are not memoised (AES dominates their cost, and memory stays small). */
const MEMO_MAX_VALUE = 512;

/** A stored key (cached per plaintext key) with the S2V value of its enc_key once computed (public data). */
export interface StoredKeyEntry {
  readonly stored: Uint8Array;
  encKeyMac: Uint8Array | undefined;
  /**
   * The value last sealed or opened under this key, with its plaintext (enclave-only data): a read
   * that meets exactly these stored bytes again (a balance written by the previous tx) skips the
   * AES-SIV open and gets the same plaintext, since under a fixed key the ciphertext determines it.
   * Bounded by StateCache's ring. Host stores never write into value arrays.
   */
  memo: { stored: Uint8Array; plain: Uint8Array; slot: number } | undefined;
}

/**
 * The stored-key entries of all the state ciphers of an engine, with one bound for all contracts
 * (a hot token keeps thousands of account keys; a hundred idle contracts cost nothing):
 *  - entries by (cipher, plaintext key id) in two generations of at most `generationSize` entries
 *    each; when the young one is full it becomes the old one, and a hit in the old one moves back;
 *  - plaintexts remembered by entries (StoredKeyEntry.memo): a ring of the last `memoCapacity`
 *    entries given one; when a slot is reused, its entry forgets its plaintext unless it got a newer
 *    one since. At most `memoCapacity` plaintexts of at most MEMO_MAX_VALUE bytes.
 */
export class StateCache {
  #young = new Map<object, Map<string, StoredKeyEntry>>();
  #old = new Map<object, Map<string, StoredKeyEntry>>();
  #youngSize = 0;
  readonly #ring: (StoredKeyEntry | undefined)[];
  #next = 0;

  constructor(
    readonly generationSize = 16384,
    readonly memoCapacity = 16384,
  ) {
    if (!Number.isInteger(generationSize) || generationSize < 1 || !Number.isInteger(memoCapacity) || memoCapacity < 1) {
      throw new RangeError('StateCache sizes must be positive integers');
    }
    this.#ring = new Array<StoredKeyEntry | undefined>(memoCapacity).fill(undefined);
  }

  entry(owner: object, id: string): StoredKeyEntry | undefined {
    const y = this.#young.get(owner)?.get(id);
    if (y !== undefined) return y;
    const o = this.#old.get(owner)?.get(id);
    if (o !== undefined) this.setEntry(owner, id, o);
    return o;
  }

  setEntry(owner: object, id: string, entry: StoredKeyEntry): void {
    if (this.#youngSize >= this.generationSize) {
      this.#old = this.#young;
      this.#young = new Map();
      this.#youngSize = 0;
    }
    let m = this.#young.get(owner);
    if (m === undefined) this.#young.set(owner, (m = new Map()));
    const before = m.size;
    m.set(id, entry);
    this.#youngSize += m.size - before;
  }

  /** Makes `entry` remember that `stored` opens to `plain` (neither may be modified afterwards). */
  remember(entry: StoredKeyEntry, stored: Uint8Array, plain: Uint8Array): void {
    if (plain.length > MEMO_MAX_VALUE) {
      entry.memo = undefined;
      return;
    }
    const slot = this.#next;
    this.#next = slot + 1 === this.memoCapacity ? 0 : slot + 1;
    const old = this.#ring[slot];
    if (old !== undefined && old.memo !== undefined && old.memo.slot === slot) old.memo = undefined;
    this.#ring[slot] = entry;
    entry.memo = { stored, plain, slot };
  }
}

/** Ciphers made without an engine's cache share this one. */
const defaultCache = new StateCache(4096, 1024);

/** Byte equality of public data (stored ciphertexts): no need for constant time. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One contract's state cipher for the length of a call: K_key and K_value are derived once (not per
 * read/write), and the AES-SIV contexts are kept. Same formats as the functions above.
 */
export class ContractStateCipher {
  readonly #keyCipher: AesSivKey;
  readonly #valueCipher: AesSivKey;
  readonly #seedId: number;
  readonly #keys: IkmKeys;
  readonly #contractKey: Uint8Array;
  /** S2V value of the enc_key under K_value, per stored key given to open() / sealMany() by callers. */
  readonly #encKeyMacs = new WeakMap<Uint8Array, Uint8Array>();
  /**
   * S2V values of recent salts (public: u64be time, height, counter): a flush seals all its values
   * with one salt, and reads mostly meet values this node wrote lately.
   */
  readonly #saltMacs = new GenerationCache<string, Uint8Array>(SALT_MAC_CACHE);
  /** Stored keys (plaintext key → entry) and remembered plaintexts, shared with the engine's other ciphers. */
  readonly #cache: StateCache;

  constructor(keys: IkmKeys, contractKey: Uint8Array, cache: StateCache = defaultCache) {
    checkContractKey(contractKey);
    this.#cache = cache;
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
    return this.storedKeyOf(keyId(plainKey), plainKey);
  }

  /** storedKey() when the caller already has keyId(plainKey). */
  storedKeyOf(id: string, plainKey: Uint8Array): Uint8Array {
    return this.keyEntry(id, plainKey).stored;
  }

  /** The stored key of plaintext key `id` (keyId(plainKey)) with its cached AD MAC, for openEntry / sealEntries. */
  keyEntry(id: string, plainKey: Uint8Array): StoredKeyEntry {
    return this.#cache.entry(this, id) ?? this.#newEntries([id], [plainKey])[0]!;
  }

  /** storedKey of several keys; the ones not cached are made together. */
  storedKeys(plainKeys: readonly Uint8Array[]): Uint8Array[] {
    return this.keyEntries(plainKeys.map(keyId), plainKeys).map((e) => e.stored);
  }

  /**
   * keyEntry() of several keys (ids[i] = keyId(plainKeys[i])); the missing ones are made together,
   * and kept in the cache unless `cacheNew` is false (a flush: keys that are written without having
   * been read, as append-only logs are, are seldom met again, and cached entries live for thousands
   * of txs — old-generation garbage for the GC; keys read before are cached by that read).
   */
  keyEntries(ids: readonly string[], plainKeys: readonly Uint8Array[], cacheNew = true): StoredKeyEntry[] {
    const out: StoredKeyEntry[] = new Array(plainKeys.length);
    const missIds: string[] = [];
    const missAt: number[] = [];
    for (let i = 0; i < plainKeys.length; i++) {
      const id = ids[i]!;
      const hit = this.#cache.entry(this, id);
      if (hit) out[i] = hit;
      else {
        missIds.push(id);
        missAt.push(i);
      }
    }
    if (missAt.length === 0) return out;
    const made = this.#newEntries(missIds, missAt.map((i) => plainKeys[i]!), cacheNew);
    missAt.forEach((at, j) => (out[at] = made[j]!));
    return out;
  }

  #newEntries(ids: readonly string[], plainKeys: readonly Uint8Array[], cache = true): StoredKeyEntry[] {
    const encs = this.#keyCipher.encryptMany(plainKeys.map((plaintext) => ({ plaintext, adMacs: NO_AD })));
    return encs.map((enc, j) => {
      const stored = new Uint8Array(KEY_HEADER.length + 8 + enc.length);
      stored.set(KEY_HEADER);
      stored.set(u64le(enc.length), KEY_HEADER.length);
      stored.set(enc, KEY_HEADER.length + 8);
      const entry: StoredKeyEntry = { stored, encKeyMac: undefined, memo: undefined };
      if (cache) this.#cache.setEntry(this, ids[j]!, entry);
      return entry;
    });
  }

  /** The S2V value of an entry's enc_key, kept on the entry (no WeakMap insert per new key). */
  #entryMac(entry: StoredKeyEntry): Uint8Array {
    return (entry.encKeyMac ??= this.#valueCipher.adMac(encKeyOf(entry.stored)));
  }

  /** S2V value of a stored key's enc_key (stored keys are immutable and live as long as they are used). */
  #encKeyMac(storedKey: Uint8Array): Uint8Array {
    let mac = this.#encKeyMacs.get(storedKey);
    if (!mac) {
      mac = this.#valueCipher.adMac(encKeyOf(storedKey));
      this.#encKeyMacs.set(storedKey, mac);
    }
    return mac;
  }

  #saltMacOf(salt: Uint8Array): Uint8Array {
    const id = keyId(salt);
    let mac = this.#saltMacs.get(id);
    if (!mac) {
      mac = this.#valueCipher.adMac(salt);
      this.#saltMacs.set(id, mac);
    }
    return mac;
  }

  seal(storedKey: Uint8Array, value: Uint8Array, salt: Uint8Array): Uint8Array {
    return this.sealMany([{ storedKey, value }], salt)[0]!;
  }

  /** seal() of several values with one salt (the writes of a flush). */
  sealMany(items: readonly { storedKey: Uint8Array; value: Uint8Array }[], salt: Uint8Array): Uint8Array[] {
    if (salt.length !== STATE_SALT_LENGTH) throw new EnclaveCodedError('badInput', 'state salt must be 24 bytes');
    // Caller-given stored keys: entries over the WeakMap-cached MACs.
    const entries: StoredKeyEntry[] = items.map((it) => ({ stored: it.storedKey, encKeyMac: this.#encKeyMacs.get(it.storedKey), memo: undefined }));
    const sealed = this.sealEntries(entries, items.map((it) => it.value), salt);
    entries.forEach((e) => this.#encKeyMacs.set(e.stored, e.encKeyMac!));
    return sealed;
  }

  /** sealMany() of values under keyEntry() results (entries[i] holds values[i]). */
  sealEntries(entries: readonly StoredKeyEntry[], values: readonly Uint8Array[], salt: Uint8Array): Uint8Array[] {
    if (salt.length !== STATE_SALT_LENGTH) throw new EnclaveCodedError('badInput', 'state salt must be 24 bytes');
    const saltMac = this.#saltMacOf(salt);
    const encs = this.#valueCipher.encryptMany(values.map((plaintext, i) => ({ plaintext, adMacs: [this.#entryMac(entries[i]!), saltMac] })));
    const withSeed = this.#seedId > DEFAULT_SEED_ID;
    return encs.map((enc) => {
      // u64le(24) ‖ salt ‖ u64le(len) ‖ enc [‖ u16le(seed id)]
      const out = new Uint8Array(16 + STATE_SALT_LENGTH + enc.length + (withSeed ? 2 : 0));
      out.set(SALT_LENGTH_LE);
      out.set(salt, 8);
      out.set(u64le(enc.length), 8 + STATE_SALT_LENGTH);
      out.set(enc, 16 + STATE_SALT_LENGTH);
      if (withSeed) out.set(u16le(this.#seedId), 16 + STATE_SALT_LENGTH + enc.length);
      return out;
    });
  }

  /**
   * open() of the value stored under a keyEntry(), answered from the entry's memo when the stored
   * bytes are the ones last sealed or opened there. The result must not be modified.
   */
  openEntry(entry: StoredKeyEntry, storedValue: Uint8Array): Uint8Array {
    const m = entry.memo;
    if (m && sameBytes(m.stored, storedValue)) return m.plain;
    const plain = this.#open(entry.stored, storedValue, () => this.#entryMac(entry));
    this.#cache.remember(entry, storedValue, plain);
    return plain;
  }

  /** Records that `stored` (just sealed under `entry`) opens to `plain`; neither may be modified. */
  remember(entry: StoredKeyEntry, stored: Uint8Array, plain: Uint8Array): void {
    this.#cache.remember(entry, stored, plain);
  }

  open(storedKey: Uint8Array, storedValue: Uint8Array): Uint8Array {
    return this.#open(storedKey, storedValue, () => this.#encKeyMac(storedKey));
  }

  #open(storedKey: Uint8Array, storedValue: Uint8Array, encKeyMacOf: () => Uint8Array): Uint8Array {
    // Values written under another seed (after a rotation) take the general path.
    const saltLen = readU64leSafe(storedValue, 0);
    const encLen = saltLen === STATE_SALT_LENGTH ? readU64leSafe(storedValue, 8 + saltLen) : -1;
    const rest = storedValue.length - (16 + saltLen) - encLen;
    const sameSeed = (rest === 0 && this.#seedId <= DEFAULT_SEED_ID) || (rest === 2 && readSeedId(storedValue) === this.#seedId);
    if (!sameSeed || encLen < 0) return decryptStateValue(this.#keys, this.#contractKey, storedKey, storedValue);
    const start = 16 + saltLen;
    const encKeyMac = encKeyMacOf();
    try {
      const saltMac = this.#saltMacOf(storedValue.subarray(8, 8 + saltLen));
      return this.#valueCipher.decryptWithAdMacs(storedValue.subarray(start, start + encLen), [encKeyMac, saltMac]);
    } catch (e) {
      if (e instanceof AesSivError) throw new EnclaveCodedError('state');
      throw e;
    }
  }
}

/**
 * A string with one char per byte, for Map keys. Short keys (the usual case) are read char by char:
 * `.buffer` of a small on-heap array would make V8 copy it off-heap (a malloc) first.
 */
export function keyId(key: Uint8Array): string {
  if (key.length <= 256) return String.fromCharCode.apply(null, key as unknown as number[]);
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');
}

function readSeedId(storedValue: Uint8Array): number {
  const n = storedValue.length;
  return storedValue[n - 2]! | (storedValue[n - 1]! << 8);
}

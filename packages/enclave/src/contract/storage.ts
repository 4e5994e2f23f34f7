// The storage a contract sees during a call (secret-protocol §5.2, §5.4): plaintext keys and values
// inside, encrypted keys and values at the host. Writes are cached (ordered by plaintext key) and
// flushed once when the call succeeds; a failed call leaves the host store untouched.
import { sha256 } from '@scrtd/crypto';
import type { Storage } from '@scrtd/vm';
import { keyId, type ContractStateCipher, type StoredKeyEntry } from '../state.js';
import type { ContractStore } from './types.js';

interface Pending {
  /** keyId(key) */
  id: string;
  key: Uint8Array;
  value: Uint8Array | null;
}

export class EncryptingStorage implements Storage {
  readonly #cipher: ContractStateCipher;
  readonly #host: ContractStore;
  readonly #pending = new Map<string, Pending>();
  /** SDK gas of the last read, as the host priced it (the vm asks right after each db_read). */
  lastReadGas = 0n;

  constructor(cipher: ContractStateCipher, host: ContractStore) {
    this.#cipher = cipher;
    this.#host = host;
  }

  /** The value of `key`; the caller (the vm copies it into the contract's memory) must not modify it. */
  get(key: Uint8Array): Uint8Array | undefined {
    const id = keyId(key);
    const p = this.#pending.get(id);
    if (p) {
      this.lastReadGas = 0n;
      return p.value ?? undefined;
    }
    const entry = this.#cipher.keyEntry(id, key);
    const v = this.#host.get(entry.stored);
    this.lastReadGas = this.#host.readGas(entry.stored, v);
    // Only the v3 layout exists on a scrtd chain: the legacy (pre-v3) layout of §5.3 is written by
    // no version of scrtd, and genesis import of contract state is not supported, so a miss is a miss.
    return v === undefined ? undefined : this.#cipher.openEntry(entry, v);
  }

  // Own copies: the caller may reuse its arrays (views of contract memory), and the value is later
  // remembered as the plaintext of what is sealed. `new Uint8Array(x)` is V8's fast copy (not .from).
  set(key: Uint8Array, value: Uint8Array): void {
    const id = keyId(key);
    this.#pending.set(id, { id, key: new Uint8Array(key), value: new Uint8Array(value) });
  }

  remove(key: Uint8Array): void {
    const id = keyId(key);
    this.#pending.set(id, { id, key: new Uint8Array(key), value: null });
  }

  /**
   * Encrypt and write every cached change; returns the SDK KV gas of the writes. The order is the
   * plaintext-key order, shuffled with a PRNG seeded by sha256(random) when the call has a random
   * (§5.4); the final state does not depend on it. The host prices each write and removal.
   */
  flush(salt: Uint8Array, random?: Uint8Array): bigint {
    // keyId strings have one char per byte, so comparing them is comparing the keys bytewise
    // (Buffer.compare order) without a native call per comparison.
    const entries = [...this.#pending.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.#pending.clear();
    // (One entry or none: nothing to shuffle, so no seed hash either.)
    if (random && entries.length > 1) shuffle(entries, sha256(random));
    // Everything is encrypted first, then written in order.
    // Entries of keys this contract has not read are not cached (see keyEntries).
    const keys = this.#cipher.keyEntries(
      entries.map((e) => e.id),
      entries.map((e) => e.key),
      false,
    );
    const writeKeys: StoredKeyEntry[] = [];
    const writeValues: Uint8Array[] = [];
    entries.forEach((e, i) => {
      if (e.value === null) return;
      writeKeys.push(keys[i]!);
      writeValues.push(e.value);
    });
    const sealed = this.#cipher.sealEntries(writeKeys, writeValues, salt);
    let gas = 0n;
    let w = 0;
    entries.forEach((e, i) => {
      const key = keys[i]!.stored;
      if (e.value === null) {
        this.#host.remove(key);
        gas += this.#host.removeGas(key);
      } else {
        const value = sealed[w++]!;
        this.#host.set(key, value);
        gas += this.#host.writeGas(key, value);
        // The next tx that reads this key most likely meets these very bytes: no AES-SIV open then.
        // Only for keys that have been read (they have a memo): keys only ever written, as append-only
        // logs are, would fill the memo with plaintexts nobody reads, each kept alive for thousands
        // of txs (old-generation garbage for the GC). A key first read later is opened then.
        // (An entry made here for an unread key is not cached, so it never has a memo.)
        if (keys[i]!.memo !== undefined) this.#cipher.remember(keys[i]!, value, e.value);
      }
    });
    return gas;
  }

  get pendingWrites(): number {
    return this.#pending.size;
  }
}

/** Fisher–Yates with a sha256-counter stream: deterministic for a given seed. */
function shuffle<T>(items: T[], seed: Uint8Array): void {
  let block = seed;
  let pos = 0;
  let n = 0;
  const next32 = (): number => {
    if (pos + 4 > block.length) {
      const c = new Uint8Array(seed.length + 4);
      c.set(seed);
      n++;
      c.set([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], seed.length);
      block = sha256(c);
      pos = 0;
    }
    // Big-endian u32 by hand (no DataView per draw).
    const v = ((block[pos]! << 24) | (block[pos + 1]! << 16) | (block[pos + 2]! << 8) | block[pos + 3]!) >>> 0;
    pos += 4;
    return v;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = next32() % (i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

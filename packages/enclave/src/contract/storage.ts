// The storage a contract sees during a call (secret-protocol §5.2, §5.4): plaintext keys and values
// inside, encrypted keys and values at the host. Writes are cached (ordered by plaintext key) and
// flushed once when the call succeeds; a failed call leaves the host store untouched.
import { sha256 } from '@scrtd/crypto';
import type { Storage } from '@scrtd/vm';
import type { ContractStateCipher } from '../state.js';
import type { ContractStore } from './types.js';

interface Pending {
  key: Uint8Array;
  value: Uint8Array | null;
}

const id = (key: Uint8Array) => Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1');

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

  get(key: Uint8Array): Uint8Array | undefined {
    const p = this.#pending.get(id(key));
    if (p) {
      this.lastReadGas = 0n;
      return p.value ?? undefined;
    }
    const stored = this.#cipher.storedKey(key);
    const v = this.#host.get(stored);
    this.lastReadGas = this.#host.readGas(stored, v);
    // Only the v3 layout exists on a scrtd chain: the legacy (pre-v3) layout of §5.3 is written by
    // no version of scrtd, and genesis import of contract state is not supported, so a miss is a miss.
    return v === undefined ? undefined : this.#cipher.open(stored, v);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.#pending.set(id(key), { key: Uint8Array.from(key), value: Uint8Array.from(value) });
  }

  remove(key: Uint8Array): void {
    this.#pending.set(id(key), { key: Uint8Array.from(key), value: null });
  }

  /**
   * Encrypt and write every cached change; returns the SDK KV gas of the writes. The order is the
   * plaintext-key order, shuffled with a PRNG seeded by sha256(random) when the call has a random
   * (§5.4); the final state does not depend on it. The host prices each write and removal.
   */
  flush(salt: Uint8Array, random?: Uint8Array): bigint {
    const entries = [...this.#pending.values()].sort((a, b) => Buffer.compare(a.key, b.key));
    this.#pending.clear();
    if (random) shuffle(entries, sha256(random));
    let gas = 0n;
    for (const e of entries) {
      const stored = this.#cipher.storedKey(e.key);
      if (e.value === null) {
        this.#host.remove(stored);
        gas += this.#host.removeGas(stored);
      } else {
        const sealed = this.#cipher.seal(stored, e.value, salt);
        this.#host.set(stored, sealed);
        gas += this.#host.writeGas(stored, sealed);
      }
    }
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
      new DataView(c.buffer).setUint32(seed.length, ++n);
      block = sha256(c);
      pos = 0;
    }
    const v = new DataView(block.buffer, block.byteOffset + pos, 4).getUint32(0);
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

// Decodings of stored records, reused while the stored bytes are unchanged.
import { bytesEqual } from './binary.js';

/**
 * Decoded records by key, reused while their stored bytes are unchanged: records read on every tx
 * (params, a contract's info and key) cost more to decode than to compare. The read itself still goes
 * to the store (it is gas-metered). Values are shared, hence Readonly. Bounded: the oldest entry goes
 * first.
 */
export class DecodeMemo<T> {
  readonly #entries = new Map<string, { bytes: Uint8Array; value: Readonly<T> }>();
  constructor(
    private readonly decode: (b: Uint8Array) => T,
    private readonly max = 1024,
  ) {}

  get(id: string, bytes: Uint8Array): Readonly<T> {
    const hit = this.#entries.get(id);
    if (hit && bytesEqual(hit.bytes, bytes)) return hit.value;
    const value = this.decode(bytes);
    if (!hit && this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(id, { bytes: bytes.slice(), value });
    return value;
  }
}

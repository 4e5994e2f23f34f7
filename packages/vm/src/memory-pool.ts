// Memories for contract instances (instrument() turns a module's memory into an import): a fresh
// WebAssembly.Memory with data segments costs 60–100 µs per call in V8 (reservation, guard regions,
// page faults on first touch), a reused one a few µs.

/** The part of WebAssembly.Memory the runtime uses (lib ES2022 does not declare the namespace). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

const WasmMemoryCtor = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum?: number }) => WasmMemory } }).WebAssembly
  .Memory;

/**
 * Zeroed memories for reuse, by limits. Every memory is zeroed as soon as its call ends (no plaintext
 * of a call outlives it); it is reused only if the call did not grow it, so the next instance starts
 * from the same bytes and size as with a fresh memory.
 */
export class MemoryPool {
  readonly #free = new Map<string, WasmMemory[]>();
  static readonly PER_SIZE = 8;
  /** Calls that got a reused memory / a new one. */
  reused = 0;
  created = 0;

  take(l: { min: number; max: number }): WasmMemory {
    const m = this.#free.get(`${l.min}/${l.max}`)?.pop();
    if (m) {
      this.reused++;
      return m;
    }
    this.created++;
    return new WasmMemoryCtor({ initial: l.min, maximum: l.max });
  }

  give(m: WasmMemory, l: { min: number; max: number }): void {
    new Uint8Array(m.buffer).fill(0);
    if (m.buffer.byteLength !== l.min * 65536) return;
    const key = `${l.min}/${l.max}`;
    let list = this.#free.get(key);
    if (!list) this.#free.set(key, (list = []));
    if (list.length < MemoryPool.PER_SIZE) list.push(m);
  }
}

// Reusing contract instances. `new WebAssembly.Instance` costs 20–50 µs per call in V8 (instance
// object, import wrappers, export objects), more than most contract code. An instance can be reused
// only if what a call may change can be put back exactly as a fresh instance has it:
//   - its memory: zeroed, then the active data segments written again (a call that grew the memory
//     retires the instance, since a memory cannot shrink);
//   - its mutable globals: set back to their initial constants (exported under reserved names so the
//     host can set them);
//   - nothing else: modules that could change a table (table.set/grow/fill/copy/init, elem.drop),
//     drop a passive data segment (data.drop, so memory.init would see it gone), or run code at
//     instantiation (a start function) are never pooled.
// Each pooled instance owns its memory and a host context whose per-call fields are set before
// every call, so no state of one call is visible to the next.
import { forEachInstruction } from './instructions.js';
import type { WasmModule } from './reader.js';

/** Export name prefix of the module's mutable globals in the linked module (reserved by instrument()). */
export const RESET_GLOBAL_PREFIX = '__scrtd_reset_g';

/** Instructions after which a used instance no longer equals a fresh one (beyond memory and globals). */
const STATEFUL = new Set(['table.set', 'table.grow', 'table.fill', 'table.copy', 'table.init', 'elem.drop', 'data.drop']);

export interface ResetPlan {
  /** Index (in the global index space) and initial value of every mutable global, exported as RESET_GLOBAL_PREFIX + index. */
  globals: { index: number; init: number | bigint }[];
  /** Active data segments of memory 0, in module order. */
  data: { offset: number; bytes: Uint8Array }[];
}

/**
 * How to return an instance of `m` (an instrumented module whose memory is imported) to its fresh
 * state, or undefined if it cannot be pooled.
 */
export function resetPlan(m: WasmModule): ResetPlan | undefined {
  if (m.start !== undefined) return undefined;
  if (m.imports.some((i) => i.desc.kind === 'global' || i.desc.kind === 'table')) return undefined;
  // No imported globals, so a global's index is its position in the global section.
  const globals: ResetPlan['globals'] = [];
  for (let i = 0; i < m.globals.length; i++) {
    const g = m.globals[i]!;
    if (!g.type.mutable) continue;
    const { op, value } = g.init;
    if (op === 'i32.const' && g.type.type === 'i32') globals.push({ index: i, init: Number(value) | 0 });
    else if (op === 'i64.const' && g.type.type === 'i64') globals.push({ index: i, init: BigInt.asIntN(64, BigInt(value)) });
    else return undefined; // float or reference globals: not worth the special cases
  }
  const data: ResetPlan['data'] = [];
  for (const d of m.data) {
    if (d.mode !== 'active') continue;
    if (d.memoryIndex !== 0 || d.offset?.op !== 'i32.const') return undefined;
    data.push({ offset: Number(d.offset.value) >>> 0, bytes: d.bytes });
  }
  for (const body of m.code) {
    let stateful = false;
    forEachInstruction(body.code, (ins) => {
      if (STATEFUL.has(ins.name)) stateful = true;
    });
    if (stateful) return undefined;
  }
  return { globals, data };
}

/** A global as the JS API exposes it. */
export interface ResettableGlobal {
  value: number | bigint;
}

/**
 * Puts a used instance back to its fresh state: memory zeroed and re-initialised, mutable globals
 * reset. `memory` must still have the size it was created with.
 */
export function resetInstance(plan: ResetPlan, memory: { buffer: ArrayBuffer }, globals: readonly ResettableGlobal[]): void {
  const bytes = new Uint8Array(memory.buffer);
  bytes.fill(0);
  for (const d of plan.data) bytes.set(d.bytes, d.offset);
  for (let i = 0; i < globals.length; i++) globals[i]!.value = plan.globals[i]!.init;
}

// Test helpers: compile WAT text with wabt and build contract-shaped modules from a few options.

type Wabt = {
  parseWat(name: string, text: string, features?: Record<string, boolean>): {
    toBinary(o: object): { buffer: Uint8Array };
    destroy(): void;
  };
};
let wabtPromise: Promise<Wabt> | undefined;

async function getWabt(): Promise<Wabt> {
  wabtPromise ??= import('wabt').then((m) => (m.default as unknown as () => Promise<Wabt>)());
  return wabtPromise;
}

/** Compiles WAT text to a wasm binary (no wabt validation, so deliberately invalid shapes compile). */
export async function wat(text: string): Promise<Uint8Array> {
  const wabt = await getWabt();
  const mod = wabt.parseWat('test.wat', text, { sign_extension: true, sat_float_to_int: true, bulk_memory: true, multi_value: true });
  try {
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

export interface ContractShape {
  /** Marker exports (default: interface_version_8). */
  markers?: string[];
  /** Function exports besides the markers. */
  exports?: string[];
  /** Import declarations (WAT). */
  imports?: string;
  /** Memory declaration (WAT). */
  memory?: string;
  /** Extra module fields (WAT). */
  extra?: string;
}

export const V1_EXPORTS = ['allocate', 'deallocate', 'instantiate', 'execute', 'query'];
export const V010_EXPORTS = ['allocate', 'deallocate', 'init', 'handle', 'query'];

export const V1_IMPORTS = `
  (import "env" "db_read" (func (param i32) (result i32)))
  (import "env" "db_write" (func (param i32 i32)))
  (import "env" "db_remove" (func (param i32)))
  (import "env" "addr_validate" (func (param i32) (result i32)))
  (import "env" "addr_canonicalize" (func (param i32 i32) (result i32)))
  (import "env" "secp256k1_recover_pubkey" (func (param i32 i32 i32) (result i64)))
  (import "env" "ed25519_batch_verify" (func (param i32 i32 i32) (result i32)))
  (import "env" "debug" (func (param i32)))
  (import "env" "check_gas" (func (result i64)))
  (import "env" "gas_evaporate" (func (param i32) (result i32)))
  (import "env" "query_chain" (func (param i32) (result i32)))`;

export const V010_IMPORTS = `
  (import "env" "db_read" (func (param i32) (result i32)))
  (import "env" "db_write" (func (param i32 i32)))
  (import "env" "canonicalize_address" (func (param i32 i32) (result i32)))
  (import "env" "humanize_address" (func (param i32 i32) (result i32)))
  (import "env" "debug_print" (func (param i32)))
  (import "env" "query_chain" (func (param i32) (result i32)))`;

export function contractWat(shape: ContractShape = {}): string {
  const markers = shape.markers ?? ['interface_version_8'];
  const exports = shape.exports ?? V1_EXPORTS;
  return `(module
  ${shape.imports ?? V1_IMPORTS}
  ${shape.memory ?? '(memory (export "memory") 17)'}
  ${markers.map((m) => `(func (export "${m}"))`).join('\n  ')}
  ${exports.map((e) => `(func (export "${e}") (param i32) (result i32) local.get 0 i32.const 1 i32.add)`).join('\n  ')}
  ${shape.extra ?? ''}
)`;
}

export function contract(shape: ContractShape = {}): Promise<Uint8Array> {
  return wat(contractWat(shape));
}

/** Deterministic PRNG (xorshift32) so fuzz failures are reproducible. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

/**
 * A bump `allocate` over a mutable `$heap` global (Regions of the requested capacity), `deallocate`
 * as a no-op, and `$first`: the first byte of a Region's data.
 */
export const ALLOCATOR = `
  (global $heap (mut i32) (i32.const 0x1000))
  (func $allocate (export "allocate") (param $size i32) (result i32) (local $r i32)
    global.get $heap
    local.set $r
    local.get $r
    local.get $r
    i32.const 12
    i32.add
    i32.store
    local.get $r
    local.get $size
    i32.store offset=4
    local.get $r
    i32.const 0
    i32.store offset=8
    local.get $r
    local.get $size
    i32.add
    i32.const 19
    i32.add
    i32.const -8
    i32.and
    global.set $heap
    local.get $r)
  (func (export "deallocate") (param i32))
  (func $first (param $region i32) (result i32)
    local.get $region
    i32.load
    i32.load8_u)`;

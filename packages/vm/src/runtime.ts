// The contract runtime: compiles instrumented code once per code hash (kept in a bounded LRU
// cache in memory and, optionally, on disk), and runs one entry point per call on an instance in its
// fresh state (a new one, or a reused one reset exactly: instance-pool.ts) with the §7.4 host imports,
// §7.2 parameter order and §8 gas.
import { functionType, readModule, type WasmModule } from './reader.js';
import { DEFAULT_MAX_STACK_UNITS, INSTRUMENT_EXPORTS, MAX_RUNTIME_PAGES, MEMORY_IMPORT, instrument, type InstrumentOptions } from './instrument.js';
import { DiskModuleCache } from './module-cache.js';
import { MemoryPool, type WasmMemory } from './memory-pool.js';
import { hostImports, OutOfGasTrap, type HostContext, type KvGas, type Querier, type Storage } from './host-imports.js';
import { RESET_GLOBAL_PREFIX, resetInstance, resetPlan, type ResetPlan } from './instance-pool.js';
import { passToContract, readRegion, RegionError, type LinearMemory } from './region.js';
import { VmRuntimeError } from './runtime-error.js';
import { codeHash as sha256Hex } from './upload.js';
import { HOST_SIGNATURES, type ApiVersion } from './imports.js';
import { ByteWriter, encodeModule, encodeVector, putSection, splitSections } from './writer.js';

// lib ES2022 does not declare the WebAssembly namespace: the minimal typed facade used here.
interface WasmGlobal {
  value: unknown;
}
interface WasmInstance {
  exports: Record<string, unknown>;
}
type WasmModuleObject = object;
const WA = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => WasmModuleObject;
      Instance: new (module: WasmModuleObject, imports: Record<string, Record<string, unknown>>) => WasmInstance;
      RuntimeError: new (...a: unknown[]) => Error;
    };
  }
).WebAssembly;

export type EntryPoint = 'instantiate' | 'execute' | 'query' | 'migrate' | 'reply' | 'sudo' | 'init' | 'handle';
type Param = 'env' | 'info' | 'msg';

/** Per API version and entry: the export's parameters (signature order) and the order the host writes them (§7.2). */
const CONVENTIONS: Record<ApiVersion, Partial<Record<EntryPoint, { params: Param[]; writeOrder: Param[] }>>> = {
  'v0.10': {
    init: { params: ['env', 'msg'], writeOrder: ['env', 'msg'] },
    handle: { params: ['env', 'msg'], writeOrder: ['msg', 'env'] },
    query: { params: ['msg'], writeOrder: ['msg'] },
    migrate: { params: ['env', 'msg'], writeOrder: ['env', 'msg'] },
  },
  v1: {
    instantiate: { params: ['env', 'info', 'msg'], writeOrder: ['env', 'msg', 'info'] },
    execute: { params: ['env', 'info', 'msg'], writeOrder: ['msg', 'env', 'info'] },
    query: { params: ['env', 'msg'], writeOrder: ['msg', 'env'] },
    migrate: { params: ['env', 'msg'], writeOrder: ['env', 'msg'] },
    reply: { params: ['env', 'msg'], writeOrder: ['msg', 'env'] },
    sudo: { params: ['env', 'msg'], writeOrder: ['msg', 'env'] },
  },
};

/** Default cap on the result Region a contract can make the host copy. */
export const DEFAULT_MAX_RESULT_SIZE = 4 * 1024 * 1024;

export interface CallRequest {
  codeHash: string;
  /** The original (un-instrumented) wasm; needed only if this code hash is not compiled yet. */
  wasm?: Uint8Array;
  apiVersion: ApiVersion;
  entry: EntryPoint;
  /** The env JSON (env.ts). */
  env: string;
  /** The info JSON (v1 instantiate / execute). */
  info?: string;
  msg: Uint8Array;
  /** Wasm gas (1 SDK gas = 1000). */
  gasLimit: bigint;
  storage: Storage;
  /** Queries: db_write / db_remove fail with `unauthorized_write`. */
  readOnly: boolean;
  /** Answers query_chain: request JSON bytes → SystemResult JSON bytes (optionally with the gas it used). */
  querier?: Querier;
  /** Receives debug / debug_print text (default: dropped). */
  debug?: (text: string) => void;
  /** Extra wasm gas per storage operation (the store's KV gas); default 0. */
  kvGas?: KvGas;
}

export type CallResult =
  | { ok: true; result: Uint8Array; gasUsed: bigint }
  | { ok: false; error: VmRuntimeError; gasUsed: bigint };

/** Default number of compiled modules kept in memory. */
export const DEFAULT_MAX_CACHED_MODULES = 64;
/**
 * Stack units (≈ 8 bytes each) set aside for the host's own frames when a call is nested inside
 * another contract's host call (e.g. a querier that calls another contract): the inner call's
 * stack budget is the outer call's remaining budget minus this, so nesting cannot multiply it.
 * Small on purpose: the query depth limit (10) bounds the number of host sections, and a large
 * reserve would make legitimate query chains fail.
 */
export const NESTED_CALL_STACK_UNITS = 512;

export interface RuntimeOptions {
  instrument?: InstrumentOptions;
  maxResultSize?: number;
  /** Compiled modules kept in memory, least recently used evicted first (default 64; at least 1). */
  maxCachedModules?: number;
  /**
   * Directory for instrumented code (created if missing). With it, a module evicted from memory or
   * lost with a restart is reloaded without re-running analysis and instrumentation (V8 still
   * compiles it). Files are keyed by code hash, INSTRUMENT_VERSION and the instrumentation options.
   */
  cacheDir?: string;
}

interface Compiled {
  /** Code hash (the cache key). */
  hash: string;
  module: WasmModuleObject;
  /** Exported function name → "i32,i32->i32"-style signature of the original module. */
  functions: Map<string, string>;
  /** Limits of the memory the module imports (instrument() turns its memory into an import). */
  memory?: { min: number; max: number };
  /** The `memory` export is that imported memory (linked without it: the runtime has the object). */
  exportsImportedMemory: boolean;
  /** How a used instance is put back to its fresh state, when instances of this module can be reused. */
  reset?: ResetPlan;
  /** Instances ready for reuse (fresh state), at most INSTANCES_PER_CODE. */
  idle: LiveInstance[];
}

/** Idle instances kept per compiled module (nested calls of the same code each need their own). */
const INSTANCES_PER_CODE = 4;
/**
 * Memory held by idle instances of all modules together: each owns its memory (a Rust contract's 17
 * initial pages are 1.1 MiB), so without this bound 64 cached modules could keep ~280 MiB idle.
 */
const MAX_IDLE_INSTANCE_BYTES = 32 * 1024 * 1024;

/** A host context whose per-call fields are replaced before every call of its instance. */
type CallContext = HostContext & { gasLimit: bigint };

/** An instance with the memory it owns and the host context its imports were linked with. */
interface LiveInstance {
  exports: Record<string, unknown>;
  mem: WasmMemory | undefined;
  ctx: CallContext;
  /** The module's mutable globals, in ResetPlan order. */
  resets: WasmGlobal[];
}

/** Storage of an idle instance: a host call outside a call is a bug. */
const NO_STORAGE: Storage = {
  get: () => {
    throw new Error('storage used outside a call');
  },
  set: () => {
    throw new Error('storage used outside a call');
  },
  remove: () => {
    throw new Error('storage used outside a call');
  },
};

/** Exports the runtime reads from an instance; `memory` only when it is not the imported memory. */
const LINKED_EXPORTS = new Set<string>(['allocate', 'memory', ...Object.values(CONVENTIONS).flatMap((c) => Object.keys(c)), ...Object.values(INSTRUMENT_EXPORTS)]);
const EXPORT_KIND = { func: 0, table: 1, memory: 2, global: 3 } as const;

/**
 * Compiles an instrumented module for linking: V8 builds a JS object for every export of every
 * instance (a function with its shared info for each exported function), so exports the runtime never
 * reads (deallocate, API markers, the imported memory) are dropped from the export section.
 * Execution and gas do not depend on exports.
 */
function compileForLinking(instrumented: Uint8Array): Pick<Compiled, 'module' | 'memory' | 'exportsImportedMemory' | 'reset'> {
  const m = readModule(instrumented);
  const imp = m.imports.find((i) => i.module === 'env' && i.name === MEMORY_IMPORT);
  const memory = imp && imp.desc.kind === 'memory' ? { min: imp.desc.limits.min, max: imp.desc.limits.max ?? MAX_RUNTIME_PAGES } : undefined;
  const exportsImportedMemory = memory !== undefined && m.exports.some((e) => e.name === 'memory' && e.kind === 'memory');
  const kept = m.exports.filter((e) => LINKED_EXPORTS.has(e.name) && !(e.name === 'memory' && exportsImportedMemory));
  // Instances are reused only with a memory the runtime owns (imported), see instance-pool.ts.
  const reset = memory !== undefined ? resetPlan(m) : undefined;
  const items = kept.map((e) => new ByteWriter().name(e.name).byte(EXPORT_KIND[e.kind]).u32(e.index).finish());
  for (const g of reset?.globals ?? []) items.push(new ByteWriter().name(`${RESET_GLOBAL_PREFIX}${g.index}`).byte(EXPORT_KIND.global).u32(g.index).finish());
  let bytes = instrumented;
  if (items.length !== m.exports.length || kept.length !== m.exports.length) {
    const sections = splitSections(instrumented);
    putSection(sections, { id: 7, payload: encodeVector(items) });
    bytes = encodeModule(sections);
  }
  let module: WasmModuleObject;
  try {
    module = new WA.Module(bytes);
  } catch (e) {
    // V8's message may name byte offsets: report the one for the module as instrumented.
    if (bytes !== instrumented) new WA.Module(instrumented);
    throw e;
  }
  return reset ? { module, memory, exportsImportedMemory, reset } : { module, memory, exportsImportedMemory };
}

/** Where a module came from when the vm made it available. */
export type WarmSource = 'memory' | 'disk' | 'compiled';

const MAX_GAS = (1n << 63n) - 1n;
const utf8 = new TextEncoder();

export class Vm {
  /** Compiled modules by code hash; Map order is recency order (least recently used first). */
  private readonly cache = new Map<string, Compiled>();
  /**
   * Code that failed to instrument or compile, with its error (deterministic, so remembered: a
   * contract that can never run does not cost an instrumentation per call). Bounded like `cache`.
   */
  private readonly failures = new Map<string, VmRuntimeError>();
  private readonly disk: DiskModuleCache | undefined;
  private readonly maxCached: number;
  /** stack-left globals of the calls in progress (outermost first), for nested calls. */
  private readonly active: WasmGlobal[] = [];
  /** Modules analysed, instrumented and compiled from the original wasm (the cold path). */
  compilations = 0;
  private readonly memories = new MemoryPool();

  /** How many calls reused a pooled memory, and how many needed a new one. */
  get memoryStats(): { reused: number; created: number } {
    return { reused: this.memories.reused, created: this.memories.created };
  }
  /** Modules loaded from the disk cache (verified, then compiled by V8 without re-instrumenting). */
  diskHits = 0;
  /** Modules dropped from memory to respect maxCachedModules. */
  evictions = 0;
  private readonly maxResultSize: number;

  constructor(private readonly options: RuntimeOptions = {}) {
    this.maxResultSize = options.maxResultSize ?? DEFAULT_MAX_RESULT_SIZE;
    const max = options.maxCachedModules ?? DEFAULT_MAX_CACHED_MODULES;
    if (!Number.isInteger(max) || max < 1) throw new RangeError('maxCachedModules must be a positive integer');
    this.maxCached = max;
    if (options.cacheDir !== undefined) {
      const io = options.instrument ?? {};
      const key = JSON.stringify({
        maxStackUnits: io.maxStackUnits ?? io.maxStackSlots ?? DEFAULT_MAX_STACK_UNITS,
        maxMemoryPages: io.maxMemoryPages ?? MAX_RUNTIME_PAGES,
        mergeCharges: io.mergeCharges !== false,
      });
      this.disk = new DiskModuleCache(options.cacheDir, key);
    }
  }

  /** Whether a compiled module for this code hash is in memory (does not refresh its recency). */
  has(codeHash: string): boolean {
    return this.cache.has(codeHash.toLowerCase());
  }

  /** Code hashes in memory, least recently used first. */
  cached(): string[] {
    return [...this.cache.keys()];
  }

  /** Compiles (instrumented) and caches `wasm` under its hash; returns the hash. Throws VmRuntimeError. */
  compile(wasm: Uint8Array, expectedHash?: string): string {
    const hash = sha256Hex(wasm);
    if (expectedHash !== undefined && expectedHash.toLowerCase() !== hash) {
      throw new VmRuntimeError('missing_code', `wasm hashes to ${hash}, not ${expectedHash}`);
    }
    this.load(hash, wasm);
    return hash;
  }

  /**
   * Makes the module for `codeHash` available in memory — from memory, else the disk cache, else by
   * instrumenting and compiling `wasm` (which must hash to `codeHash`) — and reports where it came
   * from, or undefined if it is nowhere and no wasm was given. Throws VmRuntimeError like compile.
   */
  warm(codeHash: string, wasm?: Uint8Array): WarmSource | undefined {
    const hash = codeHash.toLowerCase();
    const before = { compiled: this.compilations, disk: this.diskHits };
    if (wasm !== undefined) {
      const actual = sha256Hex(wasm);
      if (actual !== hash) throw new VmRuntimeError('missing_code', `wasm hashes to ${actual}, not ${codeHash}`);
    }
    if (!this.load(hash, wasm)) return undefined;
    if (this.compilations > before.compiled) return 'compiled';
    return this.diskHits > before.disk ? 'disk' : 'memory';
  }

  /** Drops a module (or a remembered compile failure) from memory; the disk cache keeps its file. */
  evict(codeHash: string): void {
    this.#drop(this.cache.get(codeHash.toLowerCase()));
    this.cache.delete(codeHash.toLowerCase());
    this.failures.delete(codeHash.toLowerCase());
  }

  /** Bytes of memory held by idle instances (bounded by MAX_IDLE_INSTANCE_BYTES). */
  #idleBytes = 0;
  get idleInstanceBytes(): number {
    return this.#idleBytes;
  }

  /** Forgets a module's idle instances (it leaves the cache). */
  #drop(compiled: Compiled | undefined): void {
    if (!compiled) return;
    for (const live of compiled.idle.splice(0)) this.#idleBytes -= live.mem?.buffer.byteLength ?? 0;
  }

  /**
   * Memory (refreshing recency) → disk → instrument `wasm` (trusted to hash to `hash`).
   * Returns undefined if the module is nowhere and no wasm is given.
   */
  private load(hash: string, wasm: Uint8Array | undefined): Compiled | undefined {
    const hit = this.cache.get(hash);
    if (hit) {
      this.cache.delete(hash);
      this.cache.set(hash, hit);
      return hit;
    }
    const failed = this.failures.get(hash);
    if (failed) throw failed;
    let compiled: Compiled | undefined;
    const stored = this.disk?.load(hash);
    if (stored) {
      try {
        compiled = { ...compileForLinking(stored.wasm), hash, functions: stored.functions, idle: [] };
        this.diskHits++;
      } catch {
        compiled = undefined; // unusable file: rebuilt below, if the wasm is at hand
      }
    }
    if (!compiled) {
      if (wasm === undefined) return undefined;
      let instrumented: Uint8Array;
      let functions: Map<string, string>;
      try {
        const parsed = readModule(wasm);
        checkImports(parsed);
        functions = new Map<string, string>();
        for (const e of parsed.exports) {
          if (e.kind !== 'func') continue;
          const t = functionType(parsed, e.index);
          if (t) functions.set(e.name, `${t.params.join(',')}->${t.results.join(',')}`);
        }
        instrumented = instrument(wasm, this.options.instrument).wasm;
        compiled = { ...compileForLinking(instrumented), hash, functions, idle: [] };
      } catch (e) {
        const error = new VmRuntimeError('instantiate', `cannot compile contract: ${(e as Error).message}`, { cause: e });
        this.failures.set(hash, error);
        if (this.failures.size > this.maxCached) this.failures.delete(this.failures.keys().next().value as string);
        throw error;
      }
      this.compilations++;
      this.disk?.store(hash, { wasm: instrumented, functions });
    }
    this.cache.set(hash, compiled);
    while (this.cache.size > this.maxCached) {
      const oldest = this.cache.keys().next().value as string;
      this.#drop(this.cache.get(oldest));
      this.cache.delete(oldest);
      this.evictions++;
    }
    return compiled;
  }

  /** Runs one entry point on an instance in its fresh state. Never throws for contract faults; throws TypeError for caller bugs. */
  call(req: CallRequest): CallResult {
    if (typeof req.gasLimit !== 'bigint' || req.gasLimit < 0n || req.gasLimit > MAX_GAS) throw new TypeError('gasLimit must be a bigint in [0, 2^63)');
    const conv = CONVENTIONS[req.apiVersion]?.[req.entry];
    if (!conv) return fault('missing_entry', `entry point ${req.entry} does not exist for API ${req.apiVersion}`, 0n);
    if (conv.params.includes('info') && req.info === undefined) throw new TypeError(`${req.entry} needs info`);

    const hash = req.codeHash.toLowerCase();
    let compiled: Compiled | undefined;
    try {
      // Wasm handed in for a code hash that is not loaded yet must hash to it.
      if (req.wasm !== undefined && !this.cache.has(hash)) {
        const actual = sha256Hex(req.wasm);
        if (actual !== hash) return fault('missing_code', `wasm hashes to ${actual}, not ${req.codeHash}`, 0n);
      }
      compiled = this.load(hash, req.wasm);
    } catch (e) {
      return { ok: false, error: e as VmRuntimeError, gasUsed: 0n };
    }
    if (!compiled) return fault('missing_code', `no compiled code for ${req.codeHash} and no wasm given`, 0n);
    const expected = `${conv.params.map(() => 'i32').join(',')}->i32`;
    const sig = compiled.functions.get(req.entry);
    if (sig === undefined) return fault('missing_entry', `contract does not export ${req.entry}`, 0n);
    if (sig !== expected) return fault('missing_entry', `export ${req.entry} has signature ${sig}, expected ${expected}`, 0n);

    let live: LiveInstance;
    const idle = compiled.idle.pop();
    if (idle) {
      this.#idleBytes -= idle.mem?.buffer.byteLength ?? 0;
      live = idle;
      this.instancesReused++;
    } else {
      const made = this.#instantiate(compiled);
      if (!('exports' in made)) return made;
      live = made;
      this.instancesCreated++;
    }
    const { exports, ctx } = live;
    ctx.gasLimit = req.gasLimit;
    ctx.apiVersion = req.apiVersion;
    ctx.storage = req.storage;
    ctx.readOnly = req.readOnly;
    ctx.kvGas = req.kvGas;
    ctx.querier = req.querier;
    ctx.debug = req.debug;
    const g = (name: string) => exports[name] as WasmGlobal;
    const gasLeft = () => g(INSTRUMENT_EXPORTS.gasLeft).value as bigint;
    const memory = ctx.memory;
    const allocate = ctx.allocate;
    try {
      if (typeof exports.allocate !== 'function' || (!compiled.exportsImportedMemory && typeof exports.memory !== 'object')) {
        return fault('missing_entry', 'contract must export memory and allocate', 0n);
      }
      g(INSTRUMENT_EXPORTS.gasLeft).value = req.gasLimit;
      const used = () => req.gasLimit - gasLeft();
      // A call nested in another contract's host call shares that call's native stack.
      const stackLeft = g(INSTRUMENT_EXPORTS.stackLeft);
      const outer = this.active[this.active.length - 1];
      if (outer) stackLeft.value = Math.max(0, Math.min(stackLeft.value as number, (outer.value as number) - NESTED_CALL_STACK_UNITS));
      this.active.push(stackLeft);

      try {
        const ptrs = {} as Record<Param, number>;
        for (const p of conv.writeOrder) {
          const bytes = p === 'msg' ? req.msg : utf8.encode(p === 'env' ? req.env : (req.info ?? ''));
          ptrs[p] = passToContract({ memory: memory(), allocate }, bytes);
        }
        const fn = exports[req.entry] as (...a: number[]) => number;
        const out = fn(...conv.params.map((p) => ptrs[p])) >>> 0;
        const result = readRegion(memory(), out, this.maxResultSize);
        return { ok: true, result, gasUsed: used() };
      } catch (e) {
        // Flags first: an out-of-gas or stack trap may surface through a host function or allocate.
        if (g(INSTRUMENT_EXPORTS.gasExhausted).value === 1 || e instanceof OutOfGasTrap) return fault('out_of_gas', 'out of gas', req.gasLimit, e);
        if (g(INSTRUMENT_EXPORTS.stackExhausted).value === 1) return fault('stack_overflow', 'stack overflow', used(), e);
        if (e instanceof VmRuntimeError) return { ok: false, error: e, gasUsed: used() };
        if (e instanceof RegionError) return fault('region', e.message, used(), e);
        return fault('panic', 'the contract panicked', used(), e);
      } finally {
        this.active.pop();
      }
    } finally {
      this.#release(compiled, live);
    }
  }

  /** Calls that reused an idle instance, and calls that needed a new one. */
  instancesReused = 0;
  instancesCreated = 0;

  /**
   * A new instance of `compiled` with its own (pooled) memory and a host context whose per-call fields
   * are set by `call`; or the fault if V8 refuses to instantiate it.
   */
  #instantiate(compiled: Compiled): LiveInstance | CallResult {
    // The instrumented module imports its memory: a pooled one, owned by this instance from now on.
    const limits = compiled.memory;
    const mem = limits ? this.memories.take(limits) : undefined;
    // Late-bound: the imports object must exist before the instance does.
    let exports: Record<string, unknown> = {};
    const g = (name: string) => exports[name] as WasmGlobal;
    const gasLeft = () => g(INSTRUMENT_EXPORTS.gasLeft).value as bigint;
    const ctx: CallContext = {
      gasLimit: 0n,
      memory: compiled.exportsImportedMemory ? () => mem as LinearMemory : () => exports.memory as LinearMemory,
      allocate: (size: number) => (exports.allocate as (n: number) => number)(size) >>> 0,
      charge: (cost) => {
        const left = gasLeft();
        if (left < cost) {
          g(INSTRUMENT_EXPORTS.gasExhausted).value = 1;
          throw new OutOfGasTrap('out of gas in a host function');
        }
        g(INSTRUMENT_EXPORTS.gasLeft).value = left - cost;
      },
      gasUsed: () => ctx.gasLimit - gasLeft(),
      gasLeft,
      apiVersion: 'v1',
      storage: NO_STORAGE,
      readOnly: true,
    };
    const env = hostImports(ctx) as Record<string, unknown>;
    if (mem) env[MEMORY_IMPORT] = mem;
    try {
      exports = new WA.Instance(compiled.module, { env }).exports;
    } catch (e) {
      if (mem && limits) this.memories.give(mem, limits);
      return fault('instantiate', `cannot instantiate contract: ${(e as Error).message}`, 0n, e);
    }
    const resets = (compiled.reset?.globals ?? []).map((r) => exports[`${RESET_GLOBAL_PREFIX}${r.index}`] as WasmGlobal);
    return { exports, mem, ctx, resets };
  }

  /**
   * After a call: the instance goes back to its fresh state and waits for the next call of its code,
   * if its module allows it and the call did not grow its memory; otherwise only its memory is kept
   * (zeroed) for new instances. Either way no byte of the call stays in memory.
   */
  #release(compiled: Compiled, live: LiveInstance): void {
    const { ctx, mem } = live;
    ctx.storage = NO_STORAGE;
    ctx.kvGas = undefined;
    ctx.querier = undefined;
    ctx.debug = undefined;
    const limits = compiled.memory;
    const bytes = mem?.buffer.byteLength ?? 0;
    if (
      compiled.reset &&
      mem &&
      limits &&
      bytes === limits.min * 65536 &&
      compiled.idle.length < INSTANCES_PER_CODE &&
      this.#idleBytes + bytes <= MAX_IDLE_INSTANCE_BYTES &&
      this.cache.get(compiled.hash) === compiled
    ) {
      resetInstance(compiled.reset, mem, live.resets as { value: number | bigint }[]);
      compiled.idle.push(live);
      this.#idleBytes += bytes;
      return;
    }
    if (mem && limits) this.memories.give(mem, limits);
  }
}

/**
 * Host functions are JavaScript, which V8 links whatever signature the module declares: code that
 * did not go through the upload checks must not reach them with other types (a BigInt where a
 * pointer is expected…). Every import must be an `env` host function with its §7.4 signature.
 */
function checkImports(m: WasmModule): void {
  for (const imp of m.imports) {
    const expected = imp.module === 'env' && imp.desc.kind === 'func' ? HOST_SIGNATURES[imp.name] : undefined;
    if (!expected || imp.desc.kind !== 'func') throw new Error(`import ${imp.module}.${imp.name} is not a host function`);
    const t = m.types[imp.desc.typeIndex];
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    if (!t || !same(t.params, expected.params) || !same(t.results, expected.results)) {
      throw new Error(`import env.${imp.name} does not have the signature (${expected.params.join(', ')}) -> (${expected.results.join(', ')})`);
    }
  }
}

function fault(code: VmRuntimeError['code'], message: string, gasUsed: bigint, cause?: unknown): CallResult {
  return { ok: false, error: new VmRuntimeError(code, message, cause === undefined ? undefined : { cause }), gasUsed };
}

export function createRuntime(options?: RuntimeOptions): Vm {
  return new Vm(options);
}

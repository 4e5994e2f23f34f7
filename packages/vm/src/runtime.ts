// The contract runtime: compiles instrumented code once per code hash, and runs one entry point
// per call on a fresh instance with the §7.4 host imports, §7.2 parameter order and §8 gas.
import { functionType, readModule } from './reader.js';
import { INSTRUMENT_EXPORTS, instrument, type InstrumentOptions } from './instrument.js';
import { hostImports, OutOfGasTrap, type KvGas, type Storage } from './host-imports.js';
import { passToContract, readRegion, RegionError, type LinearMemory } from './region.js';
import { VmRuntimeError } from './runtime-error.js';
import { codeHash as sha256Hex } from './upload.js';
import type { ApiVersion } from './imports.js';

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
  /** Answers query_chain: request JSON bytes → SystemResult JSON bytes. */
  querier?: (request: Uint8Array) => Uint8Array;
  /** Receives debug / debug_print text (default: dropped). */
  debug?: (text: string) => void;
  /** Extra wasm gas per storage operation (the store's KV gas); default 0. */
  kvGas?: KvGas;
}

export type CallResult =
  | { ok: true; result: Uint8Array; gasUsed: bigint }
  | { ok: false; error: VmRuntimeError; gasUsed: bigint };

export interface RuntimeOptions {
  instrument?: InstrumentOptions;
  maxResultSize?: number;
}

interface Compiled {
  module: WasmModuleObject;
  /** Exported function name → "i32,i32->i32"-style signature of the original module. */
  functions: Map<string, string>;
}

const MAX_GAS = (1n << 63n) - 1n;

export class Vm {
  private readonly cache = new Map<string, Compiled>();
  /** Number of modules compiled so far (each code hash compiles once). */
  compilations = 0;
  private readonly maxResultSize: number;

  constructor(private readonly options: RuntimeOptions = {}) {
    this.maxResultSize = options.maxResultSize ?? DEFAULT_MAX_RESULT_SIZE;
  }

  /** Whether a compiled module for this code hash is cached. */
  has(codeHash: string): boolean {
    return this.cache.has(codeHash.toLowerCase());
  }

  /** Compiles (instrumented) and caches `wasm` under its hash; returns the hash. Throws VmRuntimeError. */
  compile(wasm: Uint8Array, expectedHash?: string): string {
    const hash = sha256Hex(wasm);
    if (expectedHash !== undefined && expectedHash.toLowerCase() !== hash) {
      throw new VmRuntimeError('missing_code', `wasm hashes to ${hash}, not ${expectedHash}`);
    }
    if (this.cache.has(hash)) return hash;
    try {
      const parsed = readModule(wasm);
      const functions = new Map<string, string>();
      for (const e of parsed.exports) {
        if (e.kind !== 'func') continue;
        const t = functionType(parsed, e.index);
        if (t) functions.set(e.name, `${t.params.join(',')}->${t.results.join(',')}`);
      }
      const module = new WA.Module(instrument(wasm, this.options.instrument).wasm);
      this.compilations++;
      this.cache.set(hash, { module, functions });
    } catch (e) {
      throw new VmRuntimeError('instantiate', `cannot compile contract: ${(e as Error).message}`, { cause: e });
    }
    return hash;
  }

  /** Drops a cached module. */
  evict(codeHash: string): void {
    this.cache.delete(codeHash.toLowerCase());
  }

  /** Runs one entry point on a fresh instance. Never throws for contract faults; throws TypeError for caller bugs. */
  call(req: CallRequest): CallResult {
    if (typeof req.gasLimit !== 'bigint' || req.gasLimit < 0n || req.gasLimit > MAX_GAS) throw new TypeError('gasLimit must be a bigint in [0, 2^63)');
    const conv = CONVENTIONS[req.apiVersion]?.[req.entry];
    if (!conv) return fault('missing_entry', `entry point ${req.entry} does not exist for API ${req.apiVersion}`, 0n);
    if (conv.params.includes('info') && req.info === undefined) throw new TypeError(`${req.entry} needs info`);

    let compiled = this.cache.get(req.codeHash.toLowerCase());
    if (!compiled) {
      if (!req.wasm) return fault('missing_code', `no compiled code for ${req.codeHash} and no wasm given`, 0n);
      try {
        compiled = this.cache.get(this.compile(req.wasm, req.codeHash))!;
      } catch (e) {
        return { ok: false, error: e as VmRuntimeError, gasUsed: 0n };
      }
    }
    const expected = `${conv.params.map(() => 'i32').join(',')}->i32`;
    const sig = compiled.functions.get(req.entry);
    if (sig === undefined) return fault('missing_entry', `contract does not export ${req.entry}`, 0n);
    if (sig !== expected) return fault('missing_entry', `export ${req.entry} has signature ${sig}, expected ${expected}`, 0n);

    // Late-bound: the imports object must exist before the instance does.
    let exports: Record<string, unknown> = {};
    const g = (name: string) => exports[name] as WasmGlobal;
    const gasLeft = () => g(INSTRUMENT_EXPORTS.gasLeft).value as bigint;
    const memory = () => exports.memory as LinearMemory;
    const allocate = (size: number) => ((exports.allocate as (n: number) => number)(size) >>> 0);
    const imports = hostImports({
      memory,
      allocate,
      charge: (cost) => {
        const left = gasLeft();
        if (left < cost) {
          g(INSTRUMENT_EXPORTS.gasExhausted).value = 1;
          throw new OutOfGasTrap('out of gas in a host function');
        }
        g(INSTRUMENT_EXPORTS.gasLeft).value = left - cost;
      },
      gasUsed: () => req.gasLimit - gasLeft(),
      apiVersion: req.apiVersion,
      storage: req.storage,
      readOnly: req.readOnly,
      kvGas: req.kvGas,
      querier: req.querier,
      debug: req.debug,
    });

    try {
      exports = new WA.Instance(compiled.module, { env: imports }).exports;
    } catch (e) {
      return fault('instantiate', `cannot instantiate contract: ${(e as Error).message}`, 0n, e);
    }
    if (typeof exports.allocate !== 'function' || typeof exports.memory !== 'object') {
      return fault('missing_entry', 'contract must export memory and allocate', 0n);
    }
    g(INSTRUMENT_EXPORTS.gasLeft).value = req.gasLimit;
    const used = () => req.gasLimit - gasLeft();

    try {
      const values: Record<Param, Uint8Array> = {
        env: new TextEncoder().encode(req.env),
        info: new TextEncoder().encode(req.info ?? ''),
        msg: req.msg,
      };
      const ptrs = {} as Record<Param, number>;
      for (const p of conv.writeOrder) ptrs[p] = passToContract({ memory: memory(), allocate }, values[p]);
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
    }
  }
}

function fault(code: VmRuntimeError['code'], message: string, gasUsed: bigint, cause?: unknown): CallResult {
  return { ok: false, error: new VmRuntimeError(code, message, cause === undefined ? undefined : { cause }), gasUsed };
}

export function createRuntime(options?: RuntimeOptions): Vm {
  return new Vm(options);
}

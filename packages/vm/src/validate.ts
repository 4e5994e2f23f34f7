// Store-time checks Secret Network applies to contract code (secret-protocol.md §6.1, §7.1, §7.4,
// §7.5): API version from marker exports, required exports, import whitelist and signatures,
// memory shape, no start function, allowed `requires_*` features, no floating point. Returns what
// later stages need to know about the code; throws VmError with a stable `code` otherwise.

import { VmError } from './errors.js';
import { ALLOWED_IMPORTS, type ApiVersion, HOST_SIGNATURES, type HostSignature } from './imports.js';
import { forEachInstruction } from './instructions.js';
import { type FuncType, type WasmModule, readModule } from './reader.js';
import { WasmError } from './errors.js';
import { type UploadOptions, codeHash, decodeUpload } from './upload.js';

export type { ApiVersion } from './imports.js';

// The engine's own validator (typed access: lib ES2022 does not declare the WebAssembly namespace).
const engine = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

/** Largest initial memory accepted at upload (32 MiB); the run-time limit (192 pages) is applied at instantiate. */
export const MAX_INITIAL_PAGES = 512;

const MARKERS: Record<string, ApiVersion> = {
  cosmwasm_vm_version_3: 'v0.10',
  interface_version_8: 'v1',
};
// Names that look like an API marker of another CosmWasm generation.
const MARKER_PATTERN = /^(cosmwasm_vm_version_\d+|interface_version_\d+|cosmwasm_api_\d+_\d+)$/;

const REQUIRED: Record<ApiVersion, readonly string[]> = {
  'v0.10': ['init', 'handle', 'query', 'allocate', 'deallocate'],
  v1: ['instantiate', 'allocate', 'deallocate'],
};
export const IBC_EXPORTS = [
  'ibc_channel_open',
  'ibc_channel_connect',
  'ibc_channel_close',
  'ibc_packet_receive',
  'ibc_packet_ack',
  'ibc_packet_timeout',
] as const;
const ENTRY_POINTS: Record<ApiVersion, readonly string[]> = {
  'v0.10': ['init', 'handle', 'query', 'migrate'],
  v1: ['instantiate', 'execute', 'query', 'migrate', 'reply', 'sudo', ...IBC_EXPORTS],
};
export const ALLOWED_FEATURES: ReadonlySet<string> = new Set(['staking', 'stargate', 'ibc3', 'random']);

export interface CodeAnalysis {
  apiVersion: ApiVersion;
  /** SHA-256 of the wasm, lower-case hex. */
  codeHash: string;
  size: number;
  /** Entry points the contract exports, in the order of ENTRY_POINTS for its version. */
  entryPoints: string[];
  ibc: boolean;
  /** `requires_<feature>` exports, sorted. */
  features: string[];
  requiresRandom: boolean;
  /** Imported host functions (all from module `env`), in import order. */
  imports: string[];
  memory: { initialPages: number };
  /** Number of functions defined in the module (imports excluded). */
  functionCount: number;
}

const fmt = (s: HostSignature | FuncType): string => `(${s.params.join(', ')}) -> (${s.results.join(', ')})`;
const sameSig = (a: HostSignature, b: FuncType): boolean =>
  a.params.length === b.params.length &&
  a.results.length === b.results.length &&
  a.params.every((t, i) => t === b.params[i]) &&
  a.results.every((t, i) => t === b.results[i]);

/** Parses and checks raw (already decompressed) wasm. */
export function analyzeCode(wasm: Uint8Array): CodeAnalysis {
  let m: WasmModule;
  try {
    m = readModule(wasm);
  } catch (e) {
    if (e instanceof WasmError) throw new VmError('invalid_wasm', `invalid wasm: ${e.message}`, { cause: e });
    throw e;
  }
  const exportNames = new Set(m.exports.map((e) => e.name));
  const apiVersion = detectApiVersion(m);
  checkImports(m, apiVersion);
  checkMemory(m);
  if (m.start !== undefined) {
    throw new VmError('start_section', 'contracts must not have a start function (start section found)');
  }
  checkExports(m, apiVersion);
  const features = checkFeatures(m);
  checkNoFloats(m);
  // Full spec validation (instruction typing, index ranges inside bodies) by the engine that will
  // run the code; done last so Secret's own checks give the more specific error first.
  if (!engine.validate(wasm)) {
    throw new VmError('invalid_wasm', 'invalid wasm: module fails WebAssembly validation (type or index error in code)');
  }
  const entryPoints = ENTRY_POINTS[apiVersion].filter((n) => exportNames.has(n));
  return {
    apiVersion,
    codeHash: codeHash(wasm),
    size: wasm.length,
    entryPoints,
    ibc: IBC_EXPORTS.every((n) => exportNames.has(n)),
    features,
    requiresRandom: features.includes('random'),
    imports: m.imports.map((i) => i.name),
    memory: { initialPages: m.memories[0].min },
    functionCount: m.functions.length,
  };
}

/** MsgStoreCode pipeline: size limits, gzip, then analyzeCode on the decompressed wasm. */
export function analyzeUpload(bytes: Uint8Array, options: UploadOptions = {}): CodeAnalysis & { wasm: Uint8Array; gzipped: boolean } {
  const { wasm, gzipped } = decodeUpload(bytes, options);
  return { ...analyzeCode(wasm), wasm, gzipped };
}

function detectApiVersion(m: WasmModule): ApiVersion {
  const markers = m.exports.map((e) => e.name).filter((n) => MARKER_PATTERN.test(n));
  const unknown = markers.filter((n) => !(n in MARKERS));
  if (unknown.length > 0) {
    throw new VmError(
      'unsupported_api',
      `unsupported CosmWasm API marker export ${unknown.join(', ')}; Secret Network accepts only cosmwasm_vm_version_3 (v0.10) or interface_version_8 (v1)`,
    );
  }
  if (markers.length === 0) {
    throw new VmError(
      'unsupported_api',
      'no API marker export (cosmwasm_vm_version_3 or interface_version_8); build the contract with secret-cosmwasm-std',
    );
  }
  if (markers.length > 1) {
    throw new VmError('unsupported_api', `contract exports both API markers (${markers.join(', ')}); it must target exactly one API version`);
  }
  return MARKERS[markers[0]];
}

function checkImports(m: WasmModule, version: ApiVersion): void {
  const allowed = ALLOWED_IMPORTS[version];
  for (const imp of m.imports) {
    const full = `${imp.module}.${imp.name}`;
    if (imp.desc.kind === 'memory') {
      throw new VmError('memory', `contract imports its memory (${full}); a contract must define its own memory`);
    }
    if (imp.module !== 'env') {
      throw new VmError('forbidden_import', `import ${full} is from module "${imp.module}"; contracts may import only from "env"`);
    }
    if (imp.desc.kind !== 'func') {
      throw new VmError('forbidden_import', `import ${full} is a ${imp.desc.kind}; contracts may import only host functions`);
    }
    if (imp.name === 'abort') {
      throw new VmError(
        'forbidden_import',
        'import env.abort is not provided by Secret Network; build the contract with secret-cosmwasm-std instead of cosmwasm-std',
      );
    }
    if (!allowed.has(imp.name)) {
      const hint = HOST_SIGNATURES[imp.name] ? ` (it exists only for the other API version, not ${version})` : '';
      throw new VmError('forbidden_import', `import ${full} is not an allowed host function for the ${version} API${hint}`);
    }
    const expected = HOST_SIGNATURES[imp.name];
    const actual = m.types[imp.desc.typeIndex];
    if (!sameSig(expected, actual)) {
      throw new VmError('import_signature', `import ${full} has signature ${fmt(actual)}, expected ${fmt(expected)}`);
    }
  }
}

function checkMemory(m: WasmModule): void {
  if (m.memories.length === 0) throw new VmError('memory', 'contract defines no memory; exactly one is required');
  if (m.memories.length > 1) throw new VmError('memory', `contract defines ${m.memories.length} memories; exactly one is allowed`);
  const mem = m.memories[0];
  if (mem.min > MAX_INITIAL_PAGES) {
    throw new VmError('memory', `initial memory is ${mem.min} pages; at most ${MAX_INITIAL_PAGES} pages (32 MiB) are allowed`);
  }
  // Like upstream CosmWasm, a declared maximum is refused rather than ignored: the host imposes its
  // own limit (192 pages) at run time and a contract-chosen maximum would only mislead.
  if (mem.max !== undefined) {
    throw new VmError('memory', `memory declares a maximum (${mem.max} pages); the maximum must be unset, the host sets it`);
  }
}

function checkExports(m: WasmModule, version: ApiVersion): void {
  const funcs = new Set(m.exports.filter((e) => e.kind === 'func').map((e) => e.name));
  const missing = REQUIRED[version].filter((n) => !funcs.has(n));
  if (missing.length > 0) {
    throw new VmError('missing_export', `${version} contract is missing required function export(s): ${missing.join(', ')}`);
  }
  const ibcPresent = IBC_EXPORTS.filter((n) => funcs.has(n));
  if (ibcPresent.length > 0 && ibcPresent.length < IBC_EXPORTS.length) {
    const absent = IBC_EXPORTS.filter((n) => !funcs.has(n));
    throw new VmError('missing_export', `IBC contracts must export all six IBC entry points; missing: ${absent.join(', ')}`);
  }
}

function checkFeatures(m: WasmModule): string[] {
  const features: string[] = [];
  for (const e of m.exports) {
    if (!e.name.startsWith('requires_')) continue;
    const feature = e.name.slice('requires_'.length);
    if (!ALLOWED_FEATURES.has(feature)) {
      throw new VmError(
        'feature',
        `contract requires unsupported capability "${feature}" (export ${e.name}); supported: ${[...ALLOWED_FEATURES].join(', ')}`,
      );
    }
    features.push(feature);
  }
  return features.sort();
}

/**
 * Secret rejects floating point at instantiate; this node rejects it at upload, so code that can
 * never run is never stored (a dev-node choice: the same contracts end up unusable either way).
 */
function checkNoFloats(m: WasmModule): void {
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  for (const g of m.globals) {
    if (g.init.op === 'f32.const' || g.init.op === 'f64.const') {
      throw new VmError('floating_point', `found floating point operation in module code (${g.init.op} in a global initializer)`);
    }
  }
  m.code.forEach((body, i) => {
    try {
      forEachInstruction(
        body.code,
        (ins) => {
          if (ins.float) {
            throw new VmError('floating_point', `found floating point operation in module code (${ins.name} in function ${imported + i})`);
          }
        },
        body.codeOffset,
      );
    } catch (e) {
      if (e instanceof WasmError) throw new VmError('invalid_wasm', `invalid wasm in function ${imported + i}: ${e.message}`, { cause: e });
      throw e;
    }
  });
}

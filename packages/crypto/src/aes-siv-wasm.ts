// The AES-128-SIV core in WebAssembly (assembly/aes-siv.ts, built into dist/aes-siv.wasm): key
// preparation, S2V component MACs, seal and open of messages up to WASM_MAX_MESSAGE bytes. One
// instance per thread, made on first use. Callers hold prepared keys as opaque byte arrays.
import { instantiatePackageWasm, type WasmGlobal } from './wasm-instance.js';

/** Longest message (plaintext) the wasm path takes; longer ones go to OpenSSL (see aes-siv.ts). */
export const WASM_MAX_MESSAGE = 4096;
/** AD MACs per message the window holds (S2V allows 126 components). */
const MAX_AD = 126;

interface Exports {
  memory: { buffer: ArrayBuffer };
  IO: WasmGlobal;
  IO_SIZE: WasmGlobal;
  PREPARED_SIZE: WasmGlobal;
  PREPARED_EMPTY_MAC: WasmGlobal;
  init(): void;
  ecb(rk: number, inp: number, out: number, n: number): void;
  prepare(key: number, out: number): void;
  cmac(prep: number, msg: number, len: number, out: number): void;
  seal(prep: number, adMacs: number, nAd: number, msg: number, len: number, out: number): void;
  open(prep: number, adMacs: number, nAd: number, sealed: number, len: number, out: number): number;
  wipe(ptr: number, len: number): void;
}

/** Offsets in the module's IO window: the prepared key, AD MACs, the input, the output. */
interface Layout {
  exports: Exports;
  mem: Uint8Array;
  prep: number;
  ad: number;
  input: number;
  output: number;
  preparedSize: number;
  emptyMacAt: number;
  /** The prepared key now in the window (skips the copy when one key serves several calls). */
  loaded: Uint8Array | undefined;
}

let layout: Layout | undefined;

function instance(): Layout {
  if (layout) return layout;
  const exports = instantiatePackageWasm<Exports>('aes-siv');
  exports.init();
  const io = exports.IO.value as number;
  const preparedSize = exports.PREPARED_SIZE.value as number;
  const prep = io;
  const ad = prep + preparedSize;
  const input = ad + MAX_AD * 16;
  const output = input + WASM_MAX_MESSAGE + 16;
  if (output + WASM_MAX_MESSAGE + 16 > io + (exports.IO_SIZE.value as number)) throw new Error('aes-siv.wasm: IO window too small');
  // The memory never grows (no allocator), so one view serves for good.
  layout = { exports, mem: new Uint8Array(exports.memory.buffer), prep, ad, input, output, preparedSize, emptyMacAt: exports.PREPARED_EMPTY_MAC.value as number, loaded: undefined };
  return layout;
}

function load(l: Layout, prepared: Uint8Array): void {
  if (l.loaded === prepared) return;
  l.mem.set(prepared, l.prep);
  l.loaded = prepared;
}

function setAdMacs(l: Layout, adMacs: readonly Uint8Array[]): void {
  for (let i = 0; i < adMacs.length; i++) l.mem.set(adMacs[i]!, l.ad + i * 16);
}

/** The prepared form of a 32-byte AES-SIV key (round keys, subkeys, key-only S2V values). */
export function wasmPrepare(key: Uint8Array): Uint8Array {
  const l = instance();
  l.mem.set(key, l.input);
  l.exports.prepare(l.input, l.prep);
  l.exports.wipe(l.input, 32);
  const prepared = l.mem.slice(l.prep, l.prep + l.preparedSize);
  l.loaded = prepared;
  return prepared;
}

/** S2V's MAC of the empty AD component (a view into the prepared key). */
export function wasmEmptyMac(prepared: Uint8Array): Uint8Array {
  const at = instance().emptyMacAt;
  return prepared.subarray(at, at + 16);
}

/** CMAC of one AD component (≤ WASM_MAX_MESSAGE bytes) under a prepared key. */
export function wasmMac(prepared: Uint8Array, component: Uint8Array): Uint8Array {
  const l = instance();
  load(l, prepared);
  l.mem.set(component, l.input);
  l.exports.cmac(l.prep, l.input, component.length, l.output);
  return l.mem.slice(l.output, l.output + 16);
}

/** V ‖ ciphertext of `plaintext` (≤ WASM_MAX_MESSAGE bytes; adMacs are 16 bytes each, ≤ 126). */
export function wasmSeal(prepared: Uint8Array, adMacs: readonly Uint8Array[], plaintext: Uint8Array): Uint8Array {
  const l = instance();
  load(l, prepared);
  setAdMacs(l, adMacs);
  const n = plaintext.length;
  l.mem.set(plaintext, l.input);
  l.exports.seal(l.prep, l.ad, adMacs.length, l.input, n, l.output);
  const out = l.mem.slice(l.output, l.output + 16 + n);
  l.exports.wipe(l.input, n);
  return out;
}

/** The plaintext of V ‖ ciphertext (16 ≤ length ≤ WASM_MAX_MESSAGE + 16), or null if it does not verify. */
export function wasmOpen(prepared: Uint8Array, adMacs: readonly Uint8Array[], sealed: Uint8Array): Uint8Array | null {
  const l = instance();
  load(l, prepared);
  setAdMacs(l, adMacs);
  const n = sealed.length - 16;
  l.mem.set(sealed, l.input);
  if (l.exports.open(l.prep, l.ad, adMacs.length, l.input, sealed.length, l.output) !== 1) return null;
  const out = l.mem.slice(l.output, l.output + n);
  l.exports.wipe(l.output, n);
  return out;
}

/** AES-128 (ECB) of whole blocks under a 16-byte key, for tests against OpenSSL. */
export function wasmAes128(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  const l = instance();
  if (key.length !== 16 || blocks.length % 16 !== 0 || blocks.length > WASM_MAX_MESSAGE) throw new RangeError('wasmAes128: bad lengths');
  // prepare() expands the first 16 key bytes into the MAC half's round keys (offset 0).
  const key32 = new Uint8Array(32);
  key32.set(key);
  l.mem.set(key32, l.input);
  l.exports.prepare(l.input, l.prep);
  l.loaded = undefined;
  l.mem.set(blocks, l.input);
  l.exports.ecb(l.prep, l.input, l.output, blocks.length / 16);
  const out = l.mem.slice(l.output, l.output + blocks.length);
  l.exports.wipe(l.prep, l.preparedSize);
  return out;
}

// SHA-256, HMAC-SHA256 and one-block HKDF-SHA256 in WebAssembly (assembly/sha256.ts, built into
// dist/sha256.wasm), for the short inputs where a node:crypto call's fixed cost dominates. One
// instance per thread, made on first use. hash.ts decides which inputs come here.
import { instantiatePackageWasm, type WasmGlobal } from './wasm-instance.js';

interface Exports {
  memory: { buffer: ArrayBuffer };
  IO: WasmGlobal;
  IO_SIZE: WasmGlobal;
  sha256(msg: number, len: number, out: number): void;
  pads(key: number, keyLen: number, out: number): void;
  hmac(keyPads: number, msg: number, len: number, out: number): void;
  hkdf32(saltPads: number, ikm: number, ikmLen: number, info: number, infoLen: number, out: number): void;
  wipe(ptr: number, len: number): void;
}

/** Longest input (message, or HKDF ikm and info each) the window takes. */
export const WASM_SHA_MAX_INPUT = 1024;

interface Layout {
  exports: Exports;
  mem: Uint8Array;
  /** 64 bytes of key pads, then the output, then two inputs. */
  pads: number;
  out: number;
  a: number;
  b: number;
}

let layout: Layout | undefined;

function instance(): Layout {
  if (layout) return layout;
  const exports = instantiatePackageWasm<Exports>('sha256');
  const io = exports.IO.value as number;
  const pads = io;
  const out = pads + 64;
  const a = out + 32;
  const b = a + WASM_SHA_MAX_INPUT;
  if (b + WASM_SHA_MAX_INPUT + 1 > io + (exports.IO_SIZE.value as number)) throw new Error('sha256.wasm: IO window too small');
  // The memory never grows (no allocator), so one view serves for good.
  layout = { exports, mem: new Uint8Array(exports.memory.buffer), pads, out, a, b };
  return layout;
}

/** SHA-256 of at most WASM_SHA_MAX_INPUT bytes. */
export function wasmSha256(data: Uint8Array): Uint8Array {
  const l = instance();
  l.mem.set(data, l.a);
  l.exports.sha256(l.a, data.length, l.out);
  l.exports.wipe(l.a, data.length);
  return l.mem.slice(l.out, l.out + 32);
}

/** HMAC's two starting states of a key of at most 64 bytes (secret: callers keep it like the key). */
export function wasmHmacPads(key: Uint8Array): Uint8Array {
  const l = instance();
  l.mem.set(key, l.a);
  l.exports.pads(l.a, key.length, l.pads);
  const pads = l.mem.slice(l.pads, l.pads + 64);
  l.exports.wipe(l.a, key.length);
  l.exports.wipe(l.pads, 64);
  return pads;
}

/** HMAC-SHA256 of at most WASM_SHA_MAX_INPUT bytes under a key given by its wasmHmacPads(). */
export function wasmHmac(pads: Uint8Array, data: Uint8Array): Uint8Array {
  const l = instance();
  l.mem.set(pads, l.pads);
  l.mem.set(data, l.a);
  l.exports.hmac(l.pads, l.a, data.length, l.out);
  const mac = l.mem.slice(l.out, l.out + 32);
  l.exports.wipe(l.pads, 64 + 32 + data.length);
  return mac;
}

/** HKDF-SHA256 to 32 bytes; the salt given by its wasmHmacPads(), ikm and info ≤ WASM_SHA_MAX_INPUT bytes. */
export function wasmHkdf32(saltPads: Uint8Array, ikm: Uint8Array, info: Uint8Array): Uint8Array {
  const l = instance();
  l.mem.set(saltPads, l.pads);
  l.mem.set(ikm, l.a);
  l.mem.set(info, l.b);
  l.exports.hkdf32(l.pads, l.a, ikm.length, l.b, info.length, l.out);
  const okm = l.mem.slice(l.out, l.out + 32);
  l.exports.wipe(l.pads, 64 + 32 + ikm.length);
  l.exports.wipe(l.b, info.length + 1);
  return okm;
}

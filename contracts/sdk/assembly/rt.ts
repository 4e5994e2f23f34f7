// A bump allocator used as the AssemblyScript runtime (wired in by contracts/build.mjs with
// `--runtime stub --use __alloc=… --use __new=…`). Every contract call runs on a fresh instance,
// so nothing is ever freed. The heap top starts at 0 and is set on first use: a top-level
// initialiser would need a start function, which Secret Network forbids.
import { BLOCK, OBJECT, BLOCK_OVERHEAD, OBJECT_OVERHEAD, AL_MASK } from "rt/common";

let top: usize = 0;

// @ts-ignore: decorator
@inline function payloadSize(size: usize): usize {
  return ((size + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;
}

function ensureMemory(end: usize): void {
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const need = <i32>((end - have + 0xffff) >>> 16);
    if (memory.grow(need) < 0) unreachable(); // out of memory
  }
}

export function bumpAlloc(size: usize): usize {
  if (size > 0x3fff_0000) unreachable();
  let t = top;
  if (t == 0) t = ((__heap_base + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;
  const ptr = t + BLOCK_OVERHEAD;
  const payload = payloadSize(size);
  const end = ptr + payload;
  ensureMemory(end);
  top = end;
  changetype<BLOCK>(t).mmInfo = payload;
  return ptr;
}

export function bumpRealloc(ptr: usize, size: usize): usize {
  const block = changetype<BLOCK>(ptr - BLOCK_OVERHEAD);
  const actual = block.mmInfo;
  if (size <= actual) return ptr;
  const payload = payloadSize(size);
  if (ptr + actual == top) {
    // The most recent block grows in place.
    ensureMemory(ptr + payload);
    top = ptr + payload;
    block.mmInfo = payload;
    return ptr;
  }
  const grown = bumpAlloc(payload > (actual << 1) ? payload : actual << 1);
  memory.copy(grown, ptr, actual);
  return grown;
}

export function bumpFree(ptr: usize): void {
  // Never frees (the instance is discarded after the call).
}

export function bumpNew(size: usize, id: u32): usize {
  const ptr = bumpAlloc(OBJECT_OVERHEAD + size);
  const obj = changetype<OBJECT>(ptr - BLOCK_OVERHEAD);
  obj.gcInfo = 0;
  obj.gcInfo2 = 0;
  obj.rtId = id;
  obj.rtSize = <u32>size;
  return ptr + OBJECT_OVERHEAD;
}

export function bumpRenew(oldPtr: usize, size: usize): usize {
  const ptr = bumpRealloc(oldPtr - OBJECT_OVERHEAD, OBJECT_OVERHEAD + size);
  changetype<OBJECT>(ptr - BLOCK_OVERHEAD).rtSize = <u32>size;
  return ptr + OBJECT_OVERHEAD;
}

/** Target of `--use abort=…`: AssemblyScript's `env.abort` import is not available on Secret. */
export function contractAbort(message: string | null, file: string | null, line: u32, column: u32): void {
  unreachable();
}

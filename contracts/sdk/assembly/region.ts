// Regions (secret-protocol §7.3): 12 bytes, little-endian {u32 offset, u32 capacity, u32 length},
// through which host and contract pass byte strings. Buffers are allocated as real ArrayBuffer
// objects, so data the host writes can be viewed as a Uint8Array without a copy.
import { newBytes } from "./bytes";

/** Export `allocate`: a Region whose buffer has room for `size` bytes (length 0). */
export function allocate(size: u32): u32 {
  const buf = newBytes(<i32>size);
  return <u32>newRegion(buf.dataStart, size, 0);
}

/** Export `deallocate`: memory is never reused within a call, so this does nothing. */
export function deallocate(regionPtr: u32): void {}

/** A 12-byte Region header for `capacity` bytes at `offset`. */
export function newRegion(offset: usize, capacity: u32, length: u32): usize {
  const r = heap.alloc(12);
  store<u32>(r, <u32>offset, 0);
  store<u32>(r, capacity, 4);
  store<u32>(r, length, 8);
  return r;
}

/** A Region describing the bytes of `b` (for passing them to the host). */
export function regionOf(b: Uint8Array): usize {
  return newRegion(b.dataStart, <u32>b.length, <u32>b.length);
}

/** An empty Region with room for `capacity` bytes (for host functions that write into it). */
export function outRegion(capacity: u32): usize {
  return newRegion(newBytes(<i32>capacity).dataStart, capacity, 0);
}

/** A view of the bytes a Region points at (no copy: regions from `allocate` hold ArrayBuffers). */
export function readRegion(ptr: usize): Uint8Array {
  const offset = <usize>load<u32>(ptr, 0);
  const length = <i32>load<u32>(ptr, 8);
  // Buffers made by `allocate` / `newBytes` are ArrayBuffer objects whose data starts at `offset`.
  return Uint8Array.wrap(changetype<ArrayBuffer>(offset), 0, length);
}

// The Region protocol (secret-protocol §7.3): how host and contract pass byte strings through the
// contract's linear memory. A Region is 12 bytes, little-endian: u32 offset, u32 capacity, u32 length.
// Every read validates against the current memory size, because the contract controls all of it.

/** A contract handed the host a region it cannot use (a contract fault, not a host bug). */
export class RegionError extends Error {
  override readonly name = 'RegionError';
}

export const REGION_BYTES = 12;

/** What the host needs of a LinearMemory (lib ES2022 does not declare the namespace). */
export interface LinearMemory {
  readonly buffer: ArrayBuffer;
}

export interface Region {
  offset: number;
  capacity: number;
  length: number;
}

/** The part of a contract instance the host needs to pass data. */
export interface RegionMemory {
  memory: LinearMemory;
  /** The contract's `allocate(size) -> region_ptr` export. */
  allocate(size: number): number;
}

export function readRegionHeader(memory: LinearMemory, ptr: number): Region {
  return headerIn(memory.buffer, ptr);
}

/** readRegionHeader on the memory's current buffer (read once: the getter is a native call). */
function headerIn(buffer: ArrayBuffer, ptr: number): Region {
  if (ptr === 0) throw new RegionError('region pointer is null');
  const size = buffer.byteLength;
  if (ptr < 0 || ptr + REGION_BYTES > size) throw new RegionError(`region pointer ${ptr} is outside memory (${size} bytes)`);
  const dv = new DataView(buffer, ptr, REGION_BYTES);
  const r = { offset: dv.getUint32(0, true), capacity: dv.getUint32(4, true), length: dv.getUint32(8, true) };
  if (r.offset === 0) throw new RegionError('region offset is null');
  if (r.length > r.capacity) throw new RegionError(`region length ${r.length} exceeds its capacity ${r.capacity}`);
  if (r.offset + r.capacity > size) throw new RegionError(`region [${r.offset}, +${r.capacity}) is outside memory (${size} bytes)`);
  return r;
}

/** Copy the bytes a region points at; `maxLength` bounds what a contract can make the host copy. */
export function readRegion(memory: LinearMemory, ptr: number, maxLength: number): Uint8Array {
  const buffer = memory.buffer;
  const r = headerIn(buffer, ptr);
  if (r.length > maxLength) throw new RegionError(`region length ${r.length} exceeds the limit of ${maxLength} bytes`);
  return new Uint8Array(buffer, r.offset, r.length).slice();
}

/** Write into a region the contract allocated (requires capacity ≥ data length), then set its length. */
export function writeRegion(memory: LinearMemory, ptr: number, data: Uint8Array): void {
  const buffer = memory.buffer;
  const r = headerIn(buffer, ptr);
  if (data.length > r.capacity) throw new RegionError(`region capacity ${r.capacity} is too small for ${data.length} bytes`);
  new Uint8Array(buffer, r.offset, data.length).set(data);
  new DataView(buffer, ptr + 8, 4).setUint32(0, data.length, true);
}

/** Ask the contract to allocate a region for `data`, write it there, and return the region pointer. */
export function passToContract(m: RegionMemory, data: Uint8Array): number {
  const ptr = m.allocate(data.length);
  // allocate may grow memory, so the buffer is re-read inside writeRegion.
  writeRegion(m.memory, ptr, data);
  return ptr;
}

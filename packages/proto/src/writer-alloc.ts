// cosmjs-types 0.11's BinaryWriter.alloc creates a new 8 KiB slab pool on every call, so every
// encode().finish() allocates (and soon garbage-collects) 8 KiB: over 10% of a bank send's CPU time.
// An exact-size allocation gives the same bytes without the slab. Applied once, when @scrtd/proto loads.
import { BinaryWriter } from 'cosmjs-types/binary';

(BinaryWriter as unknown as { alloc: (size: number) => Uint8Array }).alloc = (size: number) => new Uint8Array(size);

export {};

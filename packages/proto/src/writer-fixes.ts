// Two fixes to cosmjs-types 0.11's BinaryWriter, applied once when @scrtd/proto loads.
// 1. `alloc` created a new 8 KiB slab pool on every call, so every encode().finish() allocated (and
//    soon garbage-collected) 8 KiB: over 10% of a bank send's CPU time. An exact-size allocation gives
//    the same bytes without the slab.
// 2. `writeVarint64` wrote 64-bit values in [2^31, 2^32) as 0x00 bytes: their low word arrives as a
//    negative int32 and its loop stops at once while the length was counted as 5 bytes. (Go encodes
//    them correctly; e.g. a gas limit of 3,000,000,000 must round-trip.)
import { createRequire } from 'node:module';
import { BinaryWriter } from 'cosmjs-types/binary';

(BinaryWriter as unknown as { alloc: (size: number) => Uint8Array }).alloc = (size: number) => new Uint8Array(size);

const varint = createRequire(import.meta.url)('cosmjs-types/varint') as {
  writeVarint64: (val: { lo: number; hi: number }, buf: Uint8Array, pos: number) => void;
};
varint.writeVarint64 = (val, buf, pos) => {
  let lo = val.lo >>> 0;
  let hi = val.hi >>> 0;
  while (hi) {
    buf[pos++] = (lo & 127) | 128;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  while (lo > 127) {
    buf[pos++] = (lo & 127) | 128;
    lo >>>= 7;
  }
  buf[pos] = lo;
};

export {};

// Summing LtHash element vectors of an encoded batch, shared by ParallelLtHash and its worker thread.
// Records: u8 op (1 add, 2 sub) ‖ u16le store ‖ u32le keyLen ‖ key ‖ u32le valueLen ‖ value.
import { LtHash16 } from './lthash.js';

export interface LtHashJob {
  input: SharedArrayBuffer;
  inputBytes: number;
  output: SharedArrayBuffer;
  stores: number;
}

export function sumRecords(input: Uint8Array, stores: number): LtHash16[] {
  const sums = Array.from({ length: stores }, () => LtHash16.zero());
  const dv = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let o = 0;
  while (o < input.length) {
    const op = input[o]!;
    const store = dv.getUint16(o + 1, true);
    const kl = dv.getUint32(o + 3, true);
    const key = input.subarray(o + 7, o + 7 + kl);
    const vl = dv.getUint32(o + 7 + kl, true);
    const value = input.subarray(o + 11 + kl, o + 11 + kl + vl);
    o += 11 + kl + vl;
    if (op === 1) sums[store]!.addPair(key, value);
    else sums[store]!.subPair(key, value);
  }
  return sums;
}

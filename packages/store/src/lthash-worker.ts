// Worker thread of ParallelLtHash: sums element vectors of a batch into per-store deltas.
// Input (shared): records u8 op (1 add, 2 sub) ‖ u16le store ‖ u32le keyLen ‖ key ‖ u32le valueLen ‖ value.
// Output (shared): per store 2048 bytes of delta lanes, then an Int32 flag set to 1 when done.
import { parentPort } from 'node:worker_threads';
import { LtHash16, elementVector, LTHASH_BYTES } from './lthash.js';

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
    if (op === 1) sums[store]!.add(elementVector(key, value));
    else sums[store]!.sub(elementVector(key, value));
  }
  return sums;
}

parentPort?.on('message', (job: LtHashJob) => {
  const sums = sumRecords(new Uint8Array(job.input, 0, job.inputBytes), job.stores);
  const out = new Uint8Array(job.output);
  sums.forEach((s, i) => out.set(s.toBytes(), i * LTHASH_BYTES));
  const flag = new Int32Array(job.output, job.stores * LTHASH_BYTES, 1);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});

// Worker thread of ParallelLtHash: sums element vectors of a batch into per-store deltas.
// Input (shared): records as in lthash-sum.ts. Output (shared): per store 2048 bytes of delta lanes,
// then an Int32 flag set to 1 when done. Only ever the entry module of its own thread: importing it
// elsewhere would answer that thread's messages.
import { parentPort } from 'node:worker_threads';
import { LTHASH_BYTES } from './lthash.js';
import { sumRecords, type LtHashJob } from './lthash-sum.js';

parentPort?.on('message', (job: LtHashJob) => {
  const sums = sumRecords(new Uint8Array(job.input, 0, job.inputBytes), job.stores);
  const out = new Uint8Array(job.output);
  sums.forEach((s, i) => out.set(s.toBytes(), i * LTHASH_BYTES));
  const flag = new Int32Array(job.output, job.stores * LTHASH_BYTES, 1);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});

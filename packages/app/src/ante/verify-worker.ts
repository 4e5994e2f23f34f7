// Worker thread: verifies secp256k1 signatures from a shared ring (see verifier-pool.ts). Records are
// digest(32) ‖ sig(64) ‖ pubkey(33); the answer is one byte per record (1 = valid). The worker
// sleeps on the head counter, so the main thread hands work over without a message.
import { parentPort, workerData } from 'node:worker_threads';
import { secp256k1Verify } from '@scrtd/crypto';
import { CTL_DONE, CTL_HEAD, CTL_SLEEPING, CTL_STOP, RECORD_BYTES, type RingBuffers } from './verifier-ring.js';

const { ctl, records, results } = workerData as RingBuffers;
const c = new Int32Array(ctl);
const rec = new Uint8Array(records);
const res = new Uint8Array(results);
const mask = res.length - 1;
/** Tell the main thread about progress at least this often during a long drain. */
const REPORT_EVERY = 256;

let done = Atomics.load(c, CTL_DONE);
while (Atomics.load(c, CTL_STOP) === 0) {
  if (Atomics.load(c, CTL_HEAD) === done) {
    // Announce the sleep before re-checking head: the main thread notifies only a sleeping worker.
    Atomics.store(c, CTL_SLEEPING, 1);
    Atomics.wait(c, CTL_HEAD, done);
    Atomics.store(c, CTL_SLEEPING, 0);
    continue;
  }
  const head = Atomics.load(c, CTL_HEAD);
  let n = 0;
  while (done !== head) {
    const i = done & mask;
    const o = i * RECORD_BYTES;
    res[i] = secp256k1Verify(rec.subarray(o, o + 32), rec.subarray(o + 32, o + 96), rec.subarray(o + 96, o + RECORD_BYTES)) ? 1 : 0;
    done = (done + 1) | 0;
    if (++n % REPORT_EVERY === 0 && done !== head) {
      Atomics.store(c, CTL_DONE, done);
      parentPort!.postMessage(0);
    }
  }
  Atomics.store(c, CTL_DONE, done);
  parentPort!.postMessage(0);
}

// Lattice updates of a block, split between the calling thread and one worker thread. The sum is
// order-independent, so the split cannot change the result; the caller stays synchronous
// (Atomics.wait), which keeps workingHash() usable from FinalizeBlock. If the worker does not answer
// in time, its share is computed inline.
import { Worker } from 'node:worker_threads';
import { LtHash16, LTHASH_BYTES } from './lthash.js';
import { sumRecords } from './lthash-sum.js';

export interface LatticeOp {
  store: number;
  add: boolean;
  key: Uint8Array;
  value: Uint8Array;
}

/** Below this many element vectors the hand-off costs more than it saves. */
const MIN_PARALLEL = 256;
const WAIT_MS = 30_000;

function encode(ops: readonly LatticeOp[]): Uint8Array {
  let n = 0;
  for (const op of ops) n += 11 + op.key.length + op.value.length;
  const sab = new SharedArrayBuffer(Math.max(n, 1));
  const b = new Uint8Array(sab, 0, n);
  const dv = new DataView(sab);
  let o = 0;
  for (const op of ops) {
    b[o] = op.add ? 1 : 2;
    dv.setUint16(o + 1, op.store, true);
    dv.setUint32(o + 3, op.key.length, true);
    b.set(op.key, o + 7);
    dv.setUint32(o + 7 + op.key.length, op.value.length, true);
    b.set(op.value, o + 11 + op.key.length);
    o += 11 + op.key.length + op.value.length;
  }
  return b;
}

/** sumRecords(encode(ops)) on this thread without the encoding round trip (copies and views). */
function sumOps(ops: readonly LatticeOp[], stores: number): LtHash16[] {
  const sums = Array.from({ length: stores }, () => LtHash16.zero());
  for (const op of ops) {
    if (op.add) sums[op.store]!.addPair(op.key, op.value);
    else sums[op.store]!.subPair(op.key, op.value);
  }
  return sums;
}

export class ParallelLtHash {
  private worker: Worker | undefined;

  constructor(private readonly enabled: boolean) {}

  private getWorker(): Worker {
    if (!this.worker) {
      // execArgv: [] so a parent started with -e/--eval does not re-run its script in the worker.
      this.worker = new Worker(new URL('./lthash-worker.js', import.meta.url), { execArgv: [] });
      this.worker.unref();
    }
    return this.worker;
  }

  /** Per-store deltas (sum of added minus removed element vectors) of `ops`. */
  deltas(ops: readonly LatticeOp[], stores: number): LtHash16[] {
    if (!this.enabled || ops.length < MIN_PARALLEL) return sumOps(ops, stores);
    // Split by element count; the worker takes the first half.
    const half = Math.floor(ops.length / 2);
    const input = encode(ops.slice(0, half));
    const output = new SharedArrayBuffer(stores * LTHASH_BYTES + 4);
    const flag = new Int32Array(output, stores * LTHASH_BYTES, 1);
    this.getWorker().postMessage({ input: input.buffer, inputBytes: input.length, output, stores });
    const mine = sumOps(ops.slice(half), stores);
    const answered = Atomics.wait(flag, 0, 0, WAIT_MS) !== 'timed-out' || Atomics.load(flag, 0) === 1;
    const theirs = answered
      ? Array.from({ length: stores }, (_, i) => LtHash16.fromBytes(new Uint8Array(output, i * LTHASH_BYTES, LTHASH_BYTES)))
      : sumRecords(input, stores);
    mine.forEach((m, i) => m.merge(theirs[i]!));
    return mine;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

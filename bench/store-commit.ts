// Commit cost of @scrtd/store as a function of state size: the same block (2,000 writes, half
// updates of existing keys, half inserts) committed on a store holding 10k keys and on one holding
// 1M keys. The architecture requires commit cost to follow the block's writes, not the state size:
// the two must be within 2× of each other.
//
// The initial state is loaded in commits of 100k keys, in key order (as genesis import and state
// sync write). `--random-load` loads in random order instead: LMDB is then left with a free list the
// size of the table, which taxes every later commit (docs/store.md).
//
// Run: npx tsc -b bench && node --expose-gc bench/dist/store-commit.js [--random-load] [--hash-threads=1]
// (about 1 minute on 2 cores)
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCommitMultiStore, type CommitMultiStore } from '@scrtd/store';

const STORES = ['acc', 'bank', 'compute', 'staking'];
const BLOCK_WRITES = 2_000;
const WARMUP_BLOCKS = 5;
const MEASURED_BLOCKS = 30;
const LOAD_BATCH = 100_000;
const VALUE_BYTES = 100;

/** Contract-state-like keys: a 20-byte contract address prefix and a 32-byte hashed storage key. */
function keyOf(i: number): Uint8Array {
  const k = new Uint8Array(53);
  k[0] = 0x03;
  k.set(createHash('sha256').update(`contract${i % 97}`).digest().subarray(0, 20), 1);
  k.set(createHash('sha256').update(`slot${i}`).digest(), 21);
  return k;
}
function valueOf(i: number, salt: number): Uint8Array {
  const v = new Uint8Array(VALUE_BYTES);
  v.fill((i * 31 + salt) & 0xff);
  new DataView(v.buffer).setUint32(0, i >>> 0);
  new DataView(v.buffer).setUint32(4, salt >>> 0);
  return v;
}
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
function stats(xs: number[]): { mean: number; median: number; p90: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, median: s[Math.floor(s.length / 2)], p90: s[Math.floor(s.length * 0.9)] };
}

const RANDOM_LOAD = process.argv.includes('--random-load');
/** `--hash-threads=1`: split LtHash with one worker thread (default 0: the calling thread only, as the store defaults). */
const HASH_THREADS = Number(process.argv.find((a) => a.startsWith('--hash-threads='))?.split('=')[1] ?? 0);

/** Load `count` keys (indices 0..count-1) in commits of LOAD_BATCH; returns the keys, by index. */
async function load(cms: CommitMultiStore, count: number): Promise<{ keys: Uint8Array[]; ms: number }> {
  const keys = Array.from({ length: count }, (_, i) => keyOf(i));
  const order = keys.map((_, i) => i);
  if (!RANDOM_LOAD) order.sort((a, b) => Buffer.compare(keys[a], keys[b]));
  const t0 = performance.now();
  for (let start = 0; start < count; start += LOAD_BATCH) {
    const c = cms.branch();
    const kv = c.getStore('compute');
    for (let j = start; j < Math.min(count, start + LOAD_BATCH); j++) kv.set(keys[order[j]], valueOf(order[j], 0));
    await cms.commit(cms.latestHeight() + 1, c);
    gc();
  }
  return { keys, ms: performance.now() - t0 };
}

interface Measured {
  commit: number[];
  fill: number[];
  hash: number[];
  write: number[];
  loadMs: number;
}

async function measure(stateKeys: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'scrtd-bench-commit-'));
  try {
    const cms = await openCommitMultiStore({ path: dir, storeNames: STORES, hashThreads: HASH_THREADS });
    const { keys, ms: loadMs } = await load(cms, stateKeys);
    const rnd = lcg(stateKeys);
    let next = stateKeys;
    const commit: number[] = [];
    const fill: number[] = [];
    const hash: number[] = [];
    const write: number[] = [];
    for (let block = 0; block < WARMUP_BLOCKS + MEASURED_BLOCKS; block++) {
      const height = cms.latestHeight() + 1;
      const t0 = performance.now();
      const c = cms.branch();
      const kv = c.getStore('compute');
      const inserted: Uint8Array[] = [];
      for (let j = 0; j < BLOCK_WRITES / 2; j++) {
        const i = rnd() % stateKeys;
        kv.set(keys[i], valueOf(i, height)); // update
        const k = keyOf(next);
        kv.set(k, valueOf(next, height)); // insert
        inserted.push(k);
        next++;
      }
      c.getStore('bank').set(keyOf(height), valueOf(height, 1)); // a second store touched, as in a real block
      const t1 = performance.now();
      cms.workingHash(c); // reads the prior values and hashes; commit() below reuses the result
      const tHash = performance.now();
      await cms.commit(height, c);
      const t2 = performance.now();
      if (block >= WARMUP_BLOCKS) {
        fill.push(t1 - t0);
        commit.push(t2 - t1);
        hash.push(tHash - t1);
        write.push(t2 - tHash);
      }
      // Unmeasured: delete this block's inserts, so every measured block meets exactly `stateKeys` keys.
      const undo = cms.branch();
      for (const k of inserted) undo.getStore('compute').delete(k);
      await cms.commit(height + 1, undo);
    }
    await cms.close();
    return { commit, fill, hash, write, loadMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const label = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
console.log(`store-commit: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.log(`block = ${BLOCK_WRITES} writes (½ updates of random existing keys, ½ inserts), 53-byte keys, ${VALUE_BYTES}-byte values;`);
console.log(`after each block an unmeasured commit deletes its inserts, so every measured block meets the same state size;`);
console.log(`state loaded in commits of ${LOAD_BATCH / 1000}k keys in ${RANDOM_LOAD ? 'random' : 'key'} order; ${WARMUP_BLOCKS} warm-up blocks, then ${MEASURED_BLOCKS} measured;`);
console.log(`commit time = prepare (read prior values, LtHash on ${HASH_THREADS === 0 ? 'the calling thread' : 'two threads'}) + write (one LMDB transaction incl. fsync)\n`);
const results = new Map<number, number>();
for (const size of [10_000, 1_000_000]) {
  const r = await measure(size);
  const c = stats(r.commit);
  const f = stats(r.fill);
  results.set(size, c.median);
  console.log(
    `store commit ${BLOCK_WRITES} writes at ${label(size)} keys: ${c.median.toFixed(1)} ms/block (median; mean ${c.mean.toFixed(1)}, p90 ${c.p90.toFixed(1)})` +
      `\n    = prepare ${stats(r.hash).median.toFixed(1)} + write ${stats(r.write).median.toFixed(1)} ms (medians)` +
      `   [filling the cache: ${f.median.toFixed(1)} ms; loading ${label(size)} keys: ${(r.loadMs / 1000).toFixed(1)} s]`,
  );
  gc();
}
const ratio = results.get(1_000_000)! / results.get(10_000)!;
console.log(`ratio 1M / 10k: ${ratio.toFixed(2)}× (requirement: < 2×) ${ratio < 2 ? 'OK' : 'FAIL'}`);
if (ratio >= 2) process.exitCode = 1;

// Hot-path costs of @scrtd/store caches: what a contract's db_read / db_write and a keeper's
// get/set pay. Committed state of 100k keys in LMDB; a block branch with a tx branch on top.
//
// Run: npx tsc -b bench && node bench/dist/store-cache.js
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCommitMultiStore } from '@scrtd/store';

const KEYS = 100_000;
const OPS = 200_000;

function keyOf(i: number): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`k${i}`).digest());
}
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

const dir = mkdtempSync(join(tmpdir(), 'scrtd-bench-cache-'));
try {
  const cms = await openCommitMultiStore({ path: dir, storeNames: ['compute'] });
  const keys = Array.from({ length: KEYS + OPS }, (_, i) => keyOf(i));
  const value = new Uint8Array(100).fill(7);
  const load = cms.branch();
  for (let i = 0; i < KEYS; i++) load.getStore('compute').set(keys[i], value);
  await cms.commit(1, load);

  const rows: Array<[string, number]> = [];
  const time = (what: string, n: number, f: () => void): void => {
    f(); // warm-up pass
    const t0 = performance.now();
    f();
    rows.push([what, ((performance.now() - t0) * 1e6) / n]);
  };

  const block = cms.branch();
  const tx = block.branch();
  const kv = tx.getStore('compute');
  let rnd = lcg(1);
  time('get, committed key, through tx→block→LMDB', OPS, () => {
    rnd = lcg(1);
    for (let j = 0; j < OPS; j++) kv.get(keys[rnd() % KEYS]);
  });
  time('get, missing key, through tx→block→LMDB', OPS, () => {
    for (let j = 0; j < OPS; j++) kv.get(keys[KEYS + j]);
  });
  time('set, new key (key and value copied)', OPS, () => {
    for (let j = 0; j < OPS; j++) kv.set(keys[KEYS + j], value);
  });
  time('get, key written in this cache', OPS, () => {
    for (let j = 0; j < OPS; j++) kv.get(keys[KEYS + j]);
  });
  time('has, committed key', OPS, () => {
    rnd = lcg(2);
    for (let j = 0; j < OPS; j++) kv.has(keys[rnd() % KEYS]);
  });
  let n = 0;
  time('iterate 1000 entries: merge of 200k dirty + LMDB (per entry)', 100 * 1000, () => {
    rnd = lcg(3);
    for (let r = 0; r < 100; r++) {
      let c = 0;
      for (const _ of kv.iterate(keys[rnd() % KEYS])) if (++c >= 1000) break;
      n += c;
    }
  });
  time('tx.write() of 200k entries into the block cache (per entry)', OPS, () => {
    const t = block.branch();
    const s = t.getStore('compute');
    for (let j = 0; j < OPS; j++) s.set(keys[KEYS + j], value);
    t.write();
  });
  await cms.close();

  console.log(`store-cache: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}; ${KEYS} committed keys, 32-byte keys, 100-byte values\n`);
  for (const [what, ns] of rows) console.log(`${what.padEnd(66)} ${ns.toFixed(0).padStart(6)} ns/op`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

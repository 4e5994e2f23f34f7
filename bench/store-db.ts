// Embedded database choice for @scrtd/store: lmdb vs classic-level (LevelDB), measured on the access
// patterns the node has: synchronous point reads of existing keys (contract `db_read`, module keepers),
// one write batch per block (2k and 10k keys, updates and inserts mixed), and bounded range scans.
//
// Run: npx tsc -b bench && node bench/dist/store-db.js
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { open as openLmdb } from 'lmdb';
import { ClassicLevel } from 'classic-level';

const PRELOAD = 200_000;
const VALUE_BYTES = 100;
const READS = 100_000;
const ASYNC_READS = 20_000;
const RANGES = 200;
const RANGE_LEN = 1_000;

// Keys are sha256(i): uniformly spread, like hashed contract-state keys. A fixed LCG picks "random"
// indices so every run (and both databases) sees the same sequence.
function keyOf(i: number): Buffer {
  return createHash('sha256').update(`k${i}`).digest();
}
function valueOf(i: number, salt: number): Buffer {
  const v = Buffer.alloc(VALUE_BYTES, (i + salt) & 0xff);
  v.writeUInt32BE(i >>> 0, 0);
  return v;
}
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}
function ms(t0: number): number {
  return performance.now() - t0;
}
function fmt(x: number, digits = 1): string {
  return x.toFixed(digits);
}

const keys: Buffer[] = [];
for (let i = 0; i < PRELOAD + 100_000; i++) keys.push(keyOf(i));

/** One block: half updates of existing keys, half inserts of new ones. */
function blockOps(size: number, block: number, nextNew: { i: number }): Array<[Buffer, Buffer]> {
  const rnd = lcg(1000 + block);
  const ops: Array<[Buffer, Buffer]> = [];
  for (let j = 0; j < size; j++) {
    if (j % 2 === 0) {
      const i = rnd() % PRELOAD;
      ops.push([keys[i], valueOf(i, block)]);
    } else {
      const i = nextNew.i++;
      ops.push([keys[i], valueOf(i, block)]);
    }
  }
  return ops;
}

interface Row {
  what: string;
  lmdb: string;
  level: string;
}
const rows: Row[] = [];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scrtd-bench-db-'));
  try {
    // ---------------------------------------------------------------- open + preload
    const root = openLmdb({ path: join(dir, 'lmdb'), maxDbs: 4, mapSize: 2 ** 36 });
    const ldb = root.openDB<Buffer, Buffer>({ name: 'kv', keyEncoding: 'binary', encoding: 'binary' });
    const level = new ClassicLevel<Buffer, Buffer>(join(dir, 'level'), { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    await level.open();

    let t = performance.now();
    for (let b = 0; b < PRELOAD; b += 50_000) {
      ldb.transactionSync(() => {
        for (let i = b; i < b + 50_000; i++) ldb.putSync(keys[i], valueOf(i, 0));
      });
    }
    const lLoad = ms(t);
    t = performance.now();
    for (let b = 0; b < PRELOAD; b += 50_000) {
      const batch = level.batch();
      for (let i = b; i < b + 50_000; i++) batch.put(keys[i], valueOf(i, 0));
      await batch.write();
    }
    const vLoad = ms(t);
    rows.push({ what: `preload ${PRELOAD} keys (50k per batch), total ms`, lmdb: fmt(lLoad), level: fmt(vLoad) });

    // ---------------------------------------------------------------- synchronous random reads
    for (let pass = 0; pass < 2; pass++) {
      // pass 0 warms caches; only pass 1 is reported.
      let rnd = lcg(42);
      t = performance.now();
      let found = 0;
      for (let j = 0; j < READS; j++) if (ldb.getBinary(keys[rnd() % PRELOAD]) !== undefined) found++;
      const lRead = ms(t);
      if (found !== READS) throw new Error('lmdb lost keys');
      rnd = lcg(42);
      t = performance.now();
      found = 0;
      for (let j = 0; j < READS; j++) if (level.getSync(keys[rnd() % PRELOAD]) !== undefined) found++;
      const vRead = ms(t);
      if (found !== READS) throw new Error('level lost keys');
      if (pass === 1)
        rows.push({
          what: `random sync get of existing keys, µs/get (${READS})`,
          lmdb: fmt((lRead * 1000) / READS, 2),
          level: fmt((vRead * 1000) / READS, 2),
        });
    }
    {
      const rnd = lcg(7);
      t = performance.now();
      for (let j = 0; j < ASYNC_READS; j++) await level.get(keys[rnd() % PRELOAD]);
      rows.push({ what: `random awaited async get, µs/get (${ASYNC_READS})`, lmdb: 'n/a (sync)', level: fmt((ms(t) * 1000) / ASYNC_READS, 2) });
    }

    // ---------------------------------------------------------------- per-block write batches
    for (const [size, blocks] of [
      [2_000, 20],
      [10_000, 5],
    ] as const) {
      const lNew = { i: PRELOAD + (size === 2_000 ? 0 : 50_000) };
      const vNew = { i: lNew.i };
      let lTotal = 0;
      let vTotal = 0;
      let vNoSync = 0;
      for (let b = 0; b < blocks; b++) {
        const ops = blockOps(size, b + size, lNew);
        // lmdb: one synchronous write transaction, durable per lmdb-js default (overlapping sync).
        t = performance.now();
        ldb.transactionSync(() => {
          for (const [k, v] of ops) ldb.putSync(k, v);
        }); // lmdb-js default flags: returns once committed and fsync'd
        await ldb.flushed;
        lTotal += ms(t);
        const vops = blockOps(size, b + size, vNew);
        // LevelDB: one atomic batch, fsync'd (sync: true) to match the durability of an lmdb commit.
        t = performance.now();
        await level.batch(
          vops.map(([key, value]) => ({ type: 'put' as const, key, value })),
          { sync: true },
        );
        vTotal += ms(t);
        t = performance.now();
        await level.batch(
          vops.map(([key, value]) => ({ type: 'put' as const, key, value })),
          { sync: false },
        );
        vNoSync += ms(t);
      }
      rows.push({
        what: `write batch of ${size} keys (½ update, ½ insert), ms/batch durable`,
        lmdb: fmt(lTotal / blocks),
        level: fmt(vTotal / blocks),
      });
      rows.push({ what: `  same, LevelDB without fsync (sync: false)`, lmdb: '', level: fmt(vNoSync / blocks) });
    }

    // ---------------------------------------------------------------- range scans
    for (const reverse of [false, true]) {
      let rnd = lcg(99);
      t = performance.now();
      let n = 0;
      for (let r = 0; r < RANGES; r++) {
        const start = keys[rnd() % PRELOAD];
        let c = 0;
        for (const e of ldb.getRange(reverse ? { start, reverse: true, limit: RANGE_LEN } : { start, limit: RANGE_LEN })) {
          n += e.value.length > 0 ? 1 : 0;
          if (++c >= RANGE_LEN) break;
        }
      }
      const lScan = ms(t);
      rnd = lcg(99);
      t = performance.now();
      let m = 0;
      for (let r = 0; r < RANGES; r++) {
        const start = keys[rnd() % PRELOAD];
        const it = level.iterator(reverse ? { lte: start, reverse: true, limit: RANGE_LEN } : { gte: start, limit: RANGE_LEN });
        for (;;) {
          const batch = await it.nextv(RANGE_LEN);
          if (batch.length === 0) break;
          m += batch.length;
        }
        await it.close();
      }
      const vScan = ms(t);
      rows.push({
        what: `range scan ${reverse ? 'reverse' : 'forward'}, ${RANGES}×${RANGE_LEN} entries, ns/entry`,
        lmdb: fmt((lScan * 1e6) / n, 0),
        level: fmt((vScan * 1e6) / m, 0) + ' (async)',
      });
    }

    await root.close();
    await level.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`store-db: lmdb vs classic-level, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
  console.log(`${PRELOAD} preloaded keys: 32-byte sha256 keys, ${VALUE_BYTES}-byte values\n`);
  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(`${'measure'.padEnd(w)}  ${'lmdb'.padStart(12)}  ${'classic-level'.padStart(16)}`);
  for (const r of rows) console.log(`${r.what.padEnd(w)}  ${r.lmdb.padStart(12)}  ${r.level.padStart(16)}`);
}

await main();

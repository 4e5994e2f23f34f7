// Crash safety: a commit is all or nothing. (1) A failure inside the database transaction leaves no
// trace. (2) A process killed with SIGKILL at an arbitrary instant while committing reopens at a
// complete block whose state matches its app hash.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCommitMultiStore, recomputeAppHash, StoreError } from '../src/index.js';
import { createCommitMultiStore } from '../src/commit-multistore.js';
import { LmdbBackend } from '../src/lmdb-backend.js';
import { b, hex, str } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'scrtd-store-crash-'));

/** The deterministic content of block `h` used by the child process and by the checker. */
function blockWrites(h: number): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (let i = 0; i < 300; i++) out.push([`f${(h * 7 + i) % 2000}`, `v${h}.${i}`]);
  out.push([`c${h % 10}`, `h${h}`]);
  if (h % 4 === 0) out.push([`f${(h * 13) % 2000}`, null]);
  return out;
}

describe('crash safety (lmdb)', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a failure inside the transaction rolls the whole block back', async () => {
    const path = join(dir, 'inject');
    const backend = LmdbBackend.open({ path, storeNames: ['bank'] });
    const cms = createCommitMultiStore(backend, { storeNames: ['bank'] });
    const c1 = cms.branch();
    c1.getStore('bank').set(b('a'), b('1'));
    const h1 = (await cms.commit(1, c1)).appHash;

    // Fail the last write of the block (the app hash record), after the state writes went in.
    const hashes = (backend as unknown as { hashes: { putSync: (...args: unknown[]) => unknown } }).hashes;
    const original = hashes.putSync;
    hashes.putSync = () => {
      throw new Error('simulated disk failure');
    };
    const c2 = cms.branch();
    c2.getStore('bank').set(b('a'), b('2'));
    c2.getStore('bank').set(b('new'), b('x'));
    await assert.rejects(cms.commit(2, c2, [[b('aux'), b('y')]]), (e: unknown) => e instanceof StoreError && e.code === 'io');
    hashes.putSync = original;

    assert.equal(cms.latestHeight(), 1);
    assert.equal(hex(cms.latestAppHash()), hex(h1));
    const kv = cms.branch().getStore('bank');
    assert.equal(str(kv.get(b('a'))), '1');
    assert.equal(kv.get(b('new')), undefined);
    assert.equal(cms.aux().get(b('aux')), undefined);
    // The branch is still valid (nothing was committed): retry succeeds with the right hash.
    const r = await cms.commit(2, c2);
    assert.equal(hex(recomputeAppHash(cms.readerAt(2), ['bank'])), hex(r.appHash));
    await cms.close();
    // And the rolled-back attempt left nothing on disk.
    const again = await openCommitMultiStore({ path, storeNames: ['bank'] });
    assert.equal(again.latestHeight(), 2);
    assert.equal(again.aux().get(b('aux')), undefined);
    assert.equal(hex(again.latestAppHash()), hex(r.appHash));
    await again.close();
  });

  it('SIGKILL during a stream of commits loses nothing committed and tears nothing', async () => {
    const path = join(dir, 'kill');
    const index = new URL('../src/index.js', import.meta.url).href;
    const child = `
      import { openCommitMultiStore } from ${JSON.stringify(index)};
      ${blockWrites.toString()}
      const cms = await openCommitMultiStore({ path: ${JSON.stringify(path)}, storeNames: ['bank'] });
      for (let h = cms.latestHeight() + 1; ; h++) {
        const c = cms.branch();
        for (const [k, v] of blockWrites(h)) v === null ? c.getStore('bank').delete(Buffer.from(k)) : c.getStore('bank').set(Buffer.from(k), Buffer.from(v));
        await cms.commit(h, c, [[Buffer.from('block/' + h), Buffer.from('header' + h)]]);
        process.stdout.write(h + '\\n');
      }`;
    let lastReported = 0;
    for (let round = 0; round < 3; round++) {
      const proc = spawn(process.execPath, ['--input-type=module', '-e', child], { stdio: ['ignore', 'pipe', 'inherit'] });
      const reported = await new Promise<number>((resolve) => {
        let seen = 0;
        let buf = '';
        proc.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const lines = buf.split('\n');
          buf = lines.pop()!;
          for (const l of lines) seen = Number(l);
          // Kill at an arbitrary point some blocks in, mid-flight of the next commit.
          if (seen >= lastReported + 15 + round * 7) {
            proc.kill('SIGKILL');
          }
        });
        proc.on('exit', () => resolve(seen));
      });
      const cms = await openCommitMultiStore({ path, storeNames: ['bank'] });
      const h = cms.latestHeight();
      // Everything reported committed is there (a commit may have landed after the last report).
      assert.ok(h >= reported && h >= lastReported + 1, `reopened at ${h}, child reported ${reported}`);
      // The state is exactly blocks 1..h applied, no more, no less.
      const model = new Map<string, string>();
      for (let i = 1; i <= h; i++) for (const [k, v] of blockWrites(i)) v === null ? model.delete(k) : model.set(k, v);
      const got = new Map<string, string>();
      for (const [k, v] of cms.readerAt(h).getStore('bank').iterate()) got.set(str(k)!, str(v)!);
      assert.deepEqual(got, model);
      assert.equal(hex(recomputeAppHash(cms.readerAt(h), ['bank'])), hex(cms.latestAppHash()));
      assert.equal(str(cms.aux().get(b(`block/${h}`))), `header${h}`);
      assert.equal(cms.aux().get(b(`block/${h + 1}`)), undefined);
      lastReported = h;
      await cms.close();
    }
  });
});

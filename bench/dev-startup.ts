// bench: `scrtd dev` from process start to the LCD answering with block 1 committed.
// Spawns the real CLI on a fresh home, polls /cosmos/base/tendermint/v1beta1/blocks/latest.
// Usage: node bench/dist/dev-startup.js [runs=5]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:net';
import { NODE_FLAGS } from '@scrtd/cli';

const RUNS = Number(process.argv[2] ?? 5);
const cli = new URL('../../packages/cli/dist/src/main.js', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function once(fresh: boolean, home: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, cli, '--home', home, 'dev', ...(fresh ? ['--reset'] : []), '--lcd-port', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/cosmos/base/tendermint/v1beta1/blocks/latest`;
  let ms = -1;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) {
        const b = (await r.json()) as { block: { header: { height: string } } };
        if (Number(b.block.header.height) >= 1) {
          ms = performance.now() - t0;
          break;
        }
      }
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > 20_000) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
  if (ms < 0) throw new Error('node did not answer within 20 s');
  return ms;
}

async function main() {
  const home = mkdtempSync(join(tmpdir(), 'bench-start-'));
  try {
    const fresh: number[] = [];
    const restart: number[] = [];
    for (let i = 0; i < RUNS; i++) fresh.push(await once(true, home));
    for (let i = 0; i < RUNS; i++) restart.push(await once(false, home));
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`scrtd dev start → LCD answering with block ≥ 1 committed (median of ${RUNS})`);
    console.log(`  fresh genesis (--reset): ${med(fresh).toFixed(0)} ms   [${fresh.map((x) => x.toFixed(0)).join(', ')}]`);
    console.log(`  restart on existing home: ${med(restart).toFixed(0)} ms   [${restart.map((x) => x.toFixed(0)).join(', ')}]`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

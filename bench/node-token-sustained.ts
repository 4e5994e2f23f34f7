// bench: the rate of encrypted token transfers the whole node keeps up with. Like node-token.ts
// (`scrtd dev` in its own process, signed and encrypted transfers posted to the LCD in async mode by
// 100 wallet streams), but the load is paced: tx k of the run is sent at t0 + k / rate, for a fixed
// time, as a load generator (tm-load-test) offers it. Reported: the rate the node executed blocks at
// in the steady part of the run (block start times from the block headers, leaving out the first
// 2 s; a node that falls behind shows its capacity there, with growing blocks), and
// how long after the last send the last tx was committed (a node that keeps up drains within about a
// block time; one that falls behind builds a backlog, and past the mempool's 5,000 txs async
// broadcasts are dropped, which shows as "did not keep up").
// Usage: node bench/dist/node-token-sustained.js [rate=2000] [seconds=10] [blockTimeMs=500] [streams=100] [warmupTxs=3000]
import { performance } from 'node:perf_hooks';
import { cpuBetween, describeNodeCpu, threadTicks } from './lib/proc-cpu.js';
import { startTokenNode } from './lib/token-node.js';

const RATE = Number(process.argv[2] ?? 2_000);
const SECONDS = Number(process.argv[3] ?? 10);
const BLOCK_MS = process.argv[4] ?? '500';
const STREAMS = Number(process.argv[5] ?? 100);
const WARMUP = Number(process.argv[6] ?? 3_000);
/** The start of the run that is left out of the steady-state figure (the first block waits for its time). */
const SETTLE_MS = 2_000;

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function main() {
  const node = await startTokenNode({ blockMs: BLOCK_MS, streams: STREAMS });
  const pid = node.child.pid!;
  const perStream = Math.ceil((RATE * SECONDS) / STREAMS);
  const warmBodies = node.transfers(Math.ceil(WARMUP / STREAMS));
  const bodies = node.transfers(perStream);
  const conns = await node.connections();
  const send = async (i: number, body: string) => {
    const r = await conns[i]!.post('/cosmos/tx/v1beta1/txs', body);
    if (r.status !== 200) throw new Error(`broadcast answered ${r.status}: ${r.body}`);
    return (JSON.parse(r.body) as { tx_response: { txhash: string } }).tx_response.txhash;
  };
  console.log(`encrypted token transfers through the node, paced at ${RATE} tx/s for ${SECONDS} s (${STREAMS} wallet streams, LCD async broadcast, ${BLOCK_MS} ms blocks)`);

  // Warm-up: a burst, committed before the paced run, so the JIT has compiled the hot paths.
  if (WARMUP > 0) {
    const last = await Promise.all(
      warmBodies.map(async (txs, i) => {
        let h = '';
        for (const b of txs) h = await send(i, b);
        return h;
      }),
    );
    await node.waitAll(last);
  }
  const latestHeight = async () => Number((await node.get('/cosmos/base/tendermint/v1beta1/blocks/latest')).block.header.height);
  const h0 = await latestHeight();

  const node0 = threadTicks(pid);
  const cpu0 = process.cpuUsage();
  const wall0 = Date.now();
  const t0 = performance.now();
  let late = 0;
  const lastHashes = await Promise.all(
    bodies.map(async (txs, i) => {
      let h = '';
      for (let j = 0; j < txs.length; j++) {
        const due = t0 + ((j * STREAMS + i) * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        else if (wait < -100) late++;
        h = await send(i, txs[j]!);
      }
      return h;
    }),
  );
  const sentMs = performance.now() - t0;
  const results = await node.waitAll(lastHashes, performance.now() + 30_000);
  const doneMs = performance.now() - t0;
  const nodeCpu = cpuBetween(pid, node0, threadTicks(pid));
  const cpu = process.cpuUsage(cpu0);
  const n = perStream * STREAMS;
  if (results === undefined) {
    console.log(`  did not keep up: txs still missing 30 s after the last send (the mempool filled and dropped async broadcasts)`);
    await node.stop();
    return;
  }
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length) throw new Error(`transfer failed: ${failed[0].raw_log}`);

  // Block start times and sizes of the run, from the headers.
  const h1 = Math.max(...results.map((r) => Number(r.height)));
  const blocks: { height: number; ms: number; txs: number }[] = [];
  for (let h = h0 + 1; h <= h1; h++) {
    const b = (await node.get(`/cosmos/base/tendermint/v1beta1/blocks/${h}`)).block;
    blocks.push({ height: h, ms: Date.parse(b.header.time), txs: (b.data.txs ?? []).length });
  }
  // Between the start of the first block of the window and the start of its last one the node
  // executed every block of the window but the last: its processing rate, whether it had idle time
  // between blocks (keeping up: the rate equals the offered one) or not (falling behind: its capacity).
  const steady = blocks.filter((b) => b.ms >= wall0 + SETTLE_MS && b.ms <= wall0 + sentMs);
  let steadyRate = NaN;
  if (steady.length >= 2) {
    const first = steady[0]!;
    const last = steady[steady.length - 1]!;
    const txs = steady.slice(0, -1).reduce((a, b) => a + b.txs, 0);
    steadyRate = (txs * 1000) / (last.ms - first.ms);
  }
  console.log(`  offered: ${((n * 1000) / sentMs).toFixed(0)} tx/s ×${n} over ${(sentMs / 1000).toFixed(1)} s${late > 0 ? ` (${late} sends over 100 ms late: the load generator fell behind)` : ''}`);
  console.log(`  executed in steady state: ${steadyRate.toFixed(0)} tx/s (${steady.length} blocks after the first ${SETTLE_MS / 1000} s, ${steady.map((b) => b.txs).join(' ')} txs)`);
  console.log(`  last tx committed ${(doneMs - sentMs).toFixed(0)} ms after the last send; overall ${((n * 1000) / doneMs).toFixed(0)} tx/s (first send → last commit)`);
  console.log(`  ${describeNodeCpu(nodeCpu, n, doneMs)}; load generator ${(((cpu.user + cpu.system) / 1000 / doneMs) * 100).toFixed(0)} % of one core`);
  await node.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

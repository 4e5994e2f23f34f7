// bench: encrypted token transfers through the whole node — `scrtd dev` in its own process, txs posted to
// the LCD (`POST /cosmos/tx/v1beta1/txs`, async mode) → mempool CheckTx → blocks → commit — timed
// from the first broadcast until the last tx is found committed. Signing and encryption happen
// before the clock starts (client work). Fresh accounts (funded from dev account "a" in setup)
// send in parallel streams, each stream in sequence order, as independent wallets would. The whole
// load is sent as fast as the LCD accepts it (a burst); bench/node-token-sustained.ts offers a paced
// load instead and measures the rate the node keeps up with.
// Usage: node bench/dist/node-token.js [txs=5000] [blockTimeMs=500] [streams=100] [warmupTxs=0]
import { performance } from 'node:perf_hooks';
import { cpuBetween, describeNodeCpu, threadTicks } from './lib/proc-cpu.js';
import { startTokenNode } from './lib/token-node.js';

const TOTAL = Number(process.argv[2] ?? 5_000);
const BLOCK_MS = process.argv[3] ?? '500';
const STREAMS = Number(process.argv[4] ?? 100);
// Transfers sent and committed before the timed phase, so the figure is the node's steady state.
const WARMUP = Number(process.argv[5] ?? 0);

async function main() {
  const node = await startTokenNode({ blockMs: BLOCK_MS, streams: STREAMS });
  const pid = node.child.pid!;
  const warmBodies = node.transfers(Math.ceil(WARMUP / STREAMS));
  const bodies = node.transfers(Math.ceil(TOTAL / STREAMS));
  // Each stream is a wallet with its own keep-alive connection, one request in flight.
  const conns = await node.connections();
  const phase = async (streams: string[][]) => {
    const cpu0 = process.cpuUsage();
    const node0 = threadTicks(pid);
    const t0 = performance.now();
    const lastHashes = await Promise.all(
      streams.map(async (txs, i) => {
        let last = '';
        for (const body of txs) {
          const r = await conns[i]!.post('/cosmos/tx/v1beta1/txs', body);
          if (r.status !== 200) throw new Error(`broadcast answered ${r.status}: ${r.body}`);
          last = (JSON.parse(r.body) as { tx_response: { txhash: string } }).tx_response.txhash;
        }
        return last;
      }),
    );
    const broadcastMs = performance.now() - t0;
    const results = (await node.waitAll(lastHashes.filter(Boolean)))!;
    const totalMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const nodeCpu = cpuBetween(pid, node0, threadTicks(pid));
    const failed = results.filter((r) => r.code !== 0);
    if (failed.length) throw new Error(`transfer failed: ${failed[0].raw_log}`);
    return { n: streams.reduce((a, s) => a + s.length, 0), broadcastMs, totalMs, cpu, nodeCpu, results };
  };
  const report = (label: string, r: Awaited<ReturnType<typeof phase>>, fromHeight: number) => {
    const last = Math.max(...r.results.map((x) => Number(x.height)));
    console.log(`  ${label}: ${((r.n / r.totalMs) * 1000).toFixed(0)} tx/s ×${r.n} (first broadcast → last tx committed: ${r.totalMs.toFixed(0)} ms; blocks used: ${last - fromHeight})`);
    console.log(`    broadcasting alone: ${((r.n / r.broadcastMs) * 1000).toFixed(0)} tx/s accepted by the LCD; the load generator (this process) used ${(((r.cpu.user + r.cpu.system) / 1000 / r.totalMs) * 100).toFixed(0)} % of one core`);
    console.log(`    ${describeNodeCpu(r.nodeCpu, r.n, r.totalMs)}`);
    return last;
  };
  console.log(`encrypted token transfers through the node (${STREAMS} sender streams, LCD async broadcast, ${BLOCK_MS} ms blocks)`);
  let height = Number((await node.get('/cosmos/base/tendermint/v1beta1/blocks/latest')).block.header.height);
  if (WARMUP > 0) height = report('warm-up (the JIT compiling the hot paths)', await phase(warmBodies), height);
  report('throughput', await phase(bodies), height);
  await node.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

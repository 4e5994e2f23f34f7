// bench: CPU of the LCD's front thread per async broadcast, on its raw-socket fast path
// (BroadcastSocket) and on node:http (the same connections after a GET has handed them over). The
// txs are 700 random bytes, so no signature is checked: what is left is HTTP, JSON, base64, the tx
// hash and the hand-over to the main thread. The mempool and routes are stubs; the client is the
// lean keep-alive HttpConnection of the node benchmarks, on this process's main thread.
// Usage: node bench/dist/lcd-broadcast.js [broadcasts=30000] [connections=20]
import type { FastifyInstance } from 'fastify';
import type { Application } from '@scrtd/app';
import { LcdFront, silentLogger, type Mempool } from '@scrtd/node';
import { HttpConnection } from './lib/http-connection.js';
import { threadTicks } from './lib/proc-cpu.js';

const N = Number(process.argv[2] ?? 30_000);
const C = Number(process.argv[3] ?? 20);
const USER_HZ = 100;

const server = {
  inject: async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, rawPayload: Buffer.from('ok') }),
} as unknown as FastifyInstance;
const mempool = { add: async () => ({ txhash: '', code: 0, codespace: '', log: '' }) } as unknown as Mempool;
const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 1 << 20, maxUrlBytes: 8192, chainId: 'bench-1' }, { server, mempool, log: silentLogger, app: {} as Application });
const { port } = await front.listen();
const conns = await Promise.all(Array.from({ length: C }, () => HttpConnection.open('127.0.0.1', port)));
const bodies = Array.from({ length: N }, (_, i) => {
  const tx = Buffer.alloc(700, i & 255);
  tx.writeUInt32BE(i, 0);
  return JSON.stringify({ tx_bytes: tx.toString('base64'), mode: 'BROADCAST_MODE_ASYNC' });
});

/** CPU µs of the busiest thread other than this one (the front thread) per broadcast, and the rate. */
async function phase(offset: number): Promise<{ perTx: number; rate: number }> {
  const before = threadTicks(process.pid);
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c, k) => {
      for (let i = k; i < N; i += C) {
        const r = await c.post('/cosmos/tx/v1beta1/txs', bodies[(i + offset) % N]!);
        if (r.status !== 200) throw new Error(`broadcast answered ${r.status}`);
      }
    }),
  );
  const ms = performance.now() - t0;
  const after = threadTicks(process.pid);
  let busiest = 0;
  for (const [tid, t] of after) if (tid !== process.pid) busiest = Math.max(busiest, t - (before.get(tid) ?? 0));
  return { perTx: ((busiest / USER_HZ) * 1e6) / N, rate: (N * 1000) / ms };
}

console.log(`LCD front thread per async broadcast: ${N} broadcasts over ${C} keep-alive connections`);
await phase(0); // warm-up (JIT), fast path
const fast = await phase(1);
// A GET on each connection hands it to node:http for good.
for (const c of conns) await c.get('/cosmos/base/tendermint/v1beta1/node_info');
await phase(2); // warm-up of the node:http path
const http = await phase(3);
console.log(`  raw-socket fast path: ${fast.perTx.toFixed(1)} µs of front-thread CPU per broadcast (${fast.rate.toFixed(0)}/s)`);
console.log(`  node:http:            ${http.perTx.toFixed(1)} µs of front-thread CPU per broadcast (${http.rate.toFixed(0)}/s)`);
for (const c of conns) c.close();
await front.close();

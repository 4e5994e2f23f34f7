// The LCD front thread on its own: forwarding to the routes, and coming back after it dies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { LcdFront } from '../src/lcd/front.js';
import type { Mempool } from '../src/mempool.js';
import { silentLogger } from '../src/logger.js';

test('the front thread forwards requests, and is restarted on the same port if it exits', async () => {
  const server = {
    inject: async (r: { url: string; method: string }) => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, rawPayload: Buffer.from(`${r.method} ${r.url}`) }),
  } as unknown as FastifyInstance;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 1000, maxUrlBytes: 1000 }, { server, mempool: {} as Mempool, log: silentLogger });
  const { port } = await front.listen();
  const url = `http://127.0.0.1:${port}/some/path?x=1`;
  assert.equal(await (await fetch(url)).text(), 'GET /some/path?x=1');
  await (front as unknown as { worker: Worker }).worker.terminate();
  let text = '';
  for (let i = 0; i < 100 && text === ''; i++) {
    await new Promise((r) => setTimeout(r, 20));
    text = await fetch(url).then((r) => r.text(), () => '');
  }
  assert.equal(text, 'GET /some/path?x=1');
  await front.close();
  await assert.rejects(fetch(url));
});

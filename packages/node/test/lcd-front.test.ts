// The LCD front thread on its own: forwarding to the routes, and coming back after it dies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import { connect, type Socket } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { LcdFront } from '../src/lcd/front.js';
import { prestartFrontThread, takePrestartedFrontThread } from '../src/lcd/front-prestart.js';
import type { Mempool } from '../src/mempool.js';
import { buildSignedTx, type Application, type VerifiedSignature } from '@scrtd/app';
import { pubkeyToAddress, secp256k1PublicKey, secp256k1Verify, sha256 } from '@scrtd/crypto';
import { silentLogger } from '../src/logger.js';

test('the front thread forwards requests, and is restarted on the same port if it exits', async () => {
  const server = {
    inject: async (r: { url: string; method: string }) => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, rawPayload: Buffer.from(`${r.method} ${r.url}`) }),
  } as unknown as FastifyInstance;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 1000, maxUrlBytes: 1000, chainId: 'test-1' }, { server, mempool: {} as Mempool, log: silentLogger, app: {} as Application });
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

test('the front thread verifies direct-mode signatures of async broadcasts once the app has announced the account number', async () => {
  const privateKey = sha256(new TextEncoder().encode('front test key'));
  const publicKey = secp256k1PublicKey(privateKey);
  const tx = (sequence: bigint) =>
    buildSignedTx(
      { chainId: 'test-1', msgs: [{ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: new Uint8Array([10, 1, 97]) }], fee: [{ denom: 'uscrt', amount: '1' }], gasLimit: 100_000n },
      [{ privateKey, publicKey, accountNumber: 4n, sequence }],
    );
  const added: Uint8Array[] = [];
  const remembered: VerifiedSignature[] = [];
  let announce: ((address: string, n: bigint) => void) | undefined;
  const app = {
    onAccountNumber: (l: (address: string, n: bigint) => void) => (announce = l),
    rememberSignatures: (s: readonly VerifiedSignature[]) => remembered.push(...s.map((x) => ({ digest: x.digest.slice(), signature: x.signature.slice(), pubkey: x.pubkey.slice() }))),
  } as unknown as Application;
  const mempool = { add: async (t: Uint8Array) => (added.push(t), { code: 0 }) } as unknown as Mempool;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 100_000, maxUrlBytes: 1000, chainId: 'test-1' }, { server: {} as FastifyInstance, mempool, log: silentLogger, app });
  const { port } = await front.listen();
  const broadcast = async (t: Uint8Array) => {
    const r = await fetch(`http://127.0.0.1:${port}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: JSON.stringify({ tx_bytes: Buffer.from(t).toString('base64'), mode: 'BROADCAST_MODE_ASYNC' }) });
    assert.equal(r.status, 200);
    const before = added.length;
    for (let i = 0; i < 200 && added.length === before; i++) await new Promise((res) => setTimeout(res, 5));
  };
  try {
    await broadcast(tx(0n));
    assert.equal(added.length, 1);
    assert.equal(remembered.length, 0, 'account number not known on the front thread yet');
    announce!(Buffer.from(pubkeyToAddress(publicKey)).toString('latin1'), 4n);
    await new Promise((res) => setTimeout(res, 20));
    const second = tx(1n);
    await broadcast(second);
    assert.deepEqual(added[1], second);
    assert.equal(remembered.length, 1);
    assert.deepEqual(remembered[0]!.pubkey, publicKey);
    assert.ok(secp256k1Verify(remembered[0]!.digest, remembered[0]!.signature, publicKey));
  } finally {
    await front.close();
  }
});

/** A raw keep-alive connection: write bytes, read back whole replies (status line, headers, body). */
class RawClient {
  private buf = '';
  private ended = false;
  private wake: (() => void) | undefined;
  private constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      this.buf += d;
      this.wake?.();
    });
    socket.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
  }
  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }
  /** The next reply, or undefined if the server closed the connection first. */
  async reply(): Promise<{ status: number; headers: Map<string, string>; body: string } | undefined> {
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end >= 0) {
        const lines = this.buf.slice(0, end).split('\r\n');
        const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
        const len = Number(headers.get('content-length') ?? 0);
        if (this.buf.length >= end + 4 + len) {
          const body = Buffer.from(this.buf.slice(end + 4, end + 4 + len), 'latin1').toString('utf8');
          this.buf = this.buf.slice(end + 4 + len);
          return { status: Number(lines[0]!.split(' ')[1]), headers, body };
        }
      }
      if (this.ended) return undefined;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
  /** Whether the server closes the connection (within `ms`). */
  async closedWithin(ms: number): Promise<boolean> {
    const t = setTimeout(() => this.wake?.(), ms);
    while (!this.ended) {
      const before = this.buf.length;
      await new Promise<void>((r) => (this.wake = r));
      if (!this.ended && this.buf.length === before) break;
    }
    clearTimeout(t);
    return this.ended;
  }
}

function broadcastRequest(tx: Uint8Array, mode: string, extraHeaders = '', path = '/cosmos/tx/v1beta1/txs'): string {
  const body = JSON.stringify({ tx_bytes: Buffer.from(tx).toString('base64'), mode });
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${extraHeaders}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

test('broadcasts on one connection are answered in order on the fast path; any other request moves the connection to the routes', async () => {
  const added: Uint8Array[] = [];
  const forwarded: string[] = [];
  const server = {
    inject: async (r: { url: string; method: string; payload?: string }) => {
      forwarded.push(`${r.method} ${r.url} ${r.payload ?? ''}`);
      return { statusCode: 200, headers: { 'content-type': 'text/plain' }, rawPayload: Buffer.from(`${r.method} ${r.url}`) };
    },
  } as unknown as FastifyInstance;
  // Sync CheckTx answers after a delay, so pipelined requests behind it must wait for it.
  const mempool = {
    add: async (t: Uint8Array) => {
      added.push(t);
      await new Promise((r) => setTimeout(r, 30));
      return { txhash: 'AB', code: t[0] === 9 ? 5 : 0, codespace: t[0] === 9 ? 'sdk' : '', log: t[0] === 9 ? 'insufficient funds' : '' };
    },
  } as unknown as Mempool;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 10_000, maxUrlBytes: 1000, chainId: 'test-1' }, { server, mempool, log: silentLogger, app: {} as Application });
  const { port } = await front.listen();
  try {
    const c = await RawClient.open(port);
    const a = new Uint8Array([1, 2, 3]);
    const s = new Uint8Array([9, 9]);
    const b = new Uint8Array([4, 5]);
    // Three requests in one write, the second split from the third mid-head by nothing at all.
    const all = broadcastRequest(a, 'BROADCAST_MODE_ASYNC') + broadcastRequest(s, 'BROADCAST_MODE_SYNC') + broadcastRequest(b, 'BROADCAST_MODE_ASYNC', '', '//cosmos/tx/v1beta1/txs/?x=1');
    c.socket.write(all.slice(0, 50));
    await new Promise((r) => setTimeout(r, 10));
    c.socket.write(all.slice(50));
    const r1 = (await c.reply())!;
    assert.equal(r1.status, 200);
    assert.equal(r1.headers.get('access-control-allow-origin'), '*');
    assert.equal(r1.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(r1.headers.get('connection'), 'keep-alive');
    assert.equal(JSON.parse(r1.body).tx_response.txhash, Buffer.from(sha256(a)).toString('hex').toUpperCase());
    const r2 = (await c.reply())!;
    assert.deepEqual([r2.status, JSON.parse(r2.body).tx_response.code, JSON.parse(r2.body).tx_response.raw_log], [200, 5, 'insufficient funds']);
    const r3 = (await c.reply())!;
    assert.equal(JSON.parse(r3.body).tx_response.txhash, Buffer.from(sha256(b)).toString('hex').toUpperCase());
    for (let i = 0; i < 100 && added.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(added, [a, s, b], 'handed to the mempool in arrival order');
    assert.deepEqual(forwarded, []);

    // A GET, then a broadcast with a malformed body, then a good one: all served by node:http now.
    c.socket.write('GET /some/path HTTP/1.1\r\nHost: x\r\n\r\n' + `POST /cosmos/tx/v1beta1/txs HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{"a":` + broadcastRequest(a, 'BROADCAST_MODE_ASYNC'));
    assert.equal((await c.reply())!.body, 'GET /some/path');
    assert.equal((await c.reply())!.body, 'POST /cosmos/tx/v1beta1/txs');
    assert.deepEqual(forwarded, ['GET /some/path ', 'POST /cosmos/tx/v1beta1/txs {"a":']);
    const r6 = (await c.reply())!;
    assert.equal(JSON.parse(r6.body).tx_response.txhash, Buffer.from(sha256(a)).toString('hex').toUpperCase());
    c.socket.destroy();

    // Requests the fast path leaves to node:http from the start: chunked, Expect, HTTP/1.0, oversized.
    const chunked = JSON.stringify({ tx_bytes: Buffer.from(a).toString('base64'), mode: 'BROADCAST_MODE_ASYNC' });
    const others: [string, (r: { status: number; body: string }) => void][] = [
      [
        `POST /cosmos/tx/v1beta1/txs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunked.length.toString(16)}\r\n${chunked}\r\n0\r\n\r\n`,
        (r) => assert.equal(r.status, 200),
      ],
      [broadcastRequest(a, 'BROADCAST_MODE_ASYNC', 'Expect: 100-continue\r\n'), (r) => assert.equal(r.status, 200)],
      [broadcastRequest(a, 'BROADCAST_MODE_ASYNC').replace('HTTP/1.1', 'HTTP/1.0'), (r) => assert.equal(r.status, 200)],
      [`POST /cosmos/tx/v1beta1/txs HTTP/1.1\r\nHost: x\r\nContent-Length: 20000\r\n\r\n${'x'.repeat(20000)}`, (r) => assert.equal(r.status, 413)],
      [`POST /cosmos/tx/v1beta1/txs HTTP/1.1\r\nHost: x\r\nX: ${'y'.repeat(20_000)}\r\n\r\n`, (r) => assert.equal(r.status, 431)],
    ];
    for (const [req, check] of others) {
      const o = await RawClient.open(port);
      o.socket.write(req);
      let r = (await o.reply())!;
      if (r.status === 100) r = (await o.reply())!;
      check(r);
      o.socket.destroy();
    }
    assert.equal(added.length, 7, 'chunked, Expect and HTTP/1.0 broadcasts were accepted by node:http');

    // Connection: close is honoured on the fast path.
    const k = await RawClient.open(port);
    k.socket.write(broadcastRequest(b, 'BROADCAST_MODE_ASYNC', 'Connection: close\r\n'));
    assert.equal((await k.reply())!.headers.get('connection'), 'close');
    assert.ok(await k.closedWithin(1000));
  } finally {
    await front.close();
  }
});

test('closing the front thread answers a sync broadcast in flight on the fast path, then closes its connection', async () => {
  let release: (() => void) | undefined;
  const mempool = {
    add: (t: Uint8Array) => new Promise((r) => (release = () => r({ txhash: 'AB', code: 0, codespace: '', log: String(t.length) }))),
  } as unknown as Mempool;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 10_000, maxUrlBytes: 1000, chainId: 'test-1' }, { server: {} as FastifyInstance, mempool, log: silentLogger, app: {} as Application });
  const { port } = await front.listen();
  const idle = await RawClient.open(port);
  const busy = await RawClient.open(port);
  busy.socket.write(broadcastRequest(new Uint8Array([1, 2]), 'BROADCAST_MODE_SYNC'));
  for (let i = 0; i < 200 && !release; i++) await new Promise((r) => setTimeout(r, 5));
  const closed = front.close();
  assert.ok(await idle.closedWithin(1000), 'an idle connection is closed at once');
  release!();
  const r = (await busy.reply())!;
  assert.equal(JSON.parse(r.body).tx_response.raw_log, '2');
  assert.equal(r.headers.get('connection'), 'close');
  await closed;
});

test('the front thread runs five nice levels below the main thread (Linux)', { skip: process.platform !== 'linux' }, async () => {
  const niceOf = (task: string) => {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  };
  const before = new Set(readdirSync('/proc/self/task'));
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 1000, maxUrlBytes: 1000, chainId: 'test-1' }, { server: {} as FastifyInstance, mempool: {} as Mempool, log: silentLogger, app: {} as Application });
  try {
    await front.listen();
    const main = niceOf(String(process.pid));
    const added = readdirSync('/proc/self/task').filter((t) => !before.has(t));
    assert.ok(
      added.some((t) => niceOf(t) === Math.min(19, main + 5)),
      `a new thread at nice ${main + 5}: ${added.map((t) => `${t}:${niceOf(t)}`).join(' ')}`,
    );
    assert.equal(niceOf(String(process.pid)), main, 'the main thread keeps its priority');
  } finally {
    await front.close();
  }
});

test('a client that pipelines thousands of broadcasts before reading gets every reply, in order', async () => {
  let added = 0;
  const mempool = { add: async () => (added++, { txhash: 'AB', code: 0, codespace: '', log: '' }) } as unknown as Mempool;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 10_000, maxUrlBytes: 1000, chainId: 'test-1' }, { server: {} as FastifyInstance, mempool, log: silentLogger, app: {} as Application });
  const { port } = await front.listen();
  try {
    const n = 3000;
    const txs = Array.from({ length: n }, (_, i) => Uint8Array.of(i >> 8, i & 255, 7));
    const c = await RawClient.open(port);
    c.socket.pause(); // read nothing while the requests go out
    c.socket.write(txs.map((t) => broadcastRequest(t, 'BROADCAST_MODE_ASYNC')).join(''));
    await new Promise((r) => setTimeout(r, 300));
    c.socket.resume();
    for (let i = 0; i < n; i++) {
      const r = (await c.reply())!;
      assert.equal(JSON.parse(r.body).tx_response.txhash, Buffer.from(sha256(txs[i]!)).toString('hex').toUpperCase());
    }
    for (let i = 0; i < 200 && added < n; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(added, n);
    c.socket.destroy();
  } finally {
    await front.close();
  }
});

test('a front thread prestarted before the node is taken by the LCD and configured by it', async () => {
  prestartFrontThread();
  const server = {
    inject: async (r: { url: string; method: string }) => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, rawPayload: Buffer.from(`${r.method} ${r.url}`) }),
  } as unknown as FastifyInstance;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 100, maxUrlBytes: 1000, chainId: 'test-1' }, { server, mempool: {} as Mempool, log: silentLogger, app: {} as Application });
  try {
    const { port } = await front.listen();
    assert.equal(takePrestartedFrontThread(), undefined, 'the LCD took the prestarted thread');
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/a`)).text(), 'GET /a');
    // Its configuration arrived: the body limit is the LCD's.
    const big = await fetch(`http://127.0.0.1:${port}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: 'x'.repeat(200) });
    assert.equal(big.status, 413);
  } finally {
    await front.close();
  }
});

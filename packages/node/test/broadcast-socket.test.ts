// BroadcastSocket on its own, over an in-memory socket whose writes complete only when released.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { BroadcastSocket, type BroadcastSocketOptions } from '../src/lcd/broadcast-socket.js';

class HeldSocket extends Duplex {
  readonly replies: string[] = [];
  private held: (() => void)[] | undefined = [];
  override _read(): void {}
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.replies.push(chunk.toString('latin1'));
    if (this.held) this.held.push(done);
    else done();
  }
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const done of held) done();
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
}

const request = (body: string) => `POST /b HTTP/1.1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** `handedOver` gets the socket and, as node:http would, starts reading it at once into `unread`. */
function options(answered: string[], handedOver: Socket[], unread: Buffer[] = []): BroadcastSocketOptions {
  return {
    isBroadcastTarget: (t) => t === '/b',
    bodyLimitBytes: 1000,
    answer: (body) => (answered.push(body), body === 'bad' ? undefined : { reply: `{"r":"${body}","pad":"${'x'.repeat(400)}"}` }),
    handover: (s) => {
      handedOver.push(s);
      s.on('data', (d: Buffer) => unread.push(d));
    },
    headers: 'x-test: 1\r\n',
    closing: () => false,
  };
}

test('a client that does not read its replies is not read either, until it does', async () => {
  const socket = new HeldSocket();
  const answered: string[] = [];
  new BroadcastSocket(socket as unknown as Socket, options(answered, []));
  const n = 1000;
  socket.push(Buffer.from(Array.from({ length: n }, (_, i) => request(String(i))).join(''), 'latin1'));
  await new Promise((r) => setImmediate(r));
  assert.ok(answered.length > 100 && answered.length < n, `stopped after ${answered.length} of ${n}`);
  socket.release();
  await new Promise((r) => setImmediate(r));
  assert.equal(answered.length, n);
  assert.deepEqual(answered, Array.from({ length: n }, (_, i) => String(i)));
  assert.equal(socket.replies.length, n);
  assert.match(socket.replies[0]!, /^HTTP\/1\.1 200 OK\r\nx-test: 1\r\ncontent-length: \d+\r\nDate: .+\r\nConnection: keep-alive\r\nKeep-Alive: timeout=72\r\n\r\n\{"r":"0"/);
});

test('a request the fast path does not take is handed over with its bytes and everything after it', async () => {
  const socket = new HeldSocket();
  socket.release();
  const answered: string[] = [];
  const handedOver: Socket[] = [];
  const unread: Buffer[] = [];
  new BroadcastSocket(socket as unknown as Socket, options(answered, handedOver, unread));
  const rest = request('bad') + request('2');
  socket.push(Buffer.from(request('1') + rest.slice(0, 10), 'latin1'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(answered, ['1']);
  socket.push(Buffer.from(rest.slice(10), 'latin1'));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(answered, ['1', 'bad']);
  assert.equal(handedOver.length, 1);
  assert.equal(socket.replies.length, 1);
  // What node:http reads next: the refused request, then the one after it.
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(Buffer.concat(unread).toString('latin1'), rest);
});

test('a body that arrives in many pieces is answered once, when it is complete', async () => {
  const socket = new HeldSocket();
  socket.release();
  const answered: string[] = [];
  new BroadcastSocket(socket as unknown as Socket, options(answered, []));
  const body = 'y'.repeat(900);
  const bytes = request(body) + request('next');
  for (let i = 0; i < bytes.length; i += 37) {
    socket.push(Buffer.from(bytes.slice(i, i + 37), 'latin1'));
    await new Promise((r) => setImmediate(r));
  }
  assert.deepEqual(answered, [body, 'next']);
  assert.equal(socket.replies.length, 2);
});

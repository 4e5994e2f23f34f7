// The front thread's fast path: a raw HTTP/1.1 connection that answers broadcast requests itself.
// node:http spends ≈ 30–50 µs of CPU per request on this machine (request and response objects,
// their streams, header handling; bench/lcd-broadcast.ts), a fifth of the front thread's work per
// broadcast. This reads request
// heads straight off the socket instead, for as long as the client sends nothing but plain
// broadcasts. The first request that is anything else (another path or method, a body that is not a
// well-formed broadcast, a chunked body, `Expect`, `Upgrade`, HTTP/1.0, a head that is malformed or
// too large) is handed, unread, with the socket to the node:http server, which owns the connection
// from then on. Replies keep the order of requests: while a sync broadcast waits for CheckTx, later
// pipelined requests stay buffered.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** node:http's default limit on a request head (--max-http-header-size). */
const MAX_HEAD_BYTES = 16 * 1024;
/** Idle keep-alive connections are closed after this long (as the node:http server does). */
export const KEEP_ALIVE_MS = 72_000;
/** Replies a client has not read yet, beyond which its requests are not read either (as node:http). */
const MAX_UNREAD_REPLY_BYTES = 64 * 1024;

/** What the front thread makes of a broadcast body: a reply now, a reply later (respond()), or not ours. */
export type BroadcastAnswer = { reply: string } | { wait: true } | undefined;

export interface BroadcastSocketOptions {
  /** Whether `target` (the request-target of a POST) is the broadcast route. */
  isBroadcastTarget(target: string): boolean;
  bodyLimitBytes: number;
  answer(body: string, conn: BroadcastSocket): BroadcastAnswer;
  /** Gives the socket (its unread bytes already put back) to the node:http server. */
  handover(socket: Socket): void;
  /** Extra reply headers, each as `name: value\r\n`. */
  headers: string;
  /** True once the server is stopping: replies then close their connection. */
  closing(): boolean;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The parsed head of a request the fast path may answer, or undefined to hand the connection over. */
function broadcastHead(head: string, opts: BroadcastSocketOptions): { length: number; close: boolean } | undefined {
  const lines = head.split('\r\n');
  const parts = lines[0]!.split(' ');
  if (parts.length !== 3 || parts[0] !== 'POST' || parts[2] !== 'HTTP/1.1' || !opts.isBroadcastTarget(parts[1]!)) return undefined;
  let length: number | undefined;
  let close = false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined; // also obsolete line folding (a line starting with a space)
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return undefined;
    const value = line.slice(colon + 1).trim();
    switch (name.toLowerCase()) {
      case 'content-length':
        if (length !== undefined || !/^\d{1,15}$/.test(value)) return undefined;
        length = Number(value);
        break;
      case 'transfer-encoding':
      case 'expect':
      case 'upgrade':
        return undefined;
      case 'connection':
        for (const token of value.toLowerCase().split(',')) {
          const t = token.trim();
          if (t === 'upgrade') return undefined;
          if (t === 'close') close = true;
        }
        break;
    }
  }
  if (length === undefined || length > opts.bodyLimitBytes) return undefined;
  return { length, close };
}

export class BroadcastSocket {
  private buf: Buffer | null = null;
  /**
   * Chunks of a body still incomplete, kept apart until `need` bytes are there: joining each chunk to
   * `buf` as it came would copy a large body once per chunk.
   */
  private parts: Buffer[] = [];
  private partBytes = 0;
  private need = 0;
  /** A sync broadcast is waiting for its reply; later requests wait in `buf`. */
  private waiting = false;
  private closeAfterReply = false;
  private ended = false;
  private done = false;
  private readonly onData = (d: Buffer) => {
    if (this.done) return; // after the last reply: nothing more is read
    this.parts.push(d);
    this.partBytes += d.length;
    if ((this.buf?.length ?? 0) + this.partBytes < this.need) return;
    this.buf = Buffer.concat(this.buf === null ? this.parts : [this.buf, ...this.parts]);
    this.parts = [];
    this.partBytes = 0;
    this.drain();
  };
  private readonly onDrain = () => {
    this.socket.resume();
    this.drain();
  };
  private readonly onEnd = () => {
    this.ended = true;
    if (!this.waiting) this.finish();
  };
  private readonly onTimeout = () => this.socket.destroy();
  private readonly onError = () => this.socket.destroy();

  constructor(
    readonly socket: Socket,
    private readonly opts: BroadcastSocketOptions,
  ) {
    socket.setNoDelay(true);
    socket.setTimeout(KEEP_ALIVE_MS);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('timeout', this.onTimeout);
    socket.on('error', this.onError);
    socket.on('drain', this.onDrain);
  }

  /** Ends the connection now if it is idle, else after the reply it owes. */
  closeWhenIdle(): void {
    this.closeAfterReply = true;
    if (!this.waiting && this.buf === null && this.partBytes === 0) this.finish();
  }

  /** The reply (a JSON body) to the sync broadcast this connection waits for. */
  respond(status: number, json: string): void {
    if (!this.waiting || this.done) return;
    this.waiting = false;
    this.write(status, json);
    if (this.closeAfterReply || this.ended) return this.finish();
    this.drain();
  }

  private drain(): void {
    while (!this.waiting && !this.done && this.buf !== null) {
      // A client that sends requests without reading the replies waits until it has read them.
      if (this.socket.writableLength > MAX_UNREAD_REPLY_BYTES) {
        this.socket.pause();
        return;
      }
      const buf = this.buf;
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        // A bare-LF head or one past the limit: node:http decides what it is.
        if (buf.length > MAX_HEAD_BYTES || buf.indexOf('\n\n') >= 0) this.handover();
        return;
      }
      if (end + 4 > MAX_HEAD_BYTES) return this.handover();
      const head = broadcastHead(buf.toString('latin1', 0, end), this.opts);
      if (head === undefined) return this.handover();
      const total = end + 4 + head.length;
      if (buf.length < total) {
        this.need = total; // the rest of the body is on its way
        return;
      }
      this.need = 0;
      const answer = this.opts.answer(buf.toString('utf8', end + 4, total), this);
      if (answer === undefined) return this.handover();
      this.buf = buf.length === total ? null : buf.subarray(total);
      if (head.close) this.closeAfterReply = true;
      if ('wait' in answer) {
        this.waiting = true;
        return;
      }
      this.write(200, answer.reply);
      if (this.closeAfterReply) return this.finish();
    }
    if (this.ended && !this.waiting) this.finish();
  }

  private write(status: number, json: string): void {
    if (this.opts.closing()) this.closeAfterReply = true;
    const connection = this.closeAfterReply ? 'Connection: close\r\n' : `Connection: keep-alive\r\nKeep-Alive: timeout=${KEEP_ALIVE_MS / 1000}\r\n`;
    this.socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${this.opts.headers}content-length: ${Buffer.byteLength(json)}\r\nDate: ${httpDate()}\r\n${connection}\r\n${json}`,
    );
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.socket.end();
  }

  private handover(): void {
    this.done = true;
    const s = this.socket;
    s.removeListener('data', this.onData);
    s.removeListener('end', this.onEnd);
    s.removeListener('timeout', this.onTimeout);
    s.removeListener('error', this.onError);
    s.removeListener('drain', this.onDrain);
    s.setTimeout(0);
    s.pause();
    const unread = this.buf === null ? this.parts : [this.buf, ...this.parts];
    if (unread.length > 0) s.unshift(Buffer.concat(unread));
    this.buf = null;
    this.parts = [];
    this.opts.handover(s);
    // The put-back bytes flow to node:http's parser once it has attached its listeners.
    process.nextTick(() => s.resume());
  }
}

let dateSecond = -1;
let dateText = '';

/** The Date header value, as node:http caches it: recomputed at most once a second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

// A lean HTTP/1.1 keep-alive connection for load generators: one request in flight at a time, as a
// wallet sends, with the request bytes built by the caller. `fetch` (undici) spends ~0.7 ms of CPU per
// request, which on a 2-core machine takes the core the node under test needs; this spends a few µs.
// It understands only what the LCD sends back: a status line, headers with Content-Length, a body.
import { connect, type Socket } from 'node:net';

export interface HttpReply {
  status: number;
  body: string;
}

export class HttpConnection {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: HttpReply) => void; reject: (e: Error) => void } | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly host: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
      this.parse();
    });
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  static open(host: string, port: number): Promise<HttpConnection> {
    return new Promise((resolve, reject) => {
      const s = connect(port, host, () => resolve(new HttpConnection(s, `${host}:${port}`)));
      s.once('error', reject);
    });
  }

  /** POST a JSON body (already serialised) and resolve with the reply. */
  post(path: string, json: string): Promise<HttpReply> {
    return this.request(`POST ${path} HTTP/1.1\r\nHost: ${this.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
  }

  get(path: string): Promise<HttpReply> {
    return this.request(`GET ${path} HTTP/1.1\r\nHost: ${this.host}\r\n\r\n`);
  }

  private request(bytes: string): Promise<HttpReply> {
    if (this.waiting) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m) return this.fail(new Error(`reply without content-length: ${head.split('\r\n')[0]}`));
    const len = Number(m[1]);
    if (this.buf.length < end + 4 + len) return;
    const body = this.buf.subarray(end + 4, end + 4 + len).toString('utf8');
    this.buf = this.buf.subarray(end + 4 + len);
    const w = this.waiting;
    this.waiting = undefined;
    w.resolve({ status, body });
  }

  private fail(e: Error): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }
}

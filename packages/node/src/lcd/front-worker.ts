// The LCD's front thread: owns the HTTP sockets so parsing requests and writing replies does not take
// the main thread, which runs the app. Well-formed broadcasts are answered here (async mode at once,
// sync mode after the main thread's CheckTx); every other request goes to the main thread's fastify
// routes and comes back as a finished reply. Connections start on the raw broadcast fast path
// (BroadcastSocket) and move to the node:http server at their first request of any other kind.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ArrivalVerifier, packSignatures, type VerifiedSignature } from '@scrtd/app';
import { emptyTxResponse, parseBroadcast } from './broadcast.js';
import { errorBody, GrpcCode } from './errors.js';
import { clientErrorHandler, collapseSlashes, CORS_HEADERS } from './http-basics.js';
import { BroadcastSocket, KEEP_ALIVE_MS, type BroadcastAnswer } from './broadcast-socket.js';
import type { FromFront, FrontConfig, ToFront } from './front-protocol.js';
import { sha256 } from '../util/hash.js';
import { toHexUpper } from '../util/convert.js';

// The configuration comes as workerData, or in a first 'config' message when the thread was started
// before the node knew it (prestartFrontThread); nothing reads it before then.
let cfg: FrontConfig;
// Signatures are verified here, on this thread's core, while the main thread may be executing a block.
let verifier: ArrivalVerifier;
function configure(c: FrontConfig): void {
  cfg = c;
  verifier = new ArrivalVerifier(c.chainId);
}
if (workerData !== null) configure(workerData as FrontConfig);

/**
 * How much lower than the main thread this thread runs (nice levels). The main thread executes blocks,
 * the node's critical path; this one has slack (about a third of a core at full load). At equal
 * priority the kernel gave this thread the main thread's core for 13 % of the time under load
 * (/proc/<pid>/task/<tid>/schedstat: 670 ms of run-queue wait in 5 s); five levels give the main
 * thread three times its weight. On Linux a thread's priority is its own, so only this thread
 * changes. Best effort: where the call is refused, nothing changes.
 */
const FRONT_THREAD_NICE_OFFSET = 5;
try {
  setPriority(Math.min(19, getPriority() + FRONT_THREAD_NICE_OFFSET));
} catch {
  // not permitted on this system
}
const port = parentPort!;
const BROADCAST_PATH = '/cosmos/tx/v1beta1/txs';
/** Headers of the connection, not of the reply: the front thread's own socket decides them. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

/** Requests waiting for the main thread: forwarded ones (node:http) and sync broadcasts (either path). */
const waiting = new Map<number, ServerResponse>();
const waitingSync = new Map<number, (status: number, json: string) => void>();
let nextId = 0;
let closing = false;
// Async broadcasts are handed over once per event-loop turn, in arrival order; any other message
// flushes them first, so the main thread sees a client's requests in the order it sent them.
let batch: Uint8Array[] = [];
let batchHashes: Uint8Array[] = [];
let flushQueued = false;

function flush(): void {
  if (batch.length === 0) return;
  // Verified here rather than as each request is read, so the replies of the turn go out first.
  const sigs: VerifiedSignature[] = [];
  for (const tx of batch) for (const sig of verifier.verify(tx)) sigs.push(sig);
  const hashes = new Uint8Array(32 * batchHashes.length);
  batchHashes.forEach((h, i) => hashes.set(h, 32 * i));
  post({ t: 'txs', txs: batch, hashes, sigs: packSignatures(sigs) });
  batch = [];
  batchHashes = [];
}

function post(m: FromFront): void {
  if (m.t !== 'txs') flush();
  port.postMessage(m);
}

function queueTx(tx: Uint8Array, hash: Uint8Array): void {
  batch.push(tx);
  batchHashes.push(hash);
  if (flushQueued) return;
  flushQueued = true;
  setImmediate(() => {
    flushQueued = false;
    flush();
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[] | number>, body: string | Uint8Array): void {
  // A stopping server answers what it was asked and then lets the connection go.
  if (closing) headers['connection'] = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

/** The headers of every JSON reply this thread writes itself (on either path). */
const JSON_HEADERS = { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8' };

function sendJsonText(res: ServerResponse, status: number, json: string): void {
  send(res, status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(json) }, json);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendJsonText(res, status, JSON.stringify(value));
}

/** The request path as the fastify router sees it: slashes collapsed, no query, no trailing slash. */
function routePath(url: string): string {
  const collapsed = collapseSlashes(url);
  const q = collapsed.indexOf('?');
  const path = q < 0 ? collapsed : collapsed.slice(0, q);
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function onRequest(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = Number(req.headers['content-length'] ?? 0) > cfg.bodyLimitBytes;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > cfg.bodyLimitBytes) tooLarge = true;
    if (!tooLarge) chunks.push(c);
  });
  req.on('end', () => {
    const url = req.url ?? '/';
    if (tooLarge && req.method === 'POST') {
      sendJson(res, 413, errorBody(GrpcCode.ResourceExhausted, `request body too large (limit ${cfg.bodyLimitBytes} bytes)`));
      return;
    }
    const body = chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
    if (req.method === 'POST' && body !== undefined && url.length <= cfg.maxUrlBytes && routePath(url) === BROADCAST_PATH) {
      const b = parseBroadcast(body);
      if (b?.mode === 'async') {
        sendJsonText(res, 200, acceptAsync(b.tx));
        return;
      }
      if (b?.mode === 'sync') {
        postSync(b.tx, (status, json) => sendJsonText(res, status, json));
        return;
      }
    }
    const id = nextId++;
    waiting.set(id, res);
    const headers: Record<string, string | string[] | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_HEADERS.has(k)) headers[k] = v;
    post({ t: 'http', id, method: req.method ?? 'GET', url, headers, body: tooLarge ? undefined : body });
  });
}

/** Posts a sync broadcast to the main thread; `reply` gets the JSON reply (CheckTx's, or an error). */
function postSync(tx: Uint8Array, reply: (status: number, json: string) => void): void {
  const id = nextId++;
  waitingSync.set(id, reply);
  post({ t: 'sync', id, tx, sigs: packSignatures(verifier.verify(tx)) });
}

/**
 * An async broadcast: queued for the main thread, answered with its hash at once. CheckTx runs behind
 * the reply, as CometBFT's broadcast_tx_async.
 */
function acceptAsync(tx: Uint8Array): string {
  const hash = sha256(tx);
  queueTx(tx, hash);
  return JSON.stringify({ tx_response: emptyTxResponse(toHexUpper(hash), 0, '', '') });
}

/** A broadcast body on the fast path: answered like onRequest answers it, or left to node:http. */
function answerBroadcast(body: string, conn: BroadcastSocket): BroadcastAnswer {
  const b = parseBroadcast(body);
  if (b?.mode === 'async') return { reply: acceptAsync(b.tx) };
  if (b?.mode === 'sync') {
    postSync(b.tx, (status, json) => conn.respond(status, json));
    return { wait: true };
  }
  return undefined;
}

// The node:http server never listens itself: it gets the sockets the fast path hands over.
const server = createServer({ keepAliveTimeout: KEEP_ALIVE_MS }, onRequest);
server.keepAliveTimeout = KEEP_ALIVE_MS; // fastify's default, so clients see the same keep-alive behaviour
server.on('clientError', clientErrorHandler);
server.emit('listening'); // starts its connection tracking (idle and header/request timeouts)

const REPLY_HEADERS = Object.entries(JSON_HEADERS)
  .map(([k, v]) => `${k}: ${v}\r\n`)
  .join('');
const fastSockets = new Set<BroadcastSocket>();
// Same socket options as a node:http server's, since the sockets may end up there.
const listener = createNetServer({ allowHalfOpen: true, noDelay: true }, (socket: Socket) => {
  const conn = new BroadcastSocket(socket, {
    isBroadcastTarget: (target) => target.length <= cfg.maxUrlBytes && routePath(target) === BROADCAST_PATH,
    bodyLimitBytes: cfg.bodyLimitBytes,
    answer: answerBroadcast,
    handover: (s) => {
      fastSockets.delete(conn);
      server.emit('connection', s);
    },
    headers: REPLY_HEADERS,
    closing: () => closing,
  });
  fastSockets.add(conn);
  socket.once('close', () => fastSockets.delete(conn));
});

port.on('message', (m: ToFront) => {
  if (m.t === 'config') return configure(m.cfg);
  if (m.t === 'listen') return listen();
  if (m.t === 'accounts') return verifier.learn(m.entries);
  if (m.t === 'close') {
    closing = true;
    // The listener's callback runs once every socket it accepted has closed, on either path.
    listener.close(() => post({ t: 'closed' }));
    server.close(); // closes its idle keep-alive connections and stops its timeout checks
    for (const conn of fastSockets) conn.closeWhenIdle();
    return;
  }
  if (m.t === 'checked') {
    const reply = waitingSync.get(m.id);
    waitingSync.delete(m.id);
    reply?.(200, JSON.stringify({ tx_response: emptyTxResponse(m.txhash, m.code, m.codespace, m.log) }));
    return;
  }
  const sync = waitingSync.get(m.id);
  if (sync) {
    // The main thread's own failure answering a sync broadcast (a JSON error body).
    waitingSync.delete(m.id);
    sync(m.status, Buffer.from(m.body).toString('utf8'));
    return;
  }
  const res = waiting.get(m.id);
  waiting.delete(m.id);
  if (!res) return;
  const headers: Record<string, string | string[] | number> = {};
  for (const [k, v] of Object.entries(m.headers)) if (v !== undefined && !HOP_HEADERS.has(k)) headers[k] = v;
  headers['content-length'] = m.body.length;
  try {
    send(res, m.status, headers, m.body);
  } catch {
    res.destroy(); // a reply node:http refuses to write (a bad header value) costs that request only
  }
});

function listen(): void {
  listener.once('error', (e: Error & { code?: string }) => post({ t: 'listen-error', message: e.message, code: e.code }));
  listener.listen(cfg.port, cfg.host, () => {
    const a = listener.address();
    if (a === null || typeof a === 'string') return post({ t: 'listen-error', message: 'LCD: unexpected listen address', code: undefined });
    post({ t: 'listening', address: a.address, family: a.family, port: a.port });
  });
}

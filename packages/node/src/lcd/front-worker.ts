// The LCD's front thread: owns the HTTP sockets so parsing requests and writing replies does not take
// the main thread, which runs the app. Well-formed broadcasts are answered here (async mode at once,
// sync mode after the main thread's CheckTx); every other request goes to the main thread's fastify
// routes and comes back as a finished reply.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { ArrivalVerifier, packSignatures, type VerifiedSignature } from '@scrtd/app';
import { emptyTxResponse, parseBroadcast } from './broadcast.js';
import { errorBody, GrpcCode } from './errors.js';
import { clientErrorHandler, collapseSlashes, CORS_HEADERS } from './http-basics.js';
import type { FromFront, FrontConfig, ToFront } from './front-protocol.js';
import { sha256 } from '../util/hash.js';
import { toHexUpper } from '../util/convert.js';

const cfg = workerData as FrontConfig;
const port = parentPort!;
const BROADCAST_PATH = '/cosmos/tx/v1beta1/txs';
/** Headers of the connection, not of the reply: the front thread's own socket decides them. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

const waiting = new Map<number, ServerResponse>();
let nextId = 0;
let closing = false;
// Async broadcasts are handed over once per event-loop turn, in arrival order; any other message
// flushes them first, so the main thread sees a client's requests in the order it sent them.
let batch: Uint8Array[] = [];
let batchSigs: VerifiedSignature[] = [];
let flushQueued = false;
// Signatures are verified here, on this thread's core, while the main thread may be executing a block.
const verifier = new ArrivalVerifier(cfg.chainId);

function flush(): void {
  if (batch.length === 0) return;
  post({ t: 'txs', txs: batch, sigs: packSignatures(batchSigs) });
  batch = [];
  batchSigs = [];
}

function post(m: FromFront): void {
  if (m.t !== 'txs') flush();
  port.postMessage(m);
}

function queueTx(tx: Uint8Array): void {
  batch.push(tx);
  for (const sig of verifier.verify(tx)) batchSigs.push(sig);
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

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  send(res, status, { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }, body);
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
        // The hash is known at once; CheckTx runs behind the reply, as CometBFT's broadcast_tx_async.
        sendJson(res, 200, { tx_response: emptyTxResponse(toHexUpper(sha256(b.tx)), 0, '', '') });
        queueTx(b.tx);
        return;
      }
      if (b?.mode === 'sync') {
        const id = nextId++;
        waiting.set(id, res);
        post({ t: 'sync', id, tx: b.tx, sigs: packSignatures(verifier.verify(b.tx)) });
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

const server = createServer({ keepAliveTimeout: 72_000 }, onRequest);
server.keepAliveTimeout = 72_000; // fastify's default, so clients see the same keep-alive behaviour
server.on('clientError', clientErrorHandler);

port.on('message', (m: ToFront) => {
  if (m.t === 'listen') return listen();
  if (m.t === 'accounts') return verifier.learn(m.entries);
  if (m.t === 'close') {
    closing = true;
    server.close(() => post({ t: 'closed' }));
    server.closeIdleConnections();
    return;
  }
  const res = waiting.get(m.id);
  waiting.delete(m.id);
  if (!res) return;
  if (m.t === 'checked') {
    sendJson(res, 200, { tx_response: emptyTxResponse(m.txhash, m.code, m.codespace, m.log) });
    return;
  }
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
  server.once('error', (e: Error & { code?: string }) => post({ t: 'listen-error', message: e.message, code: e.code }));
  server.listen(cfg.port, cfg.host, () => {
    const a = server.address();
    if (a === null || typeof a === 'string') return post({ t: 'listen-error', message: 'LCD: unexpected listen address', code: undefined });
    post({ t: 'listening', address: a.address, family: a.family, port: a.port });
  });
}

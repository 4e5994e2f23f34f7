// The LCD: a fastify server speaking the Cosmos SDK 0.50 gRPC-gateway REST dialect that secretjs
// uses. Node-owned routes (tx service, tendermint service) plus every route of the app's table.
// Everything that is not a 2xx answer is gateway-shaped JSON {code, message, details}: unknown
// paths (501/12 "Not Implemented", or "Method Not Allowed" for a known path), malformed input (400),
// oversized bodies (413) and URLs (414), and internal failures (500).
import { fastify, type FastifyInstance, type FastifyError } from 'fastify';
import type { Application, RestRoute } from '@scrtd/app';
import type { RemoteChecker } from './checker/remote.js';
import { makeQuery, RouteTable, type LcdContext, type NodeInfo } from './lcd/context.js';
import { ApiError, errorBody, GrpcCode, toApiError } from './lcd/errors.js';
import { clientErrorHandler, collapseSlashes, CORS_HEADERS } from './lcd/http-basics.js';

export { collapseSlashes };
import { LcdFront } from './lcd/front.js';
import { registerTxRoutes } from './lcd/txroutes.js';
import { registerTendermintRoutes } from './lcd/tmroutes.js';
import { registerAppRoutes } from './lcd/approutes.js';
import type { GatewayJson } from './lcd/gateway.js';
import type { BlockStore } from './blockstore.js';
import type { TxIndex } from './txindex.js';
import type { Mempool } from './mempool.js';
import type { Logger } from './logger.js';
import type { Serializer } from './util/serial.js';

export interface LcdOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  /** Largest request body; a 2 MiB tx in base64 plus JSON framing fits the default. */
  bodyLimitBytes: number;
  /** Longest request target (path and query). */
  maxUrlBytes: number;
  /**
   * Serve HTTP from a worker thread that answers well-formed broadcasts itself and forwards other
   * requests to the routes here, so parsing and writing do not take the thread that runs the app.
   */
  frontThread: boolean;
}

export const defaultLcdOptions: LcdOptions = {
  host: '127.0.0.1',
  port: 1317,
  bodyLimitBytes: 3 * 1024 * 1024,
  maxUrlBytes: 8 * 1024,
  frontThread: true,
};

export interface LcdModules {
  app: Application;
  /** The app's REST routes (Application implementations expose them as `app.routes`). */
  routes: readonly RestRoute[];
  gate: Serializer;
  mempool: Mempool;
  blocks: BlockStore;
  txs: TxIndex;
  gateway: GatewayJson;
  logger: Logger;
  nodeInfo: () => NodeInfo;
  /** The CheckTx thread, which then answers queries and simulations. */
  checker?: RemoteChecker;
}

export interface LcdServer {
  readonly server: FastifyInstance;
  /** Prepare to listen (start the front thread) while the node starts; optional. */
  warm(): void;
  /** Start listening; resolves with the base URL (http://host:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function createLcd(opts: Partial<LcdOptions>, modules: LcdModules): LcdServer {
  const o: LcdOptions = { ...defaultLcdOptions, ...opts };
  const log = modules.logger;

  const server = fastify({
    logger: false,
    bodyLimit: o.bodyLimitBytes,
    routerOptions: {
      // Path parameters (labels, addresses) may be long; the URL limit below is the real bound.
      maxParamLength: o.maxUrlBytes,
      ignoreTrailingSlash: true,
    },
    // On stop, idle keep-alive sockets are closed and requests in flight finish; requests that
    // arrive meanwhile are still answered (the app stays up until the LCD has closed).
    forceCloseConnections: 'idle',
    return503OnClosing: false,
    rewriteUrl: (req) => collapseSlashes(req.url ?? '/'),
    clientErrorHandler,
    frameworkErrors: (err, _req, reply) => {
      // Malformed URL encoding and the like, before routing.
      const r = reply as unknown as { header(k: string, v: string): unknown; code(n: number): { send(b: unknown): unknown } };
      r.header('access-control-allow-origin', '*');
      r.code(400).send(errorBody(GrpcCode.InvalidArgument, err.message));
    },
  });

  // secretjs posts JSON without a JSON content type (fetch defaults to text/plain), so every body
  // is parsed as JSON whatever its declared type.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new ApiError(GrpcCode.InvalidArgument, `invalid JSON body: ${(e as Error).message}`), undefined);
    }
  });

  server.addHook('onRequest', async (req, reply) => {
    void reply.headers(CORS_HEADERS);
    if (req.originalUrl.length > o.maxUrlBytes) {
      return reply.code(414).send(errorBody(GrpcCode.InvalidArgument, `request URL too long (limit ${o.maxUrlBytes} bytes)`));
    }
    if (req.method === 'OPTIONS') {
      void reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      void reply.header('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'content-type, x-cosmos-block-height');
      void reply.header('access-control-max-age', '86400');
      return reply.code(204).send();
    }
    return undefined;
  });

  server.addHook('onResponse', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (reply.statusCode >= 500) log.warn('request failed', { method: req.method, path, status: reply.statusCode });
    else log.debug('request', { method: req.method, path, status: reply.statusCode, ms: Math.round(reply.elapsedTime) });
  });

  server.setErrorHandler((err: FastifyError | Error, _req, reply) => {
    let api: ApiError;
    const fe = err as FastifyError;
    if (err instanceof ApiError) api = err;
    else if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      api = new ApiError(GrpcCode.ResourceExhausted, `request body too large (limit ${o.bodyLimitBytes} bytes)`, 413);
    } else if (typeof (err as { grpcCode?: unknown }).grpcCode === 'number') api = toApiError(err);
    else if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      api = new ApiError(GrpcCode.InvalidArgument, err.message, fe.statusCode === 415 ? 400 : fe.statusCode);
    } else {
      log.error('LCD handler failed', { error: err.message });
      api = new ApiError(GrpcCode.Internal, err.message);
    }
    void reply.code(api.httpStatus).send(errorBody(api.grpcCode, api.message));
  });

  const routes = new RouteTable(server);
  server.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const other = routes.servedWithOtherMethod(req.method, path);
    // grpc-gateway v1 with a proto error handler: Unimplemented for both cases.
    void reply.code(501).send(errorBody(GrpcCode.Unimplemented, other ? 'Method Not Allowed' : 'Not Implemented'));
  });

  const ctx: LcdContext = {
    app: modules.app,
    gate: modules.gate,
    mempool: modules.mempool,
    blocks: modules.blocks,
    txs: modules.txs,
    gateway: modules.gateway,
    log,
    nodeInfo: modules.nodeInfo,
    query: makeQuery(modules.app, modules.gate, modules.checker && { remote: modules.checker, latestHeight: () => modules.blocks.latestHeight() }),
  };
  registerTxRoutes(routes, ctx);
  registerTendermintRoutes(routes, ctx);
  registerAppRoutes(routes, ctx, modules.routes);

  const front = o.frontThread ? new LcdFront({ host: o.host, port: o.port, bodyLimitBytes: o.bodyLimitBytes, maxUrlBytes: o.maxUrlBytes, chainId: modules.nodeInfo().chainId }, { server, mempool: modules.mempool, log, app: modules.app }) : undefined;
  return {
    server,
    warm() {
      front?.warm();
    },
    async listen() {
      let addr: { address: string; family: string; port: number };
      if (front) {
        // fastify loads its inject machinery on first use: do that while the front thread boots.
        const [a] = await Promise.all([front.listen(), server.inject({ method: 'OPTIONS', url: '/' })]);
        addr = a;
      }
      else {
        await server.listen({ host: o.host, port: o.port });
        const a = server.server.address();
        if (a === null || typeof a === 'string') throw new Error('LCD: unexpected listen address');
        addr = a;
      }
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return `http://${host}:${addr.port}`;
    },
    async close() {
      await front?.close();
      await server.close();
    },
  };
}

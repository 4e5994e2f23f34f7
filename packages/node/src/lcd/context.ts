// What every LCD route group gets: the app door (serialised), the read-side stores, rendering, and
// a registrar that converts gateway path templates to fastify routes and remembers them (so an
// unknown method on a known path can be told apart, as the gateway does).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Application, RequestQuery, ResponseQuery } from '@scrtd/app';
import type { RemoteChecker } from '../checker/remote.js';
import type { BlockStore } from '../blockstore.js';
import type { TxIndex } from '../txindex.js';
import type { Mempool } from '../mempool.js';
import type { Logger } from '../logger.js';
import type { Serializer } from '../util/serial.js';
import type { GatewayJson } from './gateway.js';
import { ApiError, grpcCodeFromAbci } from './errors.js';

export interface NodeInfo {
  chainId: string;
  moniker: string;
  version: string;
  nodeId: string;
  appVersion: bigint;
}

export interface LcdContext {
  app: Application;
  gate: Serializer;
  mempool: Mempool;
  blocks: BlockStore;
  txs: TxIndex;
  gateway: GatewayJson;
  log: Logger;
  nodeInfo: () => NodeInfo;
  /** Application.query, serialised; throws ApiError for a non-zero code. */
  query(path: string, data: Uint8Array, height: number): Promise<{ value: Uint8Array; height: number }>;
}

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

export interface RouteEntry {
  method: 'GET' | 'POST';
  segments: string[];
}

/** `/a/{b}/c` (gateway) → `/a/:b/c` (fastify); `{x=**}` becomes a trailing wildcard. */
export function toFastifyPath(template: string): string {
  return template
    .split('/')
    .map((seg) => {
      const m = /^\{([A-Za-z_][A-Za-z0-9_.]*)(=\*\*)?\}$/.exec(seg);
      if (!m) return seg.replace(/:/g, '::'); // a literal colon must be doubled for find-my-way
      return m[2] ? '*' : `:${m[1]!.replace(/\./g, '_')}`;
    })
    .join('/');
}

export class RouteTable {
  readonly entries: RouteEntry[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly server: FastifyInstance) {}

  /** Register unless the same method and path already exist; returns whether it was added. */
  add(method: 'GET' | 'POST', template: string, handler: Handler): boolean {
    const path = toFastifyPath(template);
    const key = `${method} ${path.replace(/:[^/]+/g, ':')}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.entries.push({ method, segments: path.split('/') });
    this.server.route({ method, url: path, handler });
    return true;
  }

  /** Is `path` served for some method other than `method`? */
  servedWithOtherMethod(method: string, path: string): boolean {
    const segs = path.split('/');
    return this.entries.some((e) => e.method !== method && matches(e.segments, segs));
  }
}

function matches(pattern: string[], segs: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '*') return true;
    const s = segs[i];
    if (s === undefined) return false;
    if (p.startsWith(':') && !p.startsWith('::')) {
      if (s === '') return false;
    } else if (p.replace(/::/g, ':') !== s) {
      return false;
    }
  }
  return segs.length === pattern.length;
}

export function makeQuery(app: Application, gate: Serializer, checker?: { remote: RemoteChecker; latestHeight: () => number }): LcdContext['query'] {
  const ask = async (req: RequestQuery): Promise<ResponseQuery> => {
    // Queries go to the CheckTx thread when there is one (simulations need its check state, and the
    // main thread keeps executing blocks); the main thread answers if that thread failed.
    if (checker?.remote.usable) {
      try {
        return await checker.remote.query(req, checker.latestHeight());
      } catch {
        /* failed meanwhile: answer here */
      }
    }
    return gate.run(() => app.query(req));
  };
  return async (path, data, height) => {
    const res = await ask({ path, data, height, prove: false });
    if (res.code !== 0) {
      // The app states the gRPC code a gRPC server would have answered; the ABCI table is the fallback.
      const grpc = res.grpcCode > 0 && res.grpcCode <= 16 ? res.grpcCode : grpcCodeFromAbci(res.codespace, res.code);
      throw new ApiError(grpc, res.log);
    }
    return { value: res.value, height: res.height };
  };
}

// Helpers that declare a gRPC query handler and its REST route together, so each module lists them once.
import type { RestRoute, QueryParams } from './abci/routes.js';
import type { QueryHandler } from './module.js';
import type { Context } from './context.js';
import { toGatewayJson } from '@scrtd/proto';

export interface Codec<T> {
  encode(message: T, writer?: any): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: any): T;
}

export interface QueryDef<Req, Res> {
  grpcPath: string;
  request: Codec<Req>;
  response: Codec<Res>;
  /** Fully-qualified protobuf name of the response, for JSON rendering. */
  responseType: string;
  handle(ctx: Context, req: Req): Partial<Res> | Res;
  rest?: { path: string; bind(params: Record<string, string>, query: QueryParams): Partial<Req> }[];
}

export function defineQuery<Req, Res>(def: QueryDef<Req, Res>): { handler: QueryHandler; routes: RestRoute[] } {
  const handler: QueryHandler = {
    path: def.grpcPath,
    handle(ctx, bytes) {
      const req = def.request.decode(bytes);
      const res = def.response.fromPartial(def.handle(ctx, req));
      return def.response.encode(res).finish();
    },
  };
  const routes: RestRoute[] = (def.rest ?? []).map((r) => ({
    method: 'GET' as const,
    path: r.path,
    grpcPath: def.grpcPath,
    request: (params, query) => def.request.encode(def.request.fromPartial(r.bind(params, query))).finish(),
    response: (value) => toGatewayJson(def.response.decode(value), def.responseType),
  }));
  return { handler, routes };
}

/** Codec of google.protobuf.Empty requests (and empty responses). */
export const EmptyCodec: Codec<Record<string, never>> = {
  encode: () => ({ finish: () => new Uint8Array() }),
  decode: () => ({}),
  fromPartial: () => ({}),
};

export function collect(defs: { handler: QueryHandler; routes: RestRoute[] }[]): { queries: QueryHandler[]; routes: RestRoute[] } {
  return { queries: defs.map((d) => d.handler), routes: defs.flatMap((d) => d.routes) };
}

export function queryString(q: QueryParams, name: string): string {
  const v = q[name];
  return (Array.isArray(v) ? v[v.length - 1] : v) ?? '';
}

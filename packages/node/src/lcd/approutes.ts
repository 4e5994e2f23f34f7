// The generic adapter for the app's route table: each RestRoute becomes a fastify route whose
// handler builds the protobuf request, runs Application.query at the route's gRPC path (at the
// height in x-cosmos-block-height) and renders the response. Answers carry the height served.
import type { RestRoute, QueryParams } from '@scrtd/app';
import type { LcdContext, RouteTable } from './context.js';
import { ApiError, GrpcCode, toApiError } from './errors.js';
import { heightHeader, pageParams, type Query } from './params.js';

/** Template placeholders in order: the original name and the fastify parameter it becomes. */
function placeholders(template: string): { name: string; key: string }[] {
  const out: { name: string; key: string }[] = [];
  for (const seg of template.split('/')) {
    const m = /^\{([A-Za-z_][A-Za-z0-9_.]*)(=\*\*)?\}$/.exec(seg);
    if (m) out.push({ name: m[1]!, key: m[2] ? '*' : m[1]!.replace(/\./g, '_') });
  }
  return out;
}

export function registerAppRoutes(routes: RouteTable, ctx: LcdContext, appRoutes: readonly RestRoute[]): void {
  for (const route of appRoutes) {
    const names = placeholders(route.path);
    const added = routes.add(route.method, route.path, async (req, reply) => {
      const height = heightHeader(req.headers['x-cosmos-block-height']);
      const query = req.query as Query;
      pageParams(query); // malformed pagination.* → 400 before the app sees it
      const raw = req.params as Record<string, string>;
      const params: Record<string, string> = {};
      for (const { name, key } of names) params[name] = raw[key] ?? '';
      let data: Uint8Array;
      try {
        data = route.request(params, query as QueryParams, req.body);
      } catch (e) {
        // Binding failures are the gateway's InvalidArgument unless the builder says otherwise.
        throw toApiError(e, GrpcCode.InvalidArgument);
      }
      const res = await ctx.query(route.grpcPath, data, height);
      let body: unknown;
      try {
        body = route.response(res.value);
      } catch (e) {
        throw new ApiError(GrpcCode.Internal, `rendering ${route.grpcPath} response: ${(e as Error).message}`);
      }
      // The SDK returns the height as gRPC header metadata; the gateway forwards it with a prefix.
      void reply.header('x-cosmos-block-height', String(res.height));
      void reply.header('grpc-metadata-x-cosmos-block-height', String(res.height));
      return body;
    });
    if (!added) ctx.log.debug('app route shadowed by a node route', { method: route.method, path: route.path });
  }
}

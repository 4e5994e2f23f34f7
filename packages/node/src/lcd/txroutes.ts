// cosmos.tx.v1beta1.Service over REST: broadcast, simulate, get tx, search, block with txs.
import type { AbciEvent } from '@scrtd/app';
import type { LcdContext, RouteTable } from './context.js';
import { ApiError, GrpcCode } from './errors.js';
import { list, pageParams, scalar, uintParam, type Query } from './params.js';
import { blockIdJson, blockResponseJson, eventsJson, txAnyJson, txPlainJson, txResponseJson } from './render.js';
import { searchTxs } from '../txsearch.js';
import { ProtoWriter, readFields } from '../util/protowire.js';
import { fromBase64, fromHex, fromUtf8, toBase64, toHexUpper } from '../util/bytes.js';
import { sha256 } from '../util/hash.js';
import { BROADCAST_MODES, emptyTxResponse, jsonObject, txBytesField } from './broadcast.js';

export const SIMULATE_GRPC_PATH = '/cosmos.tx.v1beta1.Service/Simulate';

function decodeEvent(b: Uint8Array): AbciEvent {
  const ev: AbciEvent = { type: '', attributes: [] };
  for (const f of readFields(b)) {
    if (f.field === 1) ev.type = fromUtf8(f.bytes);
    else if (f.field === 2) {
      const a = { key: '', value: '', index: false };
      for (const g of readFields(f.bytes)) {
        if (g.field === 1) a.key = fromUtf8(g.bytes);
        else if (g.field === 2) a.value = fromUtf8(g.bytes);
        else if (g.field === 3) a.index = g.int !== 0n;
      }
      ev.attributes.push(a);
    }
  }
  return ev;
}

/** SimulateResponse{gas_info{gas_wanted, gas_used}, result{data, log, events, msg_responses}} → gateway JSON. */
export function simulateResponseJson(value: Uint8Array, ctx: Pick<LcdContext, 'gateway'>): Record<string, unknown> {
  let gasWanted = 0n;
  let gasUsed = 0n;
  let data: Uint8Array = new Uint8Array();
  let log = '';
  const events: AbciEvent[] = [];
  const msgResponses: unknown[] = [];
  let hasResult = false;
  for (const f of readFields(value)) {
    if (f.field === 1) {
      for (const g of readFields(f.bytes)) {
        if (g.field === 1) gasWanted = g.int;
        else if (g.field === 2) gasUsed = g.int;
      }
    } else if (f.field === 2) {
      hasResult = true;
      for (const g of readFields(f.bytes)) {
        if (g.field === 1) data = g.bytes;
        else if (g.field === 2) log = fromUtf8(g.bytes);
        else if (g.field === 3) events.push(decodeEvent(g.bytes));
        else if (g.field === 4) {
          let typeUrl = '';
          let v: Uint8Array = new Uint8Array();
          for (const h of readFields(g.bytes)) {
            if (h.field === 1) typeUrl = fromUtf8(h.bytes);
            else if (h.field === 2) v = h.bytes;
          }
          let rendered: unknown;
          try {
            rendered = ctx.gateway.any(typeUrl, v);
          } catch {
            // An unknown response type still shows which message answered.
            rendered = { '@type': typeUrl, value: toBase64(v) };
          }
          msgResponses.push(rendered);
        }
      }
    }
  }
  return {
    gas_info: { gas_wanted: gasWanted.toString(), gas_used: gasUsed.toString() },
    result: hasResult ? { data: data.length ? toBase64(data) : null, log, events: eventsJson(events), msg_responses: msgResponses } : null,
  };
}

function orderParam(q: Query): 'asc' | 'desc' {
  const v = scalar(q, 'order_by');
  if (v === undefined || v === '' || v === 'ORDER_BY_UNSPECIFIED' || v === '0' || v === 'ORDER_BY_ASC' || v === '1') return 'asc';
  if (v === 'ORDER_BY_DESC' || v === '2') return 'desc';
  throw new ApiError(GrpcCode.InvalidArgument, `type mismatch, parameter: order_by, error: ${JSON.stringify(v)} is not a valid cosmos.tx.v1beta1.OrderBy`);
}

export function registerTxRoutes(routes: RouteTable, ctx: LcdContext): void {
  routes.add('POST', '/cosmos/tx/v1beta1/txs', async (req) => {
    const body = jsonObject(req.body);
    const tx = txBytesField(body, 'invalid empty tx');
    const modeRaw = body['mode'];
    const mode = modeRaw === undefined || modeRaw === null ? undefined : BROADCAST_MODES[String(modeRaw)];
    if (!mode) throw new ApiError(GrpcCode.InvalidArgument, `unsupported return type ${String(modeRaw ?? 'unspecified')}; supported types: sync, async`);
    if (mode === 'async') {
      // The hash is known at once; CheckTx runs behind the reply, as CometBFT's broadcast_tx_async.
      const txhash = toHexUpper(sha256(tx));
      ctx.mempool.add(tx).then(
        (r) => {
          if (r.code !== 0) ctx.log.debug('async tx rejected', { txhash, code: r.code, codespace: r.codespace });
        },
        (e: Error) => ctx.log.warn('async CheckTx failed', { txhash, error: e.message }),
      );
      return { tx_response: emptyTxResponse(txhash, 0, '', '') };
    }
    const r = await ctx.mempool.add(tx);
    return { tx_response: emptyTxResponse(r.txhash, r.code, r.codespace, r.log) };
  });

  routes.add('POST', '/cosmos/tx/v1beta1/simulate', async (req) => {
    const body = jsonObject(req.body);
    const tx = txBytesField(body, 'empty txBytes is not allowed');
    const request = new ProtoWriter().bytes(2, tx).finish(); // SimulateRequest.tx_bytes
    const res = await ctx.query(SIMULATE_GRPC_PATH, request, 0);
    return simulateResponseJson(res.value, ctx);
  });

  routes.add('GET', '/cosmos/tx/v1beta1/txs/{hash}', (req) => {
    const hash = (req.params as Record<string, string>)['hash'] ?? '';
    if (hash === '') throw new ApiError(GrpcCode.InvalidArgument, 'tx hash cannot be empty');
    const bytes = fromHex(hash);
    if (!bytes) throw new ApiError(GrpcCode.InvalidArgument, `invalid tx hash ${JSON.stringify(hash)}: encoding/hex: invalid byte`);
    const rec = bytes.length === 32 ? ctx.txs.get(bytes) : undefined;
    // secretjs polls until this 404 (matched on "tx not found: <HASH>") turns into a 200.
    if (!rec) throw new ApiError(GrpcCode.NotFound, `tx not found: ${hash}`);
    const any = txAnyJson(rec.tx, ctx.gateway, ctx.log);
    return { tx: txPlainJson(any), tx_response: txResponseJson(rec, any) };
  });

  routes.add('GET', '/cosmos/tx/v1beta1/txs', async (req) => {
    const q = req.query as Query;
    let query = scalar(q, 'query') ?? '';
    if (query.trim() === '') query = list(q, 'events').filter((e) => e.trim() !== '').join(' AND ');
    if (query.trim() === '') throw new ApiError(GrpcCode.InvalidArgument, 'query cannot be empty');
    const pp = pageParams(q);
    let page = uintParam(q, 'page');
    let limit = uintParam(q, 'limit');
    // The deprecated pagination.* fields only fill in what page/limit leave open.
    if (!limit && pp.limit) limit = pp.limit;
    if (!page && pp.offset > 0) page = Math.floor(pp.offset / (limit || 100)) + 1;
    // Event keys land just after their block (TxIndex): wait for those of every committed block.
    await ctx.txs.settled();
    const result = searchTxs(ctx.txs, { query, page, limit, order: orderParam(q) });
    const txs: unknown[] = [];
    const responses: unknown[] = [];
    for (const rec of result.records) {
      const any = txAnyJson(rec.tx, ctx.gateway, ctx.log);
      txs.push(txPlainJson(any));
      responses.push(txResponseJson(rec, any));
    }
    return { txs, tx_responses: responses, pagination: null, total: String(result.total) };
  });

  routes.add('GET', '/cosmos/tx/v1beta1/txs/block/{height}', (req) => {
    const raw = (req.params as Record<string, string>)['height'] ?? '';
    if (!/^\d{1,16}$/.test(raw)) throw new ApiError(GrpcCode.InvalidArgument, `type mismatch, parameter: height, error: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
    const height = Number(raw);
    const latest = ctx.blocks.latestHeight();
    if (height < 1 || height > latest) throw new ApiError(GrpcCode.InvalidArgument, `requested height ${height} but latest height is ${latest}`);
    const stored = ctx.blocks.block(height);
    if (!stored) throw new ApiError(GrpcCode.NotFound, `block ${height} is not available`);
    const q = req.query as Query;
    const pp = pageParams(q);
    const all = stored.block.txs;
    const limit = pp.limit && pp.limit > 0 ? pp.limit : 100;
    const slice = all.slice(pp.offset, pp.offset + limit);
    const rendered = blockResponseJson(stored);
    return {
      txs: slice.map((tx) => txPlainJson(txAnyJson(tx, ctx.gateway, ctx.log))),
      block_id: blockIdJson(stored.blockId),
      block: rendered['block'],
      pagination: { next_key: null, total: String(all.length) },
    };
  });
}

// bank gRPC queries and their REST routes.
import {
  QueryBalanceRequest, QueryBalanceResponse, QueryAllBalancesRequest, QueryAllBalancesResponse,
  QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse, QueryTotalSupplyRequest, QueryTotalSupplyResponse, QuerySupplyOfRequest,
  QuerySupplyOfResponse, QueryBankParamsRequest, QueryBankParamsResponse, QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse, QueryDenomMetadataRequest, QueryDenomMetadataResponse, QuerySendEnabledRequest,
  QuerySendEnabledResponse, Metadata,
} from '../../proto.js';
import { collect, defineQuery, queryString } from '../../rest.js';
import { GrpcCode, GrpcError } from '../../errors.js';
import { parseAddress } from '../../addresses.js';
import { isValidDenom, coinToProto } from '../../coins.js';
import { fromUtf8 } from '../../binary.js';
import { pageRequestFromQuery, paginate } from '../../pagination.js';
import type { BankKeeper } from './keeper.js';
import { balancesPrefix } from './keeper.js';
import { DenomMetadataPrefix, STORE, SupplyPrefix } from './keys.js';

function queryAddress(s: string): Uint8Array {
  if (s === '') throw new GrpcError(GrpcCode.InvalidArgument, 'empty address string is not allowed');
  try {
    return parseAddress(s);
  } catch (e) {
    throw new GrpcError(GrpcCode.InvalidArgument, (e as Error).message.replace(/: invalid address$/, ''));
  }
}

function queryDenom(d: string): string {
  if (!isValidDenom(d)) throw new GrpcError(GrpcCode.InvalidArgument, `invalid denom: ${d}`);
  return d;
}

export function bankQueries(keeper: BankKeeper) {
  const allBalances = {
    handle: (ctx: any, req: QueryAllBalancesRequest) => {
      const addr = queryAddress(req.address);
      const prefix = balancesPrefix(addr);
      const balances: { denom: string; amount: string }[] = [];
      const page = paginate(ctx.kv(STORE), prefix, req.pagination, (k, v) => balances.push({ denom: fromUtf8(k), amount: fromUtf8(v) }));
      return { balances, pagination: page };
    },
  };
  return collect([
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/Balance',
      request: QueryBalanceRequest,
      response: QueryBalanceResponse,
      responseType: 'cosmos.bank.v1beta1.QueryBalanceResponse',
      handle: (ctx, req) => {
        const addr = queryAddress(req.address);
        return { balance: coinToProto(keeper.getBalance(ctx, addr, queryDenom(req.denom))) };
      },
      rest: [{ path: '/cosmos/bank/v1beta1/balances/{address}/by_denom', bind: (p, q) => ({ address: p.address, denom: queryString(q, 'denom') }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/AllBalances',
      request: QueryAllBalancesRequest,
      response: QueryAllBalancesResponse,
      responseType: 'cosmos.bank.v1beta1.QueryAllBalancesResponse',
      handle: allBalances.handle,
      rest: [{ path: '/cosmos/bank/v1beta1/balances/{address}', bind: (p, q) => ({ address: p.address, pagination: pageRequestFromQuery(q) }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/SpendableBalances',
      request: QuerySpendableBalancesRequest,
      response: QuerySpendableBalancesResponse,
      responseType: 'cosmos.bank.v1beta1.QuerySpendableBalancesResponse',
      // No vesting yet, so everything held is spendable.
      handle: allBalances.handle,
      rest: [{ path: '/cosmos/bank/v1beta1/spendable_balances/{address}', bind: (p, q) => ({ address: p.address, pagination: pageRequestFromQuery(q) }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/SpendableBalanceByDenom',
      request: QuerySpendableBalanceByDenomRequest,
      response: QuerySpendableBalanceByDenomResponse,
      responseType: 'cosmos.bank.v1beta1.QuerySpendableBalanceByDenomResponse',
      handle: (ctx, req) => ({ balance: coinToProto(keeper.getBalance(ctx, queryAddress(req.address), queryDenom(req.denom))) }),
      rest: [{ path: '/cosmos/bank/v1beta1/spendable_balances/{address}/by_denom', bind: (p, q) => ({ address: p.address, denom: queryString(q, 'denom') }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/TotalSupply',
      request: QueryTotalSupplyRequest,
      response: QueryTotalSupplyResponse,
      responseType: 'cosmos.bank.v1beta1.QueryTotalSupplyResponse',
      handle: (ctx, req) => {
        const supply: { denom: string; amount: string }[] = [];
        const page = paginate(ctx.kv(STORE), SupplyPrefix, req.pagination, (k, v) => supply.push({ denom: fromUtf8(k), amount: fromUtf8(v) }));
        return { supply, pagination: page };
      },
      rest: [{ path: '/cosmos/bank/v1beta1/supply', bind: (_p, q) => ({ pagination: pageRequestFromQuery(q) }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/SupplyOf',
      request: QuerySupplyOfRequest,
      response: QuerySupplyOfResponse,
      responseType: 'cosmos.bank.v1beta1.QuerySupplyOfResponse',
      handle: (ctx, req) => ({ amount: coinToProto(keeper.getSupply(ctx, queryDenom(req.denom))) }),
      rest: [
        { path: '/cosmos/bank/v1beta1/supply/by_denom', bind: (_p, q) => ({ denom: queryString(q, 'denom') }) },
      ],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/Params',
      request: QueryBankParamsRequest,
      response: QueryBankParamsResponse,
      responseType: 'cosmos.bank.v1beta1.QueryParamsResponse',
      handle: (ctx) => ({ params: keeper.getParams(ctx) }),
      rest: [{ path: '/cosmos/bank/v1beta1/params', bind: () => ({}) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/DenomsMetadata',
      request: QueryDenomsMetadataRequest,
      response: QueryDenomsMetadataResponse,
      responseType: 'cosmos.bank.v1beta1.QueryDenomsMetadataResponse',
      handle: (ctx, req) => {
        const metadatas: Metadata[] = [];
        const page = paginate(ctx.kv(STORE), DenomMetadataPrefix, req.pagination, (_k, v) => metadatas.push(Metadata.decode(v)));
        return { metadatas, pagination: page };
      },
      rest: [{ path: '/cosmos/bank/v1beta1/denoms_metadata', bind: (_p, q) => ({ pagination: pageRequestFromQuery(q) }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/DenomMetadata',
      request: QueryDenomMetadataRequest,
      response: QueryDenomMetadataResponse,
      responseType: 'cosmos.bank.v1beta1.QueryDenomMetadataResponse',
      handle: (ctx, req) => {
        const m = keeper.getDenomMetadata(ctx, queryDenom(req.denom));
        if (!m) throw new GrpcError(GrpcCode.NotFound, `client metadata for denom ${req.denom}`);
        return { metadata: m };
      },
      rest: [{ path: '/cosmos/bank/v1beta1/denoms_metadata/{denom}', bind: (p) => ({ denom: p.denom }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.bank.v1beta1.Query/SendEnabled',
      request: QuerySendEnabledRequest,
      response: QuerySendEnabledResponse,
      responseType: 'cosmos.bank.v1beta1.QuerySendEnabledResponse',
      handle: (ctx, req) => ({
        sendEnabled: req.denoms.map((denom) => ({ denom, enabled: keeper.isSendEnabledDenom(ctx, denom) })),
      }),
      rest: [{ path: '/cosmos/bank/v1beta1/send_enabled', bind: (_p, q) => ({ denoms: ([] as string[]).concat(q.denoms ?? []) }) }],
    }),
  ]);
}

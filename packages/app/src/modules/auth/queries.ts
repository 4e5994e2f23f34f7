// auth gRPC queries and their REST routes.
import {
  QueryAccountRequest, QueryAccountResponse, QueryAccountsRequest, QueryAccountsResponse,
  QueryAuthParamsRequest, QueryAuthParamsResponse, QueryModuleAccountsRequest, QueryModuleAccountsResponse,
  QueryModuleAccountByNameRequest, QueryModuleAccountByNameResponse, Bech32PrefixRequest, Bech32PrefixResponse,
  QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, QueryAccountInfoRequest, QueryAccountInfoResponse,
  Any, BaseAccount,
} from '../../proto.js';
import { collect, defineQuery } from '../../rest.js';
import { GrpcCode, GrpcError } from '../../errors.js';
import { ACCOUNT_PREFIX, bech32Address, parseAddress } from '../../addresses.js';
import { pageRequestFromQuery, paginate } from '../../pagination.js';
import type { Context } from '../../context.js';
import { type AuthKeeper, decodeAccount, encodeAccount } from './keeper.js';
import { AccountPrefix, STORE } from './keys.js';

function queryAddress(s: string): Uint8Array {
  if (s === '') throw new GrpcError(GrpcCode.InvalidArgument, 'Address cannot be empty');
  try {
    return parseAddress(s);
  } catch (e) {
    throw new GrpcError(GrpcCode.InvalidArgument, (e as Error).message.replace(/^invalid address: /, '').replace(/: invalid address$/, ''));
  }
}

export function authQueries(keeper: AuthKeeper) {
  const accountAny = (ctx: Context, addrStr: string) => {
    const acc = keeper.getAccount(ctx, queryAddress(addrStr));
    if (!acc) throw new GrpcError(GrpcCode.NotFound, `account ${addrStr} not found`);
    return Any.decode(encodeAccount(acc));
  };
  return collect([
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/Account',
      request: QueryAccountRequest,
      response: QueryAccountResponse,
      responseType: 'cosmos.auth.v1beta1.QueryAccountResponse',
      handle: (ctx, req) => ({ account: accountAny(ctx, req.address) }),
      rest: [{ path: '/cosmos/auth/v1beta1/accounts/{address}', bind: (p) => ({ address: p.address }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/Accounts',
      request: QueryAccountsRequest,
      response: QueryAccountsResponse,
      responseType: 'cosmos.auth.v1beta1.QueryAccountsResponse',
      handle: (ctx, req) => {
        const accounts: Any[] = [];
        const page = paginate(ctx.kv(STORE), AccountPrefix, req.pagination, (_k, v) => accounts.push(Any.decode(v)));
        return { accounts, pagination: page };
      },
      rest: [{ path: '/cosmos/auth/v1beta1/accounts', bind: (_p, q) => ({ pagination: pageRequestFromQuery(q) }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/Params',
      request: QueryAuthParamsRequest,
      response: QueryAuthParamsResponse,
      responseType: 'cosmos.auth.v1beta1.QueryParamsResponse',
      handle: (ctx) => ({ params: keeper.getParams(ctx) }),
      rest: [{ path: '/cosmos/auth/v1beta1/params', bind: () => ({}) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/ModuleAccounts',
      request: QueryModuleAccountsRequest,
      response: QueryModuleAccountsResponse,
      responseType: 'cosmos.auth.v1beta1.QueryModuleAccountsResponse',
      handle: (ctx) => {
        const names = [...keeper.moduleAccountPerms.keys()].sort();
        const accounts = names.flatMap((n) => {
          const acc = keeper.getAccount(ctx, keeper.moduleAddress(n));
          return acc ? [Any.decode(encodeAccount(acc))] : [];
        });
        return { accounts };
      },
      rest: [{ path: '/cosmos/auth/v1beta1/module_accounts', bind: () => ({}) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/ModuleAccountByName',
      request: QueryModuleAccountByNameRequest,
      response: QueryModuleAccountByNameResponse,
      responseType: 'cosmos.auth.v1beta1.QueryModuleAccountByNameResponse',
      handle: (ctx, req) => {
        if (req.name === '') throw new GrpcError(GrpcCode.InvalidArgument, 'module name is empty');
        const acc = keeper.moduleAccountPerms.has(req.name) ? keeper.getAccount(ctx, keeper.moduleAddress(req.name)) : undefined;
        if (!acc) throw new GrpcError(GrpcCode.NotFound, `account ${req.name} not found`);
        return { account: Any.decode(encodeAccount(acc)) };
      },
      rest: [{ path: '/cosmos/auth/v1beta1/module_accounts/{name}', bind: (p) => ({ name: p.name }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/Bech32Prefix',
      request: Bech32PrefixRequest,
      response: Bech32PrefixResponse,
      responseType: 'cosmos.auth.v1beta1.Bech32PrefixResponse',
      handle: () => ({ bech32Prefix: ACCOUNT_PREFIX }),
      rest: [{ path: '/cosmos/auth/v1beta1/bech32', bind: () => ({}) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/AccountAddressByID',
      request: QueryAccountAddressByIDRequest,
      response: QueryAccountAddressByIDResponse,
      responseType: 'cosmos.auth.v1beta1.QueryAccountAddressByIDResponse',
      handle: (ctx, req) => {
        const id = req.accountId !== 0n ? req.accountId : req.id;
        if (id < 0n) throw new GrpcError(GrpcCode.InvalidArgument, 'Invalid account id');
        const addr = keeper.addressByAccountNumber(ctx, id);
        if (!addr) throw new GrpcError(GrpcCode.NotFound, `account address not found with account number ${id}`);
        return { accountAddress: bech32Address(addr) };
      },
      rest: [{ path: '/cosmos/auth/v1beta1/address_by_id/{id}', bind: (p) => ({ id: parseId(p.id) }) }],
    }),
    defineQuery({
      grpcPath: '/cosmos.auth.v1beta1.Query/AccountInfo',
      request: QueryAccountInfoRequest,
      response: QueryAccountInfoResponse,
      responseType: 'cosmos.auth.v1beta1.QueryAccountInfoResponse',
      handle: (ctx, req) => {
        const addr = queryAddress(req.address);
        const raw = ctx.kv(STORE).get(Uint8Array.from([...AccountPrefix, ...addr]));
        if (!raw) throw new GrpcError(GrpcCode.NotFound, `account ${req.address} not found`);
        const acc = decodeAccount(addr, raw);
        const info: BaseAccount = { address: req.address, pubKey: acc.pubKey, accountNumber: acc.accountNumber, sequence: acc.sequence };
        return { info };
      },
      rest: [{ path: '/cosmos/auth/v1beta1/account_info/{address}', bind: (p) => ({ address: p.address }) }],
    }),
  ]);
}

function parseId(s: string | undefined): bigint {
  if (!s || !/^-?\d{1,20}$/.test(s)) throw new GrpcError(GrpcCode.InvalidArgument, `type mismatch, parameter: id, error: strconv.ParseInt: parsing ${JSON.stringify(s ?? '')}: invalid syntax`);
  return BigInt(s);
}

// cosmos.auth.v1beta1: account types, params, queries.

import { BaseAccount, ModuleAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { TypeRegistry } from '../registry.js';

export { BaseAccount, ModuleAccount, ModuleCredential, Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
export {
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryModuleAccountsRequest,
  QueryModuleAccountsResponse,
  QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse,
  QueryAccountInfoRequest,
  QueryAccountInfoResponse,
  QueryAccountAddressByIDRequest,
  QueryAccountAddressByIDResponse,
  Bech32PrefixRequest,
  Bech32PrefixResponse,
  AddressBytesToStringRequest,
  AddressBytesToStringResponse,
  AddressStringToBytesRequest,
  AddressStringToBytesResponse,
} from 'cosmjs-types/cosmos/auth/v1beta1/query';

export function registerAuth(reg: TypeRegistry): void {
  // Everything in auth renders by inference (pub_key is an Any, the rest scalars).
  reg.register('/cosmos.auth.v1beta1.BaseAccount', BaseAccount);
  reg.register('/cosmos.auth.v1beta1.ModuleAccount', ModuleAccount);
}

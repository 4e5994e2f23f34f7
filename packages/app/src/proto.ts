// The protobuf codecs the app uses, in one place, all through @scrtd/proto (which re-uses
// cosmjs-types for the standard Cosmos messages and carries the Secret-specific ones).
import { auth, bank, tx, abci, base } from '@scrtd/proto';

export const { Any, Coin, Secp256k1PubKey, BinaryReader } = base;
export type Any = base.Any;
export const { BaseAccount, ModuleAccount, Params } = auth;
export type BaseAccount = auth.BaseAccount;
export type ModuleAccount = auth.ModuleAccount;
export type Params = auth.Params;
export const {
  QueryAccountRequest, QueryAccountResponse, QueryAccountsRequest, QueryAccountsResponse,
  QueryParamsRequest: QueryAuthParamsRequest, QueryParamsResponse: QueryAuthParamsResponse,
  QueryModuleAccountsRequest, QueryModuleAccountsResponse, QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse, Bech32PrefixRequest, Bech32PrefixResponse,
  QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, QueryAccountInfoRequest, QueryAccountInfoResponse,
} = auth;
export type QueryAllBalancesRequest = bank.QueryAllBalancesRequest;
export const { MsgSend, MsgSendResponse, MsgMultiSend, MsgMultiSendResponse, Params: BankParams, Metadata, SendEnabled } = bank;
export type MsgSend = bank.MsgSend;
export type MsgMultiSend = bank.MsgMultiSend;
export type BankParams = bank.Params;
export type Metadata = bank.Metadata;
export const {
  QueryBalanceRequest, QueryBalanceResponse, QueryAllBalancesRequest, QueryAllBalancesResponse,
  QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse, QueryTotalSupplyRequest, QueryTotalSupplyResponse, QuerySupplyOfRequest,
  QuerySupplyOfResponse, QueryParamsRequest: QueryBankParamsRequest, QueryParamsResponse: QueryBankParamsResponse,
  QueryDenomsMetadataRequest, QueryDenomsMetadataResponse, QueryDenomMetadataRequest, QueryDenomMetadataResponse,
  QuerySendEnabledRequest, QuerySendEnabledResponse,
} = bank;
export const { TxRaw, TxBody, AuthInfo, SignDoc, Tx, ModeInfo, SignMode, SimulateRequest, SimulateResponse } = tx;
export type TxRaw = tx.TxRaw;
export type TxBody = tx.TxBody;
export type AuthInfo = tx.AuthInfo;
export type ModeInfo = tx.ModeInfo;
export type SignMode = tx.SignMode;
export const { TxMsgData } = abci;

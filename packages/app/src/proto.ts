// The protobuf codecs the app uses, in one place. Standard Cosmos messages come from cosmjs-types
// (re-used as the issue asks); Secret-specific ones from @scrtd/proto.
export { Any } from 'cosmjs-types/google/protobuf/any.js';
export { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin.js';
export { BaseAccount, ModuleAccount, Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth.js';
export {
  QueryAccountRequest, QueryAccountResponse, QueryAccountsRequest, QueryAccountsResponse,
  QueryParamsRequest as QueryAuthParamsRequest, QueryParamsResponse as QueryAuthParamsResponse,
  QueryModuleAccountsRequest, QueryModuleAccountsResponse, QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse, Bech32PrefixRequest, Bech32PrefixResponse,
  QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, QueryAccountInfoRequest, QueryAccountInfoResponse,
} from 'cosmjs-types/cosmos/auth/v1beta1/query.js';
export { MsgSend, MsgSendResponse, MsgMultiSend, MsgMultiSendResponse } from 'cosmjs-types/cosmos/bank/v1beta1/tx.js';
export { Params as BankParams, Metadata, SendEnabled } from 'cosmjs-types/cosmos/bank/v1beta1/bank.js';
export {
  QueryBalanceRequest, QueryBalanceResponse, QueryAllBalancesRequest, QueryAllBalancesResponse,
  QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse, QueryTotalSupplyRequest, QueryTotalSupplyResponse, QuerySupplyOfRequest,
  QuerySupplyOfResponse, QueryParamsRequest as QueryBankParamsRequest, QueryParamsResponse as QueryBankParamsResponse,
  QueryDenomsMetadataRequest, QueryDenomsMetadataResponse, QueryDenomMetadataRequest, QueryDenomMetadataResponse,
  QuerySendEnabledRequest, QuerySendEnabledResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/query.js';
export { TxRaw, TxBody, AuthInfo, SignDoc, Tx, ModeInfo } from 'cosmjs-types/cosmos/tx/v1beta1/tx.js';
export { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing.js';
export { PubKey as Secp256k1PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys.js';
export { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci.js';
export { SimulateRequest, SimulateResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service.js';

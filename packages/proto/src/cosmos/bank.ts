// cosmos.bank.v1beta1: messages, state types, queries, and the amino JSON of MsgSend / MsgMultiSend.

import {
  MsgSend,
  MsgSendResponse,
  MsgMultiSend,
  MsgMultiSendResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
  MsgSetSendEnabled,
  MsgSetSendEnabledResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import type { Input, Output } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import { aminoCoins, type AminoConverter } from '../amino-convert.js';
import type { TypeRegistry } from '../registry.js';

export {
  MsgSend,
  MsgSendResponse,
  MsgMultiSend,
  MsgMultiSendResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
  MsgSetSendEnabled,
  MsgSetSendEnabledResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/tx';
export { Params, SendEnabled, Input, Output, Supply, DenomUnit, Metadata } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
export {
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
  QueryDenomOwnersRequest,
  QueryDenomOwnersResponse,
  DenomOwner,
  QuerySendEnabledRequest,
  QuerySendEnabledResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/query';

export const msgSendAmino: AminoConverter<MsgSend> = {
  aminoType: 'cosmos-sdk/MsgSend',
  toAmino: (m) => ({ from_address: m.fromAddress, to_address: m.toAddress, amount: aminoCoins(m.amount) }),
};

const io = (x: Input | Output) => ({ address: x.address, coins: aminoCoins(x.coins) });
export const msgMultiSendAmino: AminoConverter<MsgMultiSend> = {
  aminoType: 'cosmos-sdk/MsgMultiSend',
  toAmino: (m) => ({ inputs: m.inputs.map(io), outputs: m.outputs.map(io) }),
};

export function registerBank(reg: TypeRegistry): void {
  reg.register('/cosmos.bank.v1beta1.MsgSend', MsgSend).registerAmino('/cosmos.bank.v1beta1.MsgSend', msgSendAmino);
  reg.register('/cosmos.bank.v1beta1.MsgMultiSend', MsgMultiSend).registerAmino('/cosmos.bank.v1beta1.MsgMultiSend', msgMultiSendAmino);
  reg.register('/cosmos.bank.v1beta1.MsgSendResponse', MsgSendResponse);
  reg.register('/cosmos.bank.v1beta1.MsgMultiSendResponse', MsgMultiSendResponse);
  // Governance-only (proposal contents).
  reg.register('/cosmos.bank.v1beta1.MsgUpdateParams', MsgUpdateParams);
  reg.register('/cosmos.bank.v1beta1.MsgUpdateParamsResponse', MsgUpdateParamsResponse);
  reg.register('/cosmos.bank.v1beta1.MsgSetSendEnabled', MsgSetSendEnabled);
  reg.register('/cosmos.bank.v1beta1.MsgSetSendEnabledResponse', MsgSetSendEnabledResponse);
}

// secret.compute.v1beta1 Msg service types (secretjs-compat §10.1, secret-protocol §10.1) and their
// amino JSON (secretjs-compat §9.3: bytes as base64, exactly what secretjs's toAmino() signs).

import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { defineMessage } from '../../codec.js';
import { J } from '../../json-spec.js';
import { aminoCoins, type AminoConverter } from '../../amino-convert.js';
import { toBase64 } from '../../bytes.js';

const P = '/secret.compute.v1beta1.';

export interface MsgStoreCode {
  /** Raw 20-byte address. */
  sender: Uint8Array;
  /** Raw or gzipped wasm. */
  wasmByteCode: Uint8Array;
  source: string;
  builder: string;
}
export const MsgStoreCode = defineMessage<MsgStoreCode>(`${P}MsgStoreCode`, [
  { no: 1, key: 'sender', type: 'bytes', json: J.accAddress },
  { no: 2, key: 'wasmByteCode', type: 'bytes' },
  { no: 3, key: 'source', type: 'string' },
  { no: 4, key: 'builder', type: 'string' },
]);

export interface MsgStoreCodeResponse {
  codeId: bigint;
}
export const MsgStoreCodeResponse = defineMessage<MsgStoreCodeResponse>(`${P}MsgStoreCodeResponse`, [
  { no: 1, key: 'codeId', type: 'uint64' },
]);

export interface MsgInstantiateContract {
  sender: Uint8Array;
  callbackCodeHash: string;
  codeId: bigint;
  label: string;
  /** nonce(32) ‖ client pubkey(32) ‖ AES-SIV ciphertext. */
  initMsg: Uint8Array;
  initFunds: Coin[];
  callbackSig: Uint8Array;
  /** Bech32 or "". */
  admin: string;
}
export const MsgInstantiateContract = defineMessage<MsgInstantiateContract>(`${P}MsgInstantiateContract`, [
  { no: 1, key: 'sender', type: 'bytes', json: J.accAddress },
  { no: 2, key: 'callbackCodeHash', type: 'string' },
  { no: 3, key: 'codeId', type: 'uint64' },
  { no: 4, key: 'label', type: 'string' },
  { no: 5, key: 'initMsg', type: 'bytes' },
  { no: 6, key: 'initFunds', type: 'message', codec: Coin, repeated: true },
  { no: 7, key: 'callbackSig', type: 'bytes' },
  { no: 8, key: 'admin', type: 'string' },
]);

export interface MsgInstantiateContractResponse {
  /** Bech32 contract address. */
  address: string;
  data: Uint8Array;
}
export const MsgInstantiateContractResponse = defineMessage<MsgInstantiateContractResponse>(`${P}MsgInstantiateContractResponse`, [
  { no: 1, key: 'address', type: 'string' },
  { no: 2, key: 'data', type: 'bytes' },
]);

export interface MsgExecuteContract {
  sender: Uint8Array;
  /** Raw 20-byte contract address (unlike migrate/admin messages, which use bech32 strings). */
  contract: Uint8Array;
  msg: Uint8Array;
  callbackCodeHash: string;
  sentFunds: Coin[];
  callbackSig: Uint8Array;
}
export const MsgExecuteContract = defineMessage<MsgExecuteContract>(`${P}MsgExecuteContract`, [
  { no: 1, key: 'sender', type: 'bytes', json: J.accAddress },
  { no: 2, key: 'contract', type: 'bytes', json: J.accAddress },
  { no: 3, key: 'msg', type: 'bytes' },
  { no: 4, key: 'callbackCodeHash', type: 'string' },
  { no: 5, key: 'sentFunds', type: 'message', codec: Coin, repeated: true },
  { no: 6, key: 'callbackSig', type: 'bytes' },
]);

export interface MsgExecuteContractResponse {
  data: Uint8Array;
}
export const MsgExecuteContractResponse = defineMessage<MsgExecuteContractResponse>(`${P}MsgExecuteContractResponse`, [
  { no: 1, key: 'data', type: 'bytes' },
]);

export interface MsgMigrateContract {
  /** Bech32. */
  sender: string;
  /** Bech32. */
  contract: string;
  codeId: bigint;
  msg: Uint8Array;
  callbackSig: Uint8Array;
  callbackCodeHash: string;
}
export const MsgMigrateContract = defineMessage<MsgMigrateContract>(`${P}MsgMigrateContract`, [
  { no: 1, key: 'sender', type: 'string' },
  { no: 2, key: 'contract', type: 'string' },
  { no: 3, key: 'codeId', type: 'uint64' },
  { no: 4, key: 'msg', type: 'bytes' },
  { no: 7, key: 'callbackSig', type: 'bytes' },
  { no: 8, key: 'callbackCodeHash', type: 'string' },
]);

export interface MsgMigrateContractResponse {
  data: Uint8Array;
}
export const MsgMigrateContractResponse = defineMessage<MsgMigrateContractResponse>(`${P}MsgMigrateContractResponse`, [
  { no: 1, key: 'data', type: 'bytes' },
]);

export interface MsgUpdateAdmin {
  sender: string;
  newAdmin: string;
  contract: string;
  callbackSig: Uint8Array;
}
export const MsgUpdateAdmin = defineMessage<MsgUpdateAdmin>(`${P}MsgUpdateAdmin`, [
  { no: 1, key: 'sender', type: 'string' },
  { no: 2, key: 'newAdmin', type: 'string' },
  { no: 3, key: 'contract', type: 'string' },
  { no: 7, key: 'callbackSig', type: 'bytes' },
]);

export type MsgUpdateAdminResponse = Record<string, never>;
export const MsgUpdateAdminResponse = defineMessage<MsgUpdateAdminResponse>(`${P}MsgUpdateAdminResponse`, []);

export interface MsgClearAdmin {
  sender: string;
  contract: string;
  callbackSig: Uint8Array;
}
export const MsgClearAdmin = defineMessage<MsgClearAdmin>(`${P}MsgClearAdmin`, [
  { no: 1, key: 'sender', type: 'string' },
  { no: 3, key: 'contract', type: 'string' },
  { no: 7, key: 'callbackSig', type: 'bytes' },
]);

export type MsgClearAdminResponse = Record<string, never>;
export const MsgClearAdminResponse = defineMessage<MsgClearAdminResponse>(`${P}MsgClearAdminResponse`, []);

export interface MsgSetContractGovernance {
  sender: string;
  contractAddress: string;
}
export const MsgSetContractGovernance = defineMessage<MsgSetContractGovernance>(`${P}MsgSetContractGovernance`, [
  { no: 1, key: 'sender', type: 'string' },
  { no: 2, key: 'contractAddress', type: 'string' },
]);

export type MsgSetContractGovernanceResponse = Record<string, never>;
export const MsgSetContractGovernanceResponse = defineMessage<MsgSetContractGovernanceResponse>(`${P}MsgSetContractGovernanceResponse`, []);

// ---- amino JSON (field presence mirrors secretjs 1.22 toAmino(); undefined members are dropped) ----

export const msgStoreCodeAmino: AminoConverter<MsgStoreCode> = {
  aminoType: 'wasm/MsgStoreCode',
  toAmino: (m) => ({
    sender: toBase64(m.sender),
    wasm_byte_code: toBase64(m.wasmByteCode),
    source: m.source || undefined,
    builder: m.builder || undefined,
  }),
};

export const msgInstantiateContractAmino: AminoConverter<MsgInstantiateContract> = {
  aminoType: 'wasm/MsgInstantiateContract',
  toAmino: (m) => ({
    sender: toBase64(m.sender),
    code_id: m.codeId.toString(),
    label: m.label,
    init_msg: m.initMsg.length ? toBase64(m.initMsg) : undefined,
    init_funds: aminoCoins(m.initFunds),
    admin: m.admin || undefined,
  }),
};

export const msgExecuteContractAmino: AminoConverter<MsgExecuteContract> = {
  aminoType: 'wasm/MsgExecuteContract',
  toAmino: (m) => ({
    sender: toBase64(m.sender),
    contract: toBase64(m.contract),
    msg: toBase64(m.msg),
    sent_funds: aminoCoins(m.sentFunds),
  }),
};

export const msgMigrateContractAmino: AminoConverter<MsgMigrateContract> = {
  aminoType: 'wasm/MsgMigrateContract',
  toAmino: (m) => ({ sender: m.sender, contract: m.contract, msg: toBase64(m.msg), code_id: m.codeId.toString() }),
};

export const msgUpdateAdminAmino: AminoConverter<MsgUpdateAdmin> = {
  aminoType: 'wasm/MsgUpdateAdmin',
  toAmino: (m) => ({ sender: m.sender, new_admin: m.newAdmin, contract: m.contract }),
};

export const msgClearAdminAmino: AminoConverter<MsgClearAdmin> = {
  aminoType: 'wasm/MsgClearAdmin',
  toAmino: (m) => ({ sender: m.sender, contract: m.contract }),
};

export const msgSetContractGovernanceAmino: AminoConverter<MsgSetContractGovernance> = {
  aminoType: 'wasm/MsgSetContractGovernance',
  toAmino: (m) => ({ sender: m.sender, contract_address: m.contractAddress }),
};

export const msgCodecs = [
  MsgStoreCode,
  MsgStoreCodeResponse,
  MsgInstantiateContract,
  MsgInstantiateContractResponse,
  MsgExecuteContract,
  MsgExecuteContractResponse,
  MsgMigrateContract,
  MsgMigrateContractResponse,
  MsgUpdateAdmin,
  MsgUpdateAdminResponse,
  MsgClearAdmin,
  MsgClearAdminResponse,
  MsgSetContractGovernance,
  MsgSetContractGovernanceResponse,
];

export const msgAmino: ReadonlyArray<readonly [string, AminoConverter]> = [
  [MsgStoreCode.typeUrl, msgStoreCodeAmino],
  [MsgInstantiateContract.typeUrl, msgInstantiateContractAmino],
  [MsgExecuteContract.typeUrl, msgExecuteContractAmino],
  [MsgMigrateContract.typeUrl, msgMigrateContractAmino],
  [MsgUpdateAdmin.typeUrl, msgUpdateAdminAmino],
  [MsgClearAdmin.typeUrl, msgClearAdminAmino],
  [MsgSetContractGovernance.typeUrl, msgSetContractGovernanceAmino],
];

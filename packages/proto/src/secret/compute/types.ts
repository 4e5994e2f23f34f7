// secret.compute.v1beta1 state types (secret-protocol.md §5.1, §6.1, §6.4, §10.2) and Params.

import { defineMessage } from '../../codec.js';
import { J } from '../../json-spec.js';

const P = '/secret.compute.v1beta1.';

export enum ContractCodeHistoryOperationType {
  CONTRACT_CODE_HISTORY_OPERATION_TYPE_UNSPECIFIED = 0,
  CONTRACT_CODE_HISTORY_OPERATION_TYPE_INIT = 1,
  CONTRACT_CODE_HISTORY_OPERATION_TYPE_MIGRATE = 2,
  CONTRACT_CODE_HISTORY_OPERATION_TYPE_GENESIS = 3,
  UNRECOGNIZED = -1,
}

/** Stored at 0x01 ‖ u64be(code_id). */
export interface CodeInfo {
  codeHash: Uint8Array;
  creator: Uint8Array;
  source: string;
  builder: string;
}
export const CodeInfo = defineMessage<CodeInfo>(`${P}CodeInfo`, [
  { no: 1, key: 'codeHash', type: 'bytes' },
  { no: 2, key: 'creator', type: 'bytes', json: J.accAddress },
  { no: 3, key: 'source', type: 'string' },
  { no: 4, key: 'builder', type: 'string' },
]);

/** Stored at 0x06 ‖ contract address. */
export interface ContractKey {
  ogContractKey: Uint8Array;
  currentContractKey: Uint8Array;
  currentContractKeyProof: Uint8Array;
}
export const ContractKey = defineMessage<ContractKey>(`${P}ContractKey`, [
  { no: 1, key: 'ogContractKey', type: 'bytes' },
  { no: 2, key: 'currentContractKey', type: 'bytes' },
  { no: 3, key: 'currentContractKeyProof', type: 'bytes' },
]);

export interface ContractCustomInfo {
  enclaveKey: ContractKey | undefined;
  label: string;
}
export const ContractCustomInfo = defineMessage<ContractCustomInfo>(`${P}ContractCustomInfo`, [
  { no: 1, key: 'enclaveKey', type: 'message', codec: ContractKey },
  { no: 2, key: 'label', type: 'string' },
]);

export interface AbsoluteTxPosition {
  blockHeight: bigint;
  txIndex: bigint;
}
export const AbsoluteTxPosition = defineMessage<AbsoluteTxPosition>(`${P}AbsoluteTxPosition`, [
  { no: 1, key: 'blockHeight', type: 'int64' },
  { no: 2, key: 'txIndex', type: 'uint64' },
]);

/** Stored at 0x02 ‖ contract address. Field 3 is unused. */
export interface ContractInfo {
  codeId: bigint;
  creator: Uint8Array;
  label: string;
  created: AbsoluteTxPosition | undefined;
  ibcPortId: string;
  admin: string;
  adminProof: Uint8Array;
  requireGovernance: boolean;
}
export const ContractInfo = defineMessage<ContractInfo>(`${P}ContractInfo`, [
  { no: 1, key: 'codeId', type: 'uint64' },
  { no: 2, key: 'creator', type: 'bytes', json: J.accAddress },
  { no: 4, key: 'label', type: 'string' },
  { no: 5, key: 'created', type: 'message', codec: AbsoluteTxPosition },
  { no: 6, key: 'ibcPortId', type: 'string' },
  { no: 7, key: 'admin', type: 'string' },
  { no: 8, key: 'adminProof', type: 'bytes' },
  { no: 9, key: 'requireGovernance', type: 'bool' },
]);

/** Stored at 0x09 ‖ addr ‖ u64be(pos). */
export interface ContractCodeHistoryEntry {
  operation: ContractCodeHistoryOperationType;
  codeId: bigint;
  updated: AbsoluteTxPosition | undefined;
  msg: Uint8Array;
}
export const ContractCodeHistoryEntry = defineMessage<ContractCodeHistoryEntry>(`${P}ContractCodeHistoryEntry`, [
  { no: 1, key: 'operation', type: 'enum', values: ContractCodeHistoryOperationType },
  { no: 2, key: 'codeId', type: 'uint64' },
  { no: 3, key: 'updated', type: 'message', codec: AbsoluteTxPosition },
  { no: 4, key: 'msg', type: 'bytes' },
]);

/** Contract storage export entry; its proto field names are capitalised (`Key`, `Value`). */
export interface Model {
  key: Uint8Array;
  value: Uint8Array;
}
export const Model = defineMessage<Model>(`${P}Model`, [
  { no: 1, key: 'key', type: 'bytes', json: J.name('Key') },
  { no: 2, key: 'value', type: 'bytes', json: J.name('Value') },
]);

/** Module params; compile_cost is a LegacyDec (wire: integer scaled by 1e18, JSON: "0.800000000000000000"). */
export interface Params {
  compileCost: string;
  maxContractSize: bigint;
}
export const Params = defineMessage<Params>(`${P}Params`, [
  { no: 1, key: 'compileCost', type: 'string', json: J.dec },
  { no: 2, key: 'maxContractSize', type: 'uint64' },
]);

export const stateCodecs = [CodeInfo, ContractKey, ContractCustomInfo, AbsoluteTxPosition, ContractInfo, ContractCodeHistoryEntry, Model, Params];

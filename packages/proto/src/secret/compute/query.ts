// secret.compute.v1beta1 Query service types (secret-protocol.md §10.2, secretjs-compat §7.2).
// Where the references give no field numbers (single-field requests, CodeInfoResponse), the
// fields are numbered 1.. in the listed order: an assumption, cross-checked against secretjs in tests.

import { defineMessage } from '../../codec.js';
import { ContractCodeHistoryEntry, ContractInfo, Params } from './types.js';

const P = '/secret.compute.v1beta1.';

export interface QuerySecretContractRequest {
  contractAddress: string;
  /** Encrypted query: nonce ‖ pubkey ‖ ciphertext. */
  query: Uint8Array;
}
export const QuerySecretContractRequest = defineMessage<QuerySecretContractRequest>(`${P}QuerySecretContractRequest`, [
  { no: 1, key: 'contractAddress', type: 'string' },
  { no: 2, key: 'query', type: 'bytes' },
]);

export interface QuerySecretContractResponse {
  data: Uint8Array;
}
export const QuerySecretContractResponse = defineMessage<QuerySecretContractResponse>(`${P}QuerySecretContractResponse`, [
  { no: 1, key: 'data', type: 'bytes' },
]);

/** Assumption: contract_address = 1. */
export interface QueryByContractAddressRequest {
  contractAddress: string;
}
export const QueryByContractAddressRequest = defineMessage<QueryByContractAddressRequest>(`${P}QueryByContractAddressRequest`, [
  { no: 1, key: 'contractAddress', type: 'string' },
]);

/** Assumption: code_id = 1. */
export interface QueryByCodeIdRequest {
  codeId: bigint;
}
export const QueryByCodeIdRequest = defineMessage<QueryByCodeIdRequest>(`${P}QueryByCodeIdRequest`, [
  { no: 1, key: 'codeId', type: 'uint64' },
]);

export interface QueryByLabelRequest {
  label: string;
}
export const QueryByLabelRequest = defineMessage<QueryByLabelRequest>(`${P}QueryByLabelRequest`, [
  { no: 1, key: 'label', type: 'string' },
]);

/** Assumption: contract_address = 1. */
export interface QueryContractHistoryRequest {
  contractAddress: string;
}
export const QueryContractHistoryRequest = defineMessage<QueryContractHistoryRequest>(`${P}QueryContractHistoryRequest`, [
  { no: 1, key: 'contractAddress', type: 'string' },
]);

export interface QueryContractInfoResponse {
  contractAddress: string;
  contractInfo: ContractInfo | undefined;
}
export const QueryContractInfoResponse = defineMessage<QueryContractInfoResponse>(`${P}QueryContractInfoResponse`, [
  { no: 1, key: 'contractAddress', type: 'string' },
  { no: 2, key: 'contractInfo', type: 'message', codec: ContractInfo },
]);

export interface ContractInfoWithAddress {
  contractAddress: string;
  contractInfo: ContractInfo | undefined;
}
export const ContractInfoWithAddress = defineMessage<ContractInfoWithAddress>(`${P}ContractInfoWithAddress`, [
  { no: 1, key: 'contractAddress', type: 'string' },
  { no: 2, key: 'contractInfo', type: 'message', codec: ContractInfo },
]);

export interface QueryContractsByCodeIdResponse {
  contractInfos: ContractInfoWithAddress[];
}
export const QueryContractsByCodeIdResponse = defineMessage<QueryContractsByCodeIdResponse>(`${P}QueryContractsByCodeIdResponse`, [
  { no: 1, key: 'contractInfos', type: 'message', codec: ContractInfoWithAddress, repeated: true },
]);

/** Assumption: fields 1..5 in this order; creator is a bech32 string, code_hash lower-case hex. */
export interface CodeInfoResponse {
  codeId: bigint;
  creator: string;
  codeHash: string;
  source: string;
  builder: string;
}
export const CodeInfoResponse = defineMessage<CodeInfoResponse>(`${P}CodeInfoResponse`, [
  { no: 1, key: 'codeId', type: 'uint64' },
  { no: 2, key: 'creator', type: 'string' },
  { no: 3, key: 'codeHash', type: 'string' },
  { no: 4, key: 'source', type: 'string' },
  { no: 5, key: 'builder', type: 'string' },
]);

export interface QueryCodeResponse {
  codeInfo: CodeInfoResponse | undefined;
  wasm: Uint8Array;
}
export const QueryCodeResponse = defineMessage<QueryCodeResponse>(`${P}QueryCodeResponse`, [
  { no: 1, key: 'codeInfo', type: 'message', codec: CodeInfoResponse },
  { no: 2, key: 'wasm', type: 'bytes' },
]);

export interface QueryCodesResponse {
  codeInfos: CodeInfoResponse[];
}
export const QueryCodesResponse = defineMessage<QueryCodesResponse>(`${P}QueryCodesResponse`, [
  { no: 1, key: 'codeInfos', type: 'message', codec: CodeInfoResponse, repeated: true },
]);

export interface QueryCodeHashResponse {
  codeHash: string;
}
export const QueryCodeHashResponse = defineMessage<QueryCodeHashResponse>(`${P}QueryCodeHashResponse`, [
  { no: 1, key: 'codeHash', type: 'string' },
]);

export interface QueryContractLabelResponse {
  label: string;
}
export const QueryContractLabelResponse = defineMessage<QueryContractLabelResponse>(`${P}QueryContractLabelResponse`, [
  { no: 1, key: 'label', type: 'string' },
]);

export interface QueryContractAddressResponse {
  contractAddress: string;
}
export const QueryContractAddressResponse = defineMessage<QueryContractAddressResponse>(`${P}QueryContractAddressResponse`, [
  { no: 1, key: 'contractAddress', type: 'string' },
]);

export interface QueryContractHistoryResponse {
  entries: ContractCodeHistoryEntry[];
}
export const QueryContractHistoryResponse = defineMessage<QueryContractHistoryResponse>(`${P}QueryContractHistoryResponse`, [
  { no: 1, key: 'entries', type: 'message', codec: ContractCodeHistoryEntry, repeated: true },
]);

/** Proto name `ParamsRequest` (empty). */
export type QueryParamsRequest = Record<string, never>;
export const QueryParamsRequest = defineMessage<QueryParamsRequest>(`${P}ParamsRequest`, []);

/** Proto name `ParamsResponse`. */
export interface QueryParamsResponse {
  params: Params | undefined;
}
export const QueryParamsResponse = defineMessage<QueryParamsResponse>(`${P}ParamsResponse`, [
  { no: 1, key: 'params', type: 'message', codec: Params },
]);

/** Assumption: contract_address = 1 (AuthorizedMigration / AuthorizedAdminUpdate requests). */
export interface QueryAuthorizedMigrationRequest {
  contractAddress: string;
}
export const QueryAuthorizedMigrationRequest = defineMessage<QueryAuthorizedMigrationRequest>(`${P}QueryAuthorizedMigrationRequest`, [
  { no: 1, key: 'contractAddress', type: 'string' },
]);

export interface QueryAuthorizedMigrationResponse {
  newCodeId: bigint;
}
export const QueryAuthorizedMigrationResponse = defineMessage<QueryAuthorizedMigrationResponse>(`${P}QueryAuthorizedMigrationResponse`, [
  { no: 1, key: 'newCodeId', type: 'uint64' },
]);

export interface QueryAuthorizedAdminUpdateResponse {
  newAdmin: string;
}
export const QueryAuthorizedAdminUpdateResponse = defineMessage<QueryAuthorizedAdminUpdateResponse>(`${P}QueryAuthorizedAdminUpdateResponse`, [
  { no: 1, key: 'newAdmin', type: 'string' },
]);

export const queryCodecs = [
  QuerySecretContractRequest,
  QuerySecretContractResponse,
  QueryByContractAddressRequest,
  QueryByCodeIdRequest,
  QueryByLabelRequest,
  QueryContractHistoryRequest,
  QueryContractInfoResponse,
  ContractInfoWithAddress,
  QueryContractsByCodeIdResponse,
  CodeInfoResponse,
  QueryCodeResponse,
  QueryCodesResponse,
  QueryCodeHashResponse,
  QueryContractLabelResponse,
  QueryContractAddressResponse,
  QueryContractHistoryResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryAuthorizedMigrationRequest,
  QueryAuthorizedMigrationResponse,
  QueryAuthorizedAdminUpdateResponse,
];

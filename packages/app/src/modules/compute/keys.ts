// Store keys of the compute module (secret-protocol §6.6).
export const STORE = 'compute';

export const CodeKeyPrefix = Uint8Array.of(0x01);
export const ContractKeyPrefix = Uint8Array.of(0x02);
export const ContractStorePrefix = Uint8Array.of(0x03);
export const SequenceKeyPrefix = Uint8Array.of(0x04);
export const ContractEnclaveIdPrefix = Uint8Array.of(0x06);
export const ContractLabelPrefix = Uint8Array.of(0x07);
export const TxCounterPrefix = Uint8Array.of(0x08);
export const ContractCodeHistoryPrefix = Uint8Array.of(0x09);
export const ContractByCodeIdPrefix = Uint8Array.of(0x0a);
export const ParamsKey = Uint8Array.of(0x0b);
/**
 * scrtd-specific: wasm byte code by code hash. secretd keeps code files in its home directory; here
 * the code is part of the committed state, so it is covered by the app hash and crash-safe.
 */
export const WasmCodePrefix = Uint8Array.of(0x10);

export const LAST_CODE_ID = 'lastCodeId';
export const LAST_CONTRACT_ID = 'lastContractId';

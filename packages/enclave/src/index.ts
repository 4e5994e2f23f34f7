export * from './seeds.js';
export { Enclave, loadEnclave, type EnclaveBackend } from './enclave.js';
export { EnclaveCodedError, EnclaveErrorCode } from './errors.js';
export { encryptedErrorText, type ApiVersion, type ContractOp, type OpenedInput, type ReplyParam, type TxKeyHandle } from './io.js';
export { fundsJson, type Coin } from './callback.js';
export { CONTRACT_KEY_LENGTH } from './contract-key.js';
export { STATE_SALT_LENGTH, isV3StateKey } from './state.js';

// @scrtd/vm — CosmWasm engine for scrtd. This increment: the wasm binary reader and the
// store-time checks on contract code. The vm knows nothing of encryption and holds no state.

export { WasmError, VmError, type VmErrorCode } from './errors.js';
export {
  READER_LIMITS,
  readModule,
  functionType,
  type ValType,
  type FuncType,
  type Limits,
  type TableType,
  type GlobalType,
  type ImportDesc,
  type Import,
  type ExternKind,
  type Export,
  type ConstExpr,
  type Global,
  type ElementSegment,
  type DataSegment,
  type LocalDecl,
  type FunctionBody,
  type CustomSection,
  type WasmModule,
} from './reader.js';
export { forEachInstruction, type Instruction, type BlockType } from './instructions.js';
export { HOST_SIGNATURES, ALLOWED_IMPORTS, type ApiVersion, type HostSignature } from './imports.js';
export {
  DEFAULT_MAX_CONTRACT_SIZE,
  MAX_UPLOAD_SIZE,
  decodeUpload,
  isGzip,
  codeHash,
  type UploadOptions,
  type DecodedUpload,
} from './upload.js';
export {
  MAX_INITIAL_PAGES,
  IBC_EXPORTS,
  ALLOWED_FEATURES,
  analyzeCode,
  analyzeUpload,
  type CodeAnalysis,
} from './validate.js';

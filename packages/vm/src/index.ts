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
export {
  GAS_PER_INSTRUCTION,
  GAS_PER_MEMORY_PAGE,
  MAX_RUNTIME_PAGES,
  DEFAULT_MAX_CALL_DEPTH,
  DEFAULT_MAX_STACK_SLOTS,
  DEFAULT_MAX_STACK_UNITS,
  STACK_FRAME_BASE,
  STACK_UNITS_PER_PARAM,
  INSTRUMENT_VERSION,
  MEMORY_IMPORT,
  INSTRUMENT_EXPORTS,
  frameWeight,
  RESERVED_EXPORT_PREFIX,
  instrument,
  type InstrumentOptions,
  type InstrumentedCode,
} from './instrument.js';
export { ByteWriter, encodeU32, encodeS64, splitSections, encodeModule, type RawSection } from './writer.js';

// Host side: Regions, env/info JSON, host functions and their costs.
export { readRegion, readRegionHeader, writeRegion, passToContract, RegionError, REGION_BYTES, type Region, type RegionMemory, type LinearMemory } from './region.js';
export { envV1, infoV1, envV010, type BlockInfo, type JsonCoin } from './env.js';
export {
  CryptoCode, SectionsError, hostSecp256k1Verify, hostSecp256k1RecoverPubkey, hostEd25519Verify, hostEd25519BatchVerify,
  hostSecp256k1Sign, hostEd25519Sign, decodeSections, encodeSections,
} from './host-crypto.js';
export { ADDRESS_PREFIX, canonicalizeV010, canonicalizeV1, humanize, validateAddress, type AddressResult } from './host-address.js';
export { HostCost, GAS_MULTIPLIER, gasEvaporateCost } from './host-costs.js';

// Runtime: compiled-module cache, one fresh instance per call, host imports, result parsing.
export { VmRuntimeError, type VmRuntimeErrorCode } from './runtime-error.js';
export { HOST_LIMITS, hostImports, OutOfGasTrap, type Querier, type Storage, type KvGas, type HostContext } from './host-imports.js';
export {
  Vm, createRuntime, DEFAULT_MAX_RESULT_SIZE, DEFAULT_MAX_CACHED_MODULES, NESTED_CALL_STACK_UNITS,
  type CallRequest, type CallResult, type EntryPoint, type RuntimeOptions, type WarmSource,
} from './runtime.js';
export { DiskModuleCache, MODULE_CACHE_FORMAT, type CachedCode } from './module-cache.js';
export {
  parseResponseV1, parseResponseV010, parseQueryResult, decodeBase64Strict,
  type Attribute, type Event, type ResponseV1, type ResponseV010, type ContractError, type ContractResult,
} from './results.js';

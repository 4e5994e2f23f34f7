// @scrtd/proto: protobuf codecs (cosmjs-types re-exports + hand-written Secret types), the type
// registry, gateway-JSON rendering and amino JSON sign docs.

import './writer-fixes.js';

// Grouped modules (namespaces avoid clashes such as bank.Params vs auth.Params vs compute.Params).
export * as base from './cosmos/base.js';
export * as tx from './cosmos/tx.js';
export * as bank from './cosmos/bank.js';
export * as auth from './cosmos/auth.js';
export * as abci from './cosmos/abci.js';
export * as tendermint from './cosmos/tendermint.js';
export * as compute from './secret/compute/index.js';
export * as registration from './secret/registration.js';

// The most used codecs, also at top level.
export {
  BinaryReader,
  BinaryWriter,
  Any,
  Timestamp,
  Duration,
  Coin,
  DecCoin,
  PageRequest,
  PageResponse,
  Secp256k1PubKey,
  Ed25519PubKey,
} from './cosmos/base.js';
export { Tx, TxRaw, TxBody, AuthInfo, SignDoc, SignerInfo, ModeInfo, Fee, SignMode, BroadcastMode } from './cosmos/tx.js';
export { TxResponse, TxMsgData, GasInfo, Result } from './cosmos/abci.js';

// Machinery.
export { ProtoError, type ProtoErrorCode } from './errors.js';
export { defineMessage, type MessageCodec, type NamedCodec, type TableCodec, type FieldDef, type ScalarType, type DeepPartial } from './codec.js';
export { J, type JsonSpec, type JsonField, type JsonKind } from './json-spec.js';
export { TypeRegistry, type TypeEntry, type DecodedAny, type AddressEncoder } from './registry.js';
export { registry, createRegistry, encodeAny, decodeAny } from './defaults.js';
export {
  toGatewayJson,
  anyToGatewayJson,
  snakeCase,
  formatTimestamp,
  formatDuration,
  formatDec,
  type JsonValue,
  type JsonObject,
  type JsonOptions,
} from './json.js';
export {
  aminoMsg,
  aminoMsgFromAny,
  aminoFee,
  aminoCoins,
  makeAminoSignDoc,
  sortedJsonStringify,
  serializeAminoSignDoc,
  eip191SignBytes,
  type AminoMsg,
  type AminoValue,
  type AminoConverter,
  type AminoCoin,
  type StdFee,
  type StdSignDoc,
  type AminoSignDocInput,
} from './amino.js';
export { toBase64, fromBase64 } from './bytes.js';

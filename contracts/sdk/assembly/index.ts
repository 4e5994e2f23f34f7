// scrt-as: an AssemblyScript SDK for CosmWasm v1 contracts on Secret Network. See ../README.md.
//
// A contract's entry file re-exports the ABI plumbing and defines its entry points:
//   export { allocate, deallocate, interface_version_8 } from "<sdk>";
//   export function execute(env: u32, info: u32, msg: u32): u32 { return runExecute(env, info, msg, handle); }
import "./rt";

export { allocate, deallocate, readRegion, regionOf, newRegion, outRegion } from "./region";
export { failRaw, fail, failNotFound, failParse, failOverflow, failUnauthorized, failed, errorText, clearError } from "./errors";
export {
  newBytes, bytesAt, utf8, fromUtf8, concat, concat3, bytesEqual, constantTimeEqual, toHex, fromHex,
  u64ToMinimalBE, beToU64, u64ToBE8, varint, varintLength, writeVarint, readVarint, varintValue,
} from "./bytes";
export { base64Encode, base64EncodeBytes, base64Decode, base64DecodeBytes } from "./base64";
export { U128 } from "./u128";
export { JsonKind, JsonValue, JsonWriter, parseJson, tryParseJson, setParseTarget, parseTarget, wrapVariant, jsonOkFlag } from "./json";
export { storageGet, storageSet, storageRemove, storageHas, prefixedKey, encodeValue, decodeValue, Item, KeyMap, incrementCounter } from "./storage";
export { addrValidate, addrCanonicalize, addrCanonicalizeBytes, addrHumanize } from "./address";
export { Coin, writeCoins, parseCoins, amountOf, Env, MessageInfo } from "./env";
export { ReplyOn, CosmosMsg, SubMsg, Attribute, Event, Response } from "./response";
export {
  Reply, runInstantiate, runExecute, runQuery, runMigrate, runReply, debugPrint, interface_version_8, requires_random, unknownVariant, err, queryErr,
  InstantiateHandler, ExecuteHandler, QueryHandler, MigrateHandler, ReplyHandler,
} from "./entry";
export { queryRaw, querySmart, querySmartJson, queryBalance } from "./querier";
export { sha256, ripemd160, secp256k1Verify, ed25519Verify } from "./crypto";
export { ViewingKey, VIEWING_KEY_PREFIX } from "./viewing_key";
export { Permit, revokePermit, PERMIT_PUBKEY_TYPE, REVOKED_PERMIT_PREFIX } from "./permit";
export { check_gas as checkGas, gas_evaporate as gasEvaporate } from "./imports";

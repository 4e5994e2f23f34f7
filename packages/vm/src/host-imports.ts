// The `env` imports linked into every contract instance (secret-protocol §7.4), for both API
// versions: memory plumbing through Regions, gas charging on the instrumented counter, and the
// pure host functions of host-crypto.ts / host-address.ts.
import { canonicalizeV010, canonicalizeV1, humanize, validateAddress, type AddressResult } from './host-address.js';
import { HostCost, gasEvaporateCost } from './host-costs.js';
import {
  CryptoCode,
  SectionsError,
  decodeSections,
  hostEd25519BatchVerify,
  hostEd25519Sign,
  hostEd25519Verify,
  hostSecp256k1RecoverPubkey,
  hostSecp256k1Sign,
  hostSecp256k1Verify,
} from './host-crypto.js';
import { passToContract, readRegion, writeRegion, type LinearMemory } from './region.js';
import { VmRuntimeError } from './runtime-error.js';

/** Contract storage as the caller provides it (the enclave wraps it with encryption). Charges nothing itself. */
export interface Storage {
  get(key: Uint8Array): Uint8Array | undefined;
  set(key: Uint8Array, value: Uint8Array): void;
  remove(key: Uint8Array): void;
}

/** Extra wasm gas for a storage operation (the store's KV gas × 1000); default 0. */
export type KvGas = (op: 'read' | 'write' | 'remove', key: Uint8Array, value: Uint8Array | undefined) => bigint;

/** Host-side limits on what a contract can make the host copy out of its memory. */
export const HOST_LIMITS = {
  dbKey: 64 * 1024,
  dbValue: 128 * 1024,
  address: 256,
  /** Hash / signature / key inputs: generous, so a wrong length becomes a return code, not a fault. */
  cryptoItem: 4 * 1024,
  cryptoMessage: 128 * 1024,
  sections: 1024 * 1024,
  debug: 2 * 1024 * 1024,
  queryRequest: 64 * 1024,
} as const;

/** What the imports need of the running instance and call. */
export interface HostContext {
  memory(): LinearMemory;
  allocate(size: number): number;
  /** Subtracts wasm gas; sets the exhausted flag and throws if there is not enough. */
  charge(cost: bigint): void;
  /** Wasm gas used so far (limit − left). */
  gasUsed(): bigint;
  apiVersion: 'v0.10' | 'v1';
  storage: Storage;
  readOnly: boolean;
  kvGas?: KvGas;
  querier?: Querier;
  debug?: (text: string) => void;
  /** Wasm gas left (for sub-query limits). */
  gasLeft?(): bigint;
}

/**
 * Answers query_chain: request JSON → SystemResult JSON. Given the caller's remaining wasm gas, it may
 * report the gas the sub-query used, which is charged to the caller.
 */
export type Querier = (request: Uint8Array, gasLeft: bigint) => Uint8Array | { response: Uint8Array; gasUsed: bigint };

/** Gas ran out inside a host function (the exhausted flag is set before this is thrown). */
export class OutOfGasTrap extends Error {
  override readonly name = 'OutOfGasTrap';
}

const utf8 = new TextEncoder();
const lossy = new TextDecoder('utf-8');

/** i64 return of sign / recover: ok → Region pointer in the low half; error → code in the high half. */
const packOk = (ptr: number): bigint => BigInt(ptr >>> 0);
const packErr = (code: number): bigint => BigInt(code >>> 0) << 32n;

export function hostImports(ctx: HostContext): Record<string, (...args: never[]) => unknown> {
  const mem = () => ctx.memory();
  const read = (ptr: number, max: number) => readRegion(mem(), ptr >>> 0, max);
  const give = (data: Uint8Array) => passToContract({ memory: mem(), allocate: ctx.allocate }, data);
  const kv = (op: 'read' | 'write' | 'remove', key: Uint8Array, value: Uint8Array | undefined) => {
    const g = ctx.kvGas?.(op, key, value) ?? 0n;
    if (g > 0n) ctx.charge(g);
  };
  const noWrite = () => {
    if (ctx.readOnly) throw new VmRuntimeError('unauthorized_write', 'contract tried to write to storage during a query');
  };
  const canonicalize = (fn: (h: Uint8Array) => AddressResult) => (humanPtr: number, outPtr: number): number => {
    ctx.charge(HostCost.addressOp);
    const r = fn(read(humanPtr, HOST_LIMITS.address));
    if (!r.ok) return give(utf8.encode(r.error));
    writeRegion(mem(), outPtr >>> 0, r.value);
    return 0;
  };
  const humanizeFn = (canonPtr: number, outPtr: number): number => {
    ctx.charge(HostCost.addressOp);
    const r = humanize(read(canonPtr, HOST_LIMITS.address));
    if (!r.ok) return give(utf8.encode(r.error));
    writeRegion(mem(), outPtr >>> 0, utf8.encode(r.value));
    return 0;
  };
  const debugFn = (ptr: number): void => {
    const text = lossy.decode(read(ptr, HOST_LIMITS.debug));
    ctx.debug?.(text);
  };
  const notLinked = (name: string) => (): never => {
    throw new VmRuntimeError('unsupported', `${name} is not supported on Secret Network (storage iterators are not linked)`);
  };
  const sections = (ptr: number): Uint8Array[] => {
    try {
      return decodeSections(read(ptr, HOST_LIMITS.sections));
    } catch (e) {
      if (e instanceof SectionsError) throw new VmRuntimeError('sections', e.message, { cause: e });
      throw e;
    }
  };

  return {
    db_read: (keyPtr: number): number => {
      ctx.charge(HostCost.dbReadBase);
      const key = read(keyPtr, HOST_LIMITS.dbKey);
      const value = ctx.storage.get(key);
      kv('read', key, value);
      return value === undefined ? 0 : give(value);
    },
    db_write: (keyPtr: number, valuePtr: number): void => {
      noWrite();
      const key = read(keyPtr, HOST_LIMITS.dbKey);
      const value = read(valuePtr, HOST_LIMITS.dbValue);
      ctx.charge(HostCost.dbWriteBase + HostCost.dbWritePerValueByte * BigInt(value.length));
      kv('write', key, value);
      ctx.storage.set(key, value);
    },
    db_remove: (keyPtr: number): void => {
      noWrite();
      const key = read(keyPtr, HOST_LIMITS.dbKey);
      kv('remove', key, undefined);
      ctx.storage.remove(key);
    },
    db_scan: notLinked('db_scan'),
    db_next: notLinked('db_next'),
    canonicalize_address: canonicalize(canonicalizeV010),
    humanize_address: humanizeFn,
    addr_canonicalize: canonicalize(canonicalizeV1),
    addr_humanize: humanizeFn,
    addr_validate: (humanPtr: number): number => {
      ctx.charge(HostCost.addressOp);
      const r = validateAddress(read(humanPtr, HOST_LIMITS.address));
      return r.ok ? 0 : give(utf8.encode(r.error));
    },
    query_chain: (requestPtr: number): number => {
      const request = read(requestPtr, HOST_LIMITS.queryRequest);
      if (!ctx.querier) throw new VmRuntimeError('unsupported', 'query_chain: no querier is wired for this call');
      const answer = ctx.querier(request, ctx.gasLeft?.() ?? 0n);
      if (answer instanceof Uint8Array) return give(answer);
      if (answer.gasUsed > 0n) ctx.charge(answer.gasUsed);
      return give(answer.response);
    },
    debug_print: debugFn,
    debug: debugFn,
    secp256k1_verify: (hashPtr: number, sigPtr: number, pubkeyPtr: number): number => {
      ctx.charge(HostCost.secp256k1Verify);
      return hostSecp256k1Verify(read(hashPtr, HOST_LIMITS.cryptoItem), read(sigPtr, HOST_LIMITS.cryptoItem), read(pubkeyPtr, HOST_LIMITS.cryptoItem));
    },
    secp256k1_recover_pubkey: (hashPtr: number, sigPtr: number, recoveryParam: number): bigint => {
      ctx.charge(HostCost.secp256k1RecoverPubkey);
      const r = hostSecp256k1RecoverPubkey(read(hashPtr, HOST_LIMITS.cryptoItem), read(sigPtr, HOST_LIMITS.cryptoItem), recoveryParam >>> 0);
      return r.code === CryptoCode.Ok && r.pubkey ? packOk(give(r.pubkey)) : packErr(r.code);
    },
    ed25519_verify: (msgPtr: number, sigPtr: number, pubkeyPtr: number): number => {
      ctx.charge(HostCost.ed25519Verify);
      return hostEd25519Verify(read(msgPtr, HOST_LIMITS.cryptoMessage), read(sigPtr, HOST_LIMITS.cryptoItem), read(pubkeyPtr, HOST_LIMITS.cryptoItem));
    },
    ed25519_batch_verify: (msgsPtr: number, sigsPtr: number, pubkeysPtr: number): number => {
      const msgs = sections(msgsPtr);
      const sigs = sections(sigsPtr);
      const pubkeys = sections(pubkeysPtr);
      ctx.charge(HostCost.ed25519BatchBase + HostCost.ed25519BatchPerSignature * BigInt(sigs.length));
      return hostEd25519BatchVerify(msgs, sigs, pubkeys);
    },
    secp256k1_sign: (msgPtr: number, keyPtr: number): bigint => {
      ctx.charge(HostCost.secp256k1Sign);
      const r = hostSecp256k1Sign(read(msgPtr, HOST_LIMITS.cryptoMessage), read(keyPtr, HOST_LIMITS.cryptoItem));
      return r.code === CryptoCode.Ok && r.signature ? packOk(give(r.signature)) : packErr(r.code);
    },
    ed25519_sign: (msgPtr: number, keyPtr: number): bigint => {
      ctx.charge(HostCost.ed25519Sign);
      const r = hostEd25519Sign(read(msgPtr, HOST_LIMITS.cryptoMessage), read(keyPtr, HOST_LIMITS.cryptoItem));
      return r.code === CryptoCode.Ok && r.signature ? packOk(give(r.signature)) : packErr(r.code);
    },
    // SGX quote verification is not available to this node: always the generic error code.
    dcap_quote_verify: (): bigint => {
      ctx.charge(HostCost.dcapQuoteVerify);
      return packErr(CryptoCode.GenericErr);
    },
    check_gas: (): bigint => {
      ctx.charge(HostCost.checkGas);
      return ctx.gasUsed() / 1000n;
    },
    gas_evaporate: (n: number): number => {
      ctx.charge(gasEvaporateCost(n));
      return 0;
    },
  };
}

// Public compute state (secret-protocol §6.6): code infos and byte code, contract infos, enclave
// contract keys, labels, code history, id sequences, params and block randoms. Metadata goes through
// the gas-metered store like any module; byte code and contract storage use the raw store (their
// gas is charged as compile cost and as wasm gas).
import type { KVReader, KVStore } from '@scrtd/store';
import type { ContractStore } from '@scrtd/enclave';
import { compute } from '@scrtd/proto';
import { DEFAULT_MAX_CONTRACT_SIZE as VM_DEFAULT_MAX_CONTRACT_SIZE } from '@scrtd/vm';
import { concat, latin1, prefixEnd, readU64be, u64be, utf8 } from '../../binary.js';
import { DecodeMemo } from '../../decode-memo.js';
import type { Context } from '../../context.js';
import {
  CodeKeyPrefix,
  ContractByCodeIdPrefix,
  ContractCodeHistoryPrefix,
  ContractEnclaveIdPrefix,
  ContractKeyPrefix,
  ContractLabelPrefix,
  ContractStorePrefix,
  LAST_CODE_ID,
  LAST_CONTRACT_ID,
  ParamsKey,
  SequenceKeyPrefix,
  STORE,
  WasmCodePrefix,
} from './keys.js';

export type CodeInfo = compute.CodeInfo;
export type ContractInfo = compute.ContractInfo;
export type ContractKey = compute.ContractKey;
export type HistoryEntry = compute.ContractCodeHistoryEntry;

/** compile_cost 0.8 as a LegacyDec on the wire (×10^18). */
export const DEFAULT_COMPILE_COST = '800000000000000000';
export const DEFAULT_MAX_CONTRACT_SIZE = BigInt(VM_DEFAULT_MAX_CONTRACT_SIZE);
export const DEC_ONE = 10n ** 18n;

export interface ComputeParams {
  compileCost: string;
  maxContractSize: bigint;
}

/** The store a read may use: the metered module store, or the raw one. */
const kv = (ctx: Context): KVStore => ctx.kv(STORE);
export const rawStore = (ctx: Context): KVReader & Partial<KVStore> => ctx.multiStore.getStore(STORE) as KVReader & Partial<KVStore>;

function writable(s: KVReader & Partial<KVStore>): KVStore {
  if (!s.set || !s.delete) throw new Error('write in a read-only context');
  return s as KVStore;
}

export class ComputeState {
  readonly #codeInfos = new DecodeMemo((b) => compute.CodeInfo.decode(b));
  readonly #contractInfos = new DecodeMemo((b) => compute.ContractInfo.decode(b));
  readonly #contractKeys = new DecodeMemo((b) => compute.ContractKey.decode(b));

  getParams(ctx: Context): ComputeParams {
    const v = kv(ctx).get(ParamsKey);
    if (!v) return { compileCost: DEFAULT_COMPILE_COST, maxContractSize: DEFAULT_MAX_CONTRACT_SIZE };
    const p = compute.Params.decode(v);
    return { compileCost: p.compileCost, maxContractSize: p.maxContractSize };
  }

  setParams(ctx: Context, p: ComputeParams): void {
    kv(ctx).set(ParamsKey, compute.Params.encode(compute.Params.fromPartial(p)).finish());
  }

  /** The next id of a sequence (1 when never used), without consuming it. */
  peekId(ctx: Context, name: string): bigint {
    const v = kv(ctx).get(concat(SequenceKeyPrefix, utf8(name)));
    return v ? readU64be(v) : 1n;
  }

  setSequence(ctx: Context, name: string, next: bigint): void {
    kv(ctx).set(concat(SequenceKeyPrefix, utf8(name)), u64be(next));
  }

  /** Consume and return the next id of a sequence. */
  nextId(ctx: Context, name: string): bigint {
    const id = this.peekId(ctx, name);
    this.setSequence(ctx, name, id + 1n);
    return id;
  }

  nextCodeId(ctx: Context): bigint {
    return this.nextId(ctx, LAST_CODE_ID);
  }

  nextInstanceId(ctx: Context): bigint {
    return this.nextId(ctx, LAST_CONTRACT_ID);
  }

  getCodeInfo(ctx: Context, codeId: bigint): Readonly<CodeInfo> | undefined {
    const v = kv(ctx).get(concat(CodeKeyPrefix, u64be(codeId)));
    return v ? this.#codeInfos.get(codeId.toString(), v) : undefined;
  }

  setCodeInfo(ctx: Context, codeId: bigint, info: CodeInfo): void {
    kv(ctx).set(concat(CodeKeyPrefix, u64be(codeId)), compute.CodeInfo.encode(info).finish());
  }

  *codeInfos(ctx: Context): Generator<[bigint, CodeInfo]> {
    for (const [k, v] of kv(ctx).iterate(CodeKeyPrefix, prefixEnd(CodeKeyPrefix))) yield [readU64be(k, 1), compute.CodeInfo.decode(v)];
  }

  /** Byte code by code hash (raw store: its gas is the compile cost). */
  getWasm(ctx: Context, codeHash: Uint8Array): Uint8Array | undefined {
    return rawStore(ctx).get(concat(WasmCodePrefix, codeHash));
  }

  hasWasm(ctx: Context, codeHash: Uint8Array): boolean {
    return rawStore(ctx).has(concat(WasmCodePrefix, codeHash));
  }

  setWasm(ctx: Context, codeHash: Uint8Array, wasm: Uint8Array): void {
    writable(rawStore(ctx)).set(concat(WasmCodePrefix, codeHash), wasm);
  }

  getContractInfo(ctx: Context, addr: Uint8Array): Readonly<ContractInfo> | undefined {
    const v = kv(ctx).get(concat(ContractKeyPrefix, addr));
    return v ? this.#contractInfos.get(latin1(addr), v) : undefined;
  }

  hasContract(ctx: Context, addr: Uint8Array): boolean {
    return kv(ctx).has(concat(ContractKeyPrefix, addr));
  }

  setContractInfo(ctx: Context, addr: Uint8Array, info: ContractInfo): void {
    kv(ctx).set(concat(ContractKeyPrefix, addr), compute.ContractInfo.encode(info).finish());
  }

  /** Secondary index 0x0A ‖ u64be(code_id) ‖ position(16) ‖ addr, so contracts list by code in creation order. */
  indexContractByCode(ctx: Context, codeId: bigint, created: { blockHeight: bigint; txIndex: bigint }, addr: Uint8Array): void {
    kv(ctx).set(concat(ContractByCodeIdPrefix, u64be(codeId), u64be(created.blockHeight), u64be(created.txIndex), addr), Uint8Array.of(1));
  }

  removeContractCodeIndex(ctx: Context, codeId: bigint, created: { blockHeight: bigint; txIndex: bigint }, addr: Uint8Array): void {
    kv(ctx).delete(concat(ContractByCodeIdPrefix, u64be(codeId), u64be(created.blockHeight), u64be(created.txIndex), addr));
  }

  *contractsByCode(ctx: Context, codeId: bigint): Generator<Uint8Array> {
    const prefix = concat(ContractByCodeIdPrefix, u64be(codeId));
    for (const [k] of kv(ctx).iterate(prefix, prefixEnd(prefix))) yield k.slice(prefix.length + 16);
  }

  *contracts(ctx: Context): Generator<[Uint8Array, ContractInfo]> {
    for (const [k, v] of kv(ctx).iterate(ContractKeyPrefix, prefixEnd(ContractKeyPrefix))) yield [k.slice(1), compute.ContractInfo.decode(v)];
  }

  getContractKey(ctx: Context, addr: Uint8Array): Readonly<ContractKey> | undefined {
    const v = kv(ctx).get(concat(ContractEnclaveIdPrefix, addr));
    return v ? this.#contractKeys.get(latin1(addr), v) : undefined;
  }

  setContractKey(ctx: Context, addr: Uint8Array, key: ContractKey): void {
    kv(ctx).set(concat(ContractEnclaveIdPrefix, addr), compute.ContractKey.encode(key).finish());
  }

  getContractByLabel(ctx: Context, label: string): Uint8Array | undefined {
    return kv(ctx).get(concat(ContractLabelPrefix, utf8(label)));
  }

  setLabel(ctx: Context, label: string, addr: Uint8Array): void {
    kv(ctx).set(concat(ContractLabelPrefix, utf8(label)), addr);
  }

  appendHistory(ctx: Context, addr: Uint8Array, entry: HistoryEntry): void {
    const prefix = concat(ContractCodeHistoryPrefix, addr);
    let pos = 0n;
    for (const [k] of kv(ctx).iterate(prefix, prefixEnd(prefix), true)) {
      pos = readU64be(k, prefix.length) + 1n;
      break;
    }
    kv(ctx).set(concat(prefix, u64be(pos)), compute.ContractCodeHistoryEntry.encode(entry).finish());
  }

  *history(ctx: Context, addr: Uint8Array): Generator<HistoryEntry> {
    const prefix = concat(ContractCodeHistoryPrefix, addr);
    for (const [, v] of kv(ctx).iterate(prefix, prefixEnd(prefix))) yield compute.ContractCodeHistoryEntry.decode(v);
  }

  /**
   * The contract's storage slice `0x03 ‖ addr` in the raw store (the enclave sees keys after the
   * prefix), priced with the context's KV gas table on the full stored key, as the metered store would.
   */
  contractStore(ctx: Context, addr: Uint8Array): ContractStore {
    const s = rawStore(ctx);
    const prefix = concat(ContractStorePrefix, addr);
    const g = ctx.kvGasConfig;
    const full = (k: Uint8Array) => prefix.length + k.length;
    return {
      get: (k) => s.get(concat(prefix, k)),
      set: (k, v) => writable(s).set(concat(prefix, k), v),
      remove: (k) => writable(s).delete(concat(prefix, k)),
      readGas: (k, v) => BigInt(g.readCostFlat + g.readCostPerByte * (full(k) + (v?.length ?? 0))),
      writeGas: (k, v) => BigInt(g.writeCostFlat + g.writeCostPerByte * (full(k) + v.length)),
      removeGas: () => BigInt(g.deleteCost),
    };
  }

  *contractStorage(ctx: Context, addr: Uint8Array): Generator<[Uint8Array, Uint8Array]> {
    const prefix = concat(ContractStorePrefix, addr);
    for (const [k, v] of rawStore(ctx).iterate(prefix, prefixEnd(prefix))) yield [k.slice(prefix.length), v];
  }
}

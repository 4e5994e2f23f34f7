// The compute keeper: code upload, contract lifecycle and calls into the enclave, with Secret's
// gas conversion (§8), events (secretjs-compat §5.2) and error wrapping (§4.3). Everything secret
// happens in the enclave; this side only moves ciphertext, public routing data and coins.
import { concatBytes, ripemd160, sha256, toHex, u64be } from '@scrtd/crypto';
import { MAX_WASM_GAS, type CallFailure, type CodeRef, type ContractKeys, type ContractOutput, type EnclaveBackend, type HostQuerier, type HostQueryAnswer } from '@scrtd/enclave';
import { analyzeCode, analyzeUpload, GAS_MULTIPLIER, VmError } from '@scrtd/vm';
import { compute } from '@scrtd/proto';
import { bech32Address, parseAddress } from '../../addresses.js';
import { coinsFromProto, type Coin } from '../../coins.js';
import type { Context } from '../../context.js';
import { SdkErrors } from '../../errors.js';
import { event } from '../../events.js';
import { OutOfGasError } from '../../gas.js';
import type { AuthKeeper } from '../auth/keeper.js';
import type { BankKeeper } from '../bank/keeper.js';
import { ComputeErrors, ContractCallError } from './errors.js';
import { ComputeState, DEC_ONE, type ContractInfo } from './state.js';
import { dispatchSubMessages } from './dispatch.js';

/** SDK gas charged per contract call (§8 InstanceCost). */
export const INSTANCE_COST = 20_000;
const WASM_PER_SDK = GAS_MULTIPLIER;
/** Default `contract-query-gas-limit` (app.toml [wasm]), SDK gas. */
export const DEFAULT_QUERY_GAS_LIMIT = 10_000_000n;
export const MAX_LABEL_BYTES = 512;
const HISTORY = compute.ContractCodeHistoryOperationType;

export interface ComputeKeeperOptions {
  queryGasLimit?: bigint;
}

/** Coins in the enclave's JSON form. */
const jsonCoins = (cs: readonly Coin[]) => cs.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));

/** The public result of a call: sealed data and, when it answers a sub-message, the reply material. */
export interface CallOutcome {
  data: Uint8Array | null;
  internalReply?: { id: Uint8Array; signature: Uint8Array };
}

export interface ExecuteParams {
  sender: Uint8Array;
  contract: Uint8Array;
  msg: Uint8Array;
  funds: Coin[];
  callbackSig?: Uint8Array;
}

export interface InstantiateParams {
  sender: Uint8Array;
  codeId: bigint;
  label: string;
  msg: Uint8Array;
  funds: Coin[];
  admin: string;
  callbackSig?: Uint8Array;
}

export interface MigrateParams {
  sender: Uint8Array;
  contract: Uint8Array;
  codeId: bigint;
  msg: Uint8Array;
  callbackSig?: Uint8Array;
}


export class ComputeKeeper {
  readonly state = new ComputeState();
  readonly queryGasLimit: bigint;
  readonly #meta = new Map<string, { apiVersion: 'v0.10' | 'v1'; requiresRandom: boolean }>();
  #random: { height: bigint; hash: Uint8Array; value: Uint8Array } | undefined;

  constructor(
    readonly auth: AuthKeeper,
    readonly bank: BankKeeper,
    readonly enclave: EnclaveBackend,
    options: ComputeKeeperOptions = {},
  ) {
    this.queryGasLimit = options.queryGasLimit ?? DEFAULT_QUERY_GAS_LIMIT;
  }

  /** A new block: its random (§2.6) is asked of the enclave when the block's first contract runs. */
  beginBlock(): void {
    this.#random = undefined;
  }

  #blockEnv(ctx: Context) {
    const height = BigInt(ctx.header.height);
    if (this.#random?.height !== height || this.#random.hash !== ctx.header.hash) {
      // Outside FinalizeBlock (simulate, queries) the header hash is not known yet: a zero hash stands in.
      const hash = ctx.header.hash.length === 32 ? ctx.header.hash : new Uint8Array(32);
      this.#random = { height, hash: ctx.header.hash, value: this.enclave.blockRandom(height, hash) };
    }
    return { height, timeNs: ctx.header.timeNs, chainId: ctx.chainId, random: this.#random.value };
  }

  // ---- code ----

  storeCode(ctx: Context, sender: Uint8Array, wasmByteCode: Uint8Array, source: string, builder: string): bigint {
    const params = this.state.getParams(ctx);
    let analysis;
    try {
      analysis = analyzeUpload(wasmByteCode, { maxSize: Number(params.maxContractSize) });
    } catch (e) {
      if (e instanceof VmError) throw ComputeErrors.CreateFailed.wrap(e.message);
      throw e;
    }
    const wasm = analysis.wasm;
    ctx.gasMeter.consume(Number((BigInt(wasm.length) * BigInt(params.compileCost)) / DEC_ONE), 'Compiling WASM Bytecode');
    const codeHash = sha256(wasm);
    if (!this.state.hasWasm(ctx, codeHash)) this.state.setWasm(ctx, codeHash, wasm);
    this.#meta.set(toHex(codeHash), { apiVersion: analysis.apiVersion, requiresRandom: analysis.features.includes('random') });
    const codeId = this.state.nextCodeId(ctx);
    this.state.setCodeInfo(ctx, codeId, { codeHash, creator: sender, source, builder });
    return codeId;
  }

  #codeRef(ctx: Context, codeId: bigint): CodeRef {
    const info = this.state.getCodeInfo(ctx, codeId);
    if (!info) throw ComputeErrors.NotFound.wrap(`code id ${codeId}`);
    const hash = toHex(info.codeHash);
    let meta = this.#meta.get(hash);
    const load = () => {
      const wasm = this.state.getWasm(ctx, info.codeHash);
      if (!wasm) throw ComputeErrors.NotFound.wrap(`byte code of code id ${codeId}`);
      return wasm;
    };
    if (!meta) {
      const a = analyzeCode(load());
      meta = { apiVersion: a.apiVersion, requiresRandom: a.features.includes('random') };
      this.#meta.set(hash, meta);
    }
    return { hash, wasm: load, apiVersion: meta.apiVersion, requiresRandom: meta.requiresRandom };
  }

  codeHashOf(ctx: Context, codeId: bigint): string {
    const info = this.state.getCodeInfo(ctx, codeId);
    if (!info) throw ComputeErrors.NotFound.wrap(`code id ${codeId}`);
    return toHex(info.codeHash);
  }

  /** What every enclave call of a contract in this context shares. */
  #callBase(ctx: Context, code: CodeRef, contractAddress: string, contract: Uint8Array) {
    return {
      code,
      block: this.#blockEnv(ctx),
      contractAddress,
      contractCanonical: contract,
      transaction: ctx.tx ?? null,
      gasLimit: this.#wasmGasLimit(ctx),
      store: this.state.contractStore(ctx, contract),
      querier: this.#querier(ctx),
      inBlock: ctx.mode === 'finalize',
    };
  }

  // ---- gas (§8) ----

  #wasmGasLimit(ctx: Context): bigint {
    const g = BigInt(ctx.gasMeter.remaining()) * WASM_PER_SDK;
    return g > MAX_WASM_GAS ? MAX_WASM_GAS : g;
  }

  #chargeWasmGas(ctx: Context, wasmUsed: bigint, what: string): void {
    ctx.gasMeter.consume(Number(wasmUsed / WASM_PER_SDK) + 1, what);
  }

  /** Turn an enclave failure into the chain error, charging gas as secretd does. */
  #fail(ctx: Context, f: CallFailure, kind: typeof ComputeErrors.ExecuteFailed): never {
    if (f.kind === 'out_of_gas') {
      // Out of gas inside wasm is an SDK out-of-gas panic: the whole remaining budget is consumed.
      ctx.gasMeter.consume(ctx.gasMeter.remaining() + 1, 'contract execution');
      throw new OutOfGasError('contract execution', ctx.gasMeter.limit, ctx.gasMeter.consumed());
    }
    this.#chargeWasmGas(ctx, f.gasUsed, 'contract execution');
    const text = f.kind === 'contract' ? `encrypted: ${f.encrypted}` : f.message;
    throw new ContractCallError(kind.wrap(text), f);
  }

  // ---- contract lifecycle ----

  /** RIPEMD160(SHA256(u64be((code_id << 32) + instance_id) ‖ creator)) (§6.2). */
  contractAddress(codeId: bigint, instanceId: bigint, creator: Uint8Array): Uint8Array {
    const contractId = ((codeId << 32n) + instanceId) & 0xffff_ffff_ffff_ffffn;
    return ripemd160(sha256(concatBytes(u64be(contractId), creator)));
  }

  instantiate(ctx: Context, p: InstantiateParams, depth = 0): CallOutcome & { address: Uint8Array } {
    const code = this.#codeRef(ctx, p.codeId);
    if (this.state.getContractByLabel(ctx, p.label)) throw ComputeErrors.AccountExists.wrap(p.label);
    const instanceId = this.state.nextInstanceId(ctx);
    const address = this.contractAddress(p.codeId, instanceId, p.sender);
    if (this.auth.hasAccount(ctx, address)) throw ComputeErrors.AccountExists.wrap(bech32Address(address));
    ctx.gasMeter.consume(INSTANCE_COST, 'instantiate contract');
    this.auth.setAccount(ctx, this.auth.newAccount(ctx, address));
    if (p.funds.length) this.bank.sendCoins(ctx, p.sender, address, p.funds);
    const adminCanonical = p.admin === '' ? new Uint8Array(0) : parseAddress(p.admin, 'admin');
    const contractAddr = bech32Address(address);
    const res = this.enclave.instantiateContract({
      ...this.#callBase(ctx, code, contractAddr, address),
      sender: bech32Address(p.sender),
      senderCanonical: p.sender,
      funds: jsonCoins(p.funds),
      callbackSig: p.callbackSig,
      msg: p.msg,
      adminCanonical,
    });
    if (!res.ok) this.#fail(ctx, res.failure, ComputeErrors.InstantiateFailed);
    this.#chargeWasmGas(ctx, res.gasUsed, 'instantiate contract');
    const created = { blockHeight: BigInt(ctx.header.height), txIndex: 0n };
    const info: ContractInfo = {
      codeId: p.codeId,
      creator: p.sender,
      label: p.label,
      created,
      ibcPortId: '',
      admin: p.admin,
      adminProof: res.adminProof,
      requireGovernance: false,
    };
    this.state.setContractInfo(ctx, address, info);
    this.state.setContractKey(ctx, address, { ogContractKey: res.contractKey, currentContractKey: new Uint8Array(0), currentContractKeyProof: new Uint8Array(0) });
    this.state.setLabel(ctx, p.label, address);
    this.state.indexContractByCode(ctx, p.codeId, created, address);
    this.state.appendHistory(ctx, address, { operation: HISTORY.CONTRACT_CODE_HISTORY_OPERATION_TYPE_INIT, codeId: p.codeId, updated: created, msg: p.msg });
    if (code.apiVersion === 'v1') ctx.events.emit(event('instantiate', [['contract_address', contractAddr], ['code_id', p.codeId.toString()]]));
    const data = this.#afterCall(ctx, contractAddr, address, res, p.msg, depth);
    return { address, data, internalReply: res.internalReply };
  }

  execute(ctx: Context, p: ExecuteParams, depth = 0): CallOutcome {
    const info = this.#contract(ctx, p.contract);
    const code = this.#codeRef(ctx, info.codeId);
    const contractAddr = bech32Address(p.contract);
    ctx.gasMeter.consume(INSTANCE_COST, 'execute contract');
    if (p.funds.length) this.bank.sendCoins(ctx, p.sender, p.contract, p.funds);
    const res = this.enclave.executeContract({
      ...this.#callBase(ctx, code, contractAddr, p.contract),
      sender: bech32Address(p.sender),
      senderCanonical: p.sender,
      funds: jsonCoins(p.funds),
      callbackSig: p.callbackSig,
      keys: this.#keys(ctx, p.contract),
      msg: p.msg,
    });
    if (!res.ok) this.#fail(ctx, res.failure, ComputeErrors.ExecuteFailed);
    this.#chargeWasmGas(ctx, res.gasUsed, 'execute contract');
    if (code.apiVersion === 'v1') ctx.events.emit(event('execute', [['contract_address', contractAddr]]));
    const data = this.#afterCall(ctx, contractAddr, p.contract, res, p.msg, depth);
    return { data, internalReply: res.internalReply };
  }

  migrate(ctx: Context, p: MigrateParams, depth = 0): CallOutcome {
    const info = this.#contract(ctx, p.contract);
    const sender = bech32Address(p.sender);
    if (info.admin === '' || info.admin !== sender) throw SdkErrors.Unauthorized.wrap('requires migrate from admin');
    const code = this.#codeRef(ctx, p.codeId);
    const contractAddr = bech32Address(p.contract);
    ctx.gasMeter.consume(INSTANCE_COST, 'migrate contract');
    const keys = this.#keys(ctx, p.contract);
    const res = this.enclave.migrateContract({
      ...this.#callBase(ctx, code, contractAddr, p.contract),
      sender,
      senderCanonical: p.sender,
      funds: [],
      callbackSig: p.callbackSig,
      keys,
      adminProof: info.adminProof,
      msg: p.msg,
    });
    if (!res.ok) this.#fail(ctx, res.failure, ComputeErrors.MigrationFailed);
    this.#chargeWasmGas(ctx, res.gasUsed, 'migrate contract');
    const updated = { blockHeight: BigInt(ctx.header.height), txIndex: 0n };
    if (info.created) this.state.removeContractCodeIndex(ctx, info.codeId, info.created, p.contract);
    this.state.indexContractByCode(ctx, p.codeId, info.created ?? updated, p.contract);
    this.state.setContractInfo(ctx, p.contract, { ...info, codeId: p.codeId });
    this.state.setContractKey(ctx, p.contract, { ogContractKey: keys.og, currentContractKey: res.newContractKey, currentContractKeyProof: res.newContractKeyProof });
    this.state.appendHistory(ctx, p.contract, { operation: HISTORY.CONTRACT_CODE_HISTORY_OPERATION_TYPE_MIGRATE, codeId: p.codeId, updated, msg: p.msg });
    ctx.events.emit(event('migrate', [['code_id', p.codeId.toString()], ['contract_address', contractAddr]]));
    const data = this.#afterCall(ctx, contractAddr, p.contract, res, p.msg, depth);
    return { data, internalReply: res.internalReply };
  }

  /** MsgUpdateAdmin / MsgClearAdmin (newAdmin ""). */
  updateAdmin(ctx: Context, sender: Uint8Array, contract: Uint8Array, newAdmin: string, callbackSig?: Uint8Array): void {
    const info = this.#contract(ctx, contract);
    if (info.admin === '' || info.admin !== bech32Address(sender)) throw SdkErrors.Unauthorized.wrap('caller is not the admin');
    const newAdminCanonical = newAdmin === '' ? new Uint8Array(0) : parseAddress(newAdmin, 'new admin');
    ctx.gasMeter.consume(INSTANCE_COST, 'update contract admin');
    const res = this.enclave.updateContractAdmin({
      contractCanonical: contract,
      keys: this.#keys(ctx, contract),
      senderCanonical: sender,
      adminProof: info.adminProof,
      newAdminCanonical,
      callbackSig,
    });
    if (!res.ok) this.#fail(ctx, res.failure, ComputeErrors.ExecuteFailed);
    this.state.setContractInfo(ctx, contract, { ...info, admin: newAdmin, adminProof: res.adminProof });
    ctx.events.emit(event('update_contract_admin', [['contract_address', bech32Address(contract)], ['new_admin_address', newAdmin]]));
  }

  /** A sub-message reply into `contract` (§9.2). */
  reply(ctx: Context, contract: Uint8Array, nonceAndKey: Uint8Array, reply: Parameters<EnclaveBackend['replyToContract']>[0]['reply'], depth: number): CallOutcome {
    const info = this.#contract(ctx, contract);
    const code = this.#codeRef(ctx, info.codeId);
    const contractAddr = bech32Address(contract);
    ctx.gasMeter.consume(INSTANCE_COST, 'reply to contract');
    const res = this.enclave.replyToContract({
      ...this.#callBase(ctx, code, contractAddr, contract),
      keys: this.#keys(ctx, contract),
      nonce: nonceAndKey.subarray(0, 32),
      userPublicKey: nonceAndKey.subarray(32, 64),
      reply,
    });
    if (!res.ok) this.#fail(ctx, res.failure, ComputeErrors.ReplyFailed);
    this.#chargeWasmGas(ctx, res.gasUsed, 'reply to contract');
    const data = this.#afterCall(ctx, contractAddr, contract, res, nonceAndKey, depth);
    return { data, internalReply: res.internalReply };
  }

  /** Events of a successful call, then its sub-messages; returns the (possibly reply-overridden) data. */
  #afterCall(ctx: Context, contractAddr: string, contract: Uint8Array, out: ContractOutput, msg: Uint8Array, depth: number): Uint8Array | null {
    const attrs: [string, string][] = [['contract_address', contractAddr]];
    for (const a of out.attributes) if (a.key !== 'contract_address') attrs.push([a.key, a.value]);
    ctx.events.emit(event('wasm', attrs));
    for (const e of out.events) {
      const type = e.type.trim();
      if (type.length <= 2) throw ComputeErrors.InvalidEvent.wrap(`event type too short: "${type}"`);
      const ea: [string, string][] = [['contract_address', contractAddr]];
      for (const a of e.attributes) {
        const key = a.key.trim();
        if (key === '' || a.value.trim() === '') throw ComputeErrors.InvalidEvent.wrap('empty attribute key or value');
        if (key.startsWith('_')) throw ComputeErrors.InvalidEvent.wrap(`attribute key starts with "_": ${key}`);
        ea.push([key, a.value]);
      }
      ctx.events.emit(event(`wasm-${type}`, ea));
    }
    if (out.messages.length === 0) return out.data;
    const override = dispatchSubMessages(this, ctx, contract, msg.subarray(0, 64), out.messages, depth);
    return override === undefined ? out.data : override;
  }

  #contract(ctx: Context, addr: Uint8Array): ContractInfo {
    const info = this.state.getContractInfo(ctx, addr);
    if (!info) throw ComputeErrors.NotFound.wrap(`contract ${bech32Address(addr)}`);
    return info;
  }

  #keys(ctx: Context, addr: Uint8Array): ContractKeys {
    const k = this.state.getContractKey(ctx, addr);
    if (!k) throw ComputeErrors.NotFound.wrap(`contract key of ${bech32Address(addr)}`);
    return k.currentContractKey.length
      ? { og: k.ogContractKey, current: k.currentContractKey, currentProof: k.currentContractKeyProof }
      : { og: k.ogContractKey };
  }

  // ---- queries ----

  /** QuerySecretContract: the sealed answer, or a ContractCallError (`encrypted: …: query contract failed`). */
  query(ctx: Context, contract: Uint8Array, wire: Uint8Array, depth: number, sdkGasLimit: bigint): { data: Uint8Array; gasUsed: bigint } {
    const info = this.#contract(ctx, contract);
    const code = this.#codeRef(ctx, info.codeId);
    let wasmLimit = sdkGasLimit * WASM_PER_SDK;
    if (wasmLimit > MAX_WASM_GAS) wasmLimit = MAX_WASM_GAS;
    const res = this.enclave.queryContract({
      code,
      block: this.#blockEnv(ctx),
      contractAddress: bech32Address(contract),
      contractCanonical: contract,
      keys: this.#keys(ctx, contract),
      msg: wire,
      gasLimit: wasmLimit,
      store: this.state.contractStore(ctx, contract),
      querier: this.#querier(ctx),
      depth,
    });
    if (!res.ok) {
      const f = res.failure;
      const text = f.kind === 'contract' ? `encrypted: ${f.encrypted}` : f.kind === 'out_of_gas' ? 'out of gas' : f.message;
      throw new ContractCallError(ComputeErrors.QueryFailed.wrap(text), f);
    }
    return { data: res.data, gasUsed: BigInt(INSTANCE_COST) + res.gasUsed / WASM_PER_SDK + 1n };
  }

  /** Answers the contract's query_chain requests from this context's state. */
  #querier(ctx: Context): HostQuerier {
    return {
      smart: (contractAddress, _codeHash, wire, depth, gasLimit): HostQueryAnswer => {
        let addr: Uint8Array;
        try {
          addr = parseAddress(contractAddress, 'contract');
        } catch (e) {
          return system(`{"Err":{"invalid_request":{"error":${JSON.stringify((e as Error).message)},"request":""}}}`);
        }
        if (!this.state.hasContract(ctx, addr)) return system(`{"Err":{"no_such_contract":{"addr":${JSON.stringify(contractAddress)}}}}`);
        try {
          const r = this.query(ctx, addr, wire, depth, gasLimit);
          return { kind: 'contract_ok', data: r.data, gasUsed: r.gasUsed };
        } catch (e) {
          if (e instanceof ContractCallError) return { kind: 'contract_err', error: e.message, gasUsed: e.failure.gasUsed / WASM_PER_SDK + 1n };
          throw e;
        }
      },
      other: (request) => this.#plainQuery(ctx, request),
    };
  }

  /** Non-wasm QueryRequests a contract may make (bank balances); others are unsupported. */
  #plainQuery(ctx: Context, request: unknown): HostQueryAnswer {
    const ok = (value: unknown) => system(`{"Ok":{"Ok":${JSON.stringify(Buffer.from(JSON.stringify(value)).toString('base64'))}}}`);
    const r = request as Record<string, Record<string, Record<string, unknown>>>;
    const bankQ = r?.bank;
    const address = (a: string): Uint8Array | HostQueryAnswer => {
      try {
        return parseAddress(a);
      } catch (e) {
        return system(`{"Ok":{"Err":{"generic_err":{"msg":${JSON.stringify((e as Error).message)}}}}}`);
      }
    };
    if (bankQ?.balance && typeof bankQ.balance.address === 'string' && typeof bankQ.balance.denom === 'string') {
      const a = address(bankQ.balance.address);
      if (!(a instanceof Uint8Array)) return a;
      const c = this.bank.getBalance(ctx, a, bankQ.balance.denom);
      return ok({ amount: { denom: c.denom, amount: c.amount.toString() } });
    }
    if (bankQ?.all_balances && typeof bankQ.all_balances.address === 'string') {
      const a = address(bankQ.all_balances.address);
      if (!(a instanceof Uint8Array)) return a;
      const cs = this.bank.getAllBalances(ctx, a);
      return ok({ amount: cs.map((c) => ({ denom: c.denom, amount: c.amount.toString() })) });
    }
    const kind = request && typeof request === 'object' ? Object.keys(request)[0] ?? 'unknown' : 'unknown';
    return system(`{"Err":{"unsupported_request":{"kind":${JSON.stringify(kind)}}}}`);
  }
}

function system(json: string): HostQueryAnswer {
  return { kind: 'system', response: new TextEncoder().encode(json), gasUsed: 0n };
}

export function parseFunds(cs: readonly { denom: string; amount: string }[]): Coin[] {
  try {
    return coinsFromProto(cs);
  } catch (e) {
    throw SdkErrors.InvalidCoins.wrap((e as Error).message);
  }
}


// Contract execution inside the enclave: open the encrypted input, check who may call, run the
// contract in the vm over encrypting storage, and seal everything that leaves (secret-protocol §3–§9).
// The host sees ciphertext, public routing data and gas; never a plaintext message or state value.
import { concatBytes, fromHex, fromUtf8, toBase64, toUtf8, u64be } from '@scrtd/crypto';
import {
  envV010,
  envV1,
  GAS_MULTIPLIER,
  infoV1,
  parseQueryResult,
  parseResponseV010,
  parseResponseV1,
  VmRuntimeError,
  type Attribute,
  type EntryPoint,
  type Event,
  type Vm,
} from '@scrtd/vm';
import { verifyCallbackSignature, type Coin } from '../callback.js';
import { generateContractKey, verifyContractKey } from '../contract-key.js';
import { ctEqual, EnclaveCodedError } from '../errors.js';
import { encryptError, encryptQueryResult, errorPlaintext, openInput, openWithTx, sealWithTx, txKeyFor, type ContractOp, type ReplyParam, type TxKeyHandle } from '../io.js';
import type { EnclaveKeys } from '../keys.js';
import { ContractStateCipher, keyId, StateCache } from '../state.js';
import { adminProof, contractKeyProof, verifyAdminProof } from './admin.js';
import { MsgCounter } from './counter.js';
import { isObject, OutputError, REPLY_MAGIC, replySignature, sealAttributes, sealData, sealEvents, sealReplyId, sealSubMessages } from './outputs.js';
import { contractRandom, deriveBlockRandom } from './random.js';
import { EncryptingStorage } from './storage.js';
import { Lru } from './lru.js';
import type {
  CallFailure,
  CallResult,
  CodeRef,
  ContractKeys,
  ContractOutput,
  ContractStore,
  ExecuteRequest,
  HostQuerier,
  InitOutput,
  InitRequest,
  MigrateOutput,
  MigrateRequest,
  QueryRequest,
  QueryResult,
  ReplyRequest,
  UpdateAdminRequest,
} from './types.js';

/** Nested contract queries stop at this depth (§7.5 ExceededRecursionLimit). */
export const MAX_QUERY_DEPTH = 10;
/** Cap of any contract call's wasm gas (§8 MaxGas). */
export const MAX_WASM_GAS = 10_000_000_000n;
const WASM_PER_SDK = GAS_MULTIPLIER;
/** SDK gas charged for a query_chain request that is not valid JSON (§8). */
const INVALID_QUERY_GAS = 500n;

const HASH_HEX = 64;
const EMPTY = new Uint8Array(0);

class Failure extends Error {
  constructor(readonly failure: CallFailure) {
    super(failure.kind);
  }
}

const enclaveFailure = (message: string, gasUsed = 0n): Failure => new Failure({ kind: 'enclave', message, gasUsed });

/** Everything one run of an entry point needs. */
interface Run {
  code: CodeRef;
  entry: EntryPoint;
  op: ContractOp;
  msg: Uint8Array;
  tx: TxKeyHandle;
  replyParams: readonly ReplyParam[];
  block: ExecuteRequest['block'];
  contractAddress: string;
  transaction: ExecuteRequest['transaction'];
  gasLimit: bigint;
  store: ContractStore;
  querier: HostQuerier;
  inBlock: boolean;
  sender: string;
  funds: readonly Coin[];
  /** State is always encrypted with the og key (§5.1). */
  stateKey: Uint8Array;
  /** The key env.block.random is derived with (og / latest / new, §2.6). */
  randomKey: Uint8Array;
  /** Execute refunds the db_write pseudo-gas after the flush (§8); instantiate and migrate do not. */
  refundWritePseudoGas: boolean;
}

export class ContractEngine {
  readonly #keys: EnclaveKeys;
  readonly #vm: Vm;
  readonly #counter = new MsgCounter();
  /** State ciphers by og contract key: two HKDFs and four AES contexts saved per call. */
  readonly #ciphers = new Lru<string, ContractStateCipher>(256);
  /** (contract key, code hash, address) triples already authenticated. */
  readonly #verifiedKeys = new Lru<string, true>(1024);
  /** Copies of the last (keys, code hash, contract) that passed #checkKeys. */
  #lastVerified: { og: Uint8Array; current: Uint8Array | undefined; currentProof: Uint8Array | undefined; codeHash: string; contract: Uint8Array } | undefined;
  /** Stored keys and recent plaintexts of all contracts' state, under one bound (see StateCache). */
  readonly #stateCache = new StateCache();

  constructor(keys: EnclaveKeys, vm: Vm) {
    this.#keys = keys;
    this.#vm = vm;
  }

  blockRandom(height: bigint, headerHash: Uint8Array): Uint8Array {
    return deriveBlockRandom(this.#keys.initialRandomnessSeed, height, headerHash);
  }

  init(req: InitRequest): CallResult<InitOutput> {
    return this.#guard(() => {
      const opened = this.#open(req.msg, req.code.hash);
      this.#checkCallback(req.msg, req.funds, req.callbackSig);
      const codeHash = fromHex(req.code.hash);
      const contractKey = generateContractKey(this.#keys, req.senderCanonical, req.block.height, codeHash, req.contractCanonical);
      const proof = adminProof(this.#keys.adminProofSecret, req.adminCanonical, contractKey);
      const out = this.#run({
        ...this.#common(req),
        entry: req.code.apiVersion === 'v1' ? 'instantiate' : 'init',
        op: 'instantiate',
        msg: opened.msg,
        tx: opened.tx,
        replyParams: opened.replyParams,
        sender: req.sender,
        funds: req.funds,
        stateKey: contractKey,
        randomKey: contractKey,
        refundWritePseudoGas: false,
      });
      return { ...out, contractKey, adminProof: proof };
    });
  }

  execute(req: ExecuteRequest): CallResult<ContractOutput> {
    return this.#guard(() => {
      const opened = this.#open(req.msg, req.code.hash);
      this.#checkCallback(req.msg, req.funds, req.callbackSig);
      this.#checkKeys(req.keys, req.code, req.contractCanonical);
      // Spelled out, not `...this.#common(req)`: a spread into a literal takes V8's slow object-copy path.
      return this.#run({
        code: req.code,
        block: req.block,
        contractAddress: req.contractAddress,
        transaction: req.transaction,
        gasLimit: clampGas(req.gasLimit),
        store: req.store,
        querier: req.querier,
        inBlock: req.inBlock,
        entry: req.code.apiVersion === 'v1' ? 'execute' : 'handle',
        op: 'execute',
        msg: opened.msg,
        tx: opened.tx,
        replyParams: opened.replyParams,
        sender: req.sender,
        funds: req.funds,
        stateKey: req.keys.og,
        randomKey: req.keys.current ?? req.keys.og,
        refundWritePseudoGas: true,
      });
    });
  }

  reply(req: ReplyRequest): CallResult<ContractOutput> {
    return this.#guard(() => {
      if (req.code.apiVersion !== 'v1') throw enclaveFailure('Enclave: v0.10 contracts have no reply entry point');
      this.#checkKeys(req.keys, req.code, req.contractCanonical);
      const tx = this.#txKey(req.nonce, req.userPublicKey);
      const { msg, replyParams } = this.#openReply(tx, req);
      return this.#run({
        ...this.#common(req),
        entry: 'reply',
        op: 'reply to',
        msg,
        tx,
        replyParams,
        sender: '',
        funds: [],
        stateKey: req.keys.og,
        randomKey: req.keys.current ?? req.keys.og,
        refundWritePseudoGas: true,
      });
    });
  }

  migrate(req: MigrateRequest): CallResult<MigrateOutput> {
    return this.#guard(() => {
      // The message is encrypted for the new code (§6.5).
      const opened = this.#open(req.msg, req.code.hash);
      this.#checkCallback(req.msg, [], req.callbackSig);
      if (!verifyAdminProof(this.#keys.adminProofSecret, req.senderCanonical, req.keys.og, req.adminProof)) {
        throw enclaveFailure('Enclave: failed to validate transaction: the sender is not the contract admin');
      }
      const codeHash = fromHex(req.code.hash);
      const newKey = generateContractKey(this.#keys, req.senderCanonical, req.block.height, codeHash, req.contractCanonical, req.keys.og);
      const proof = contractKeyProof(this.#keys.contractKeyProofSecret, req.contractCanonical, codeHash, req.keys.og, newKey);
      const out = this.#run({
        ...this.#common(req),
        entry: 'migrate',
        op: 'migrate',
        msg: opened.msg,
        tx: opened.tx,
        replyParams: opened.replyParams,
        sender: req.sender,
        funds: [],
        stateKey: req.keys.og,
        randomKey: newKey,
        refundWritePseudoGas: false,
      });
      return { ...out, newContractKey: newKey, newContractKeyProof: proof };
    });
  }

  /** Checks the current admin's proof and returns the proof for the new admin (empty = cleared). */
  updateAdmin(req: UpdateAdminRequest): CallResult<{ adminProof: Uint8Array }> {
    return this.#guard(() => {
      if (req.callbackSig && !verifyCallbackSignature(this.#keys, EMPTY, [], req.callbackSig)) throw enclaveFailure('Enclave: failed to verify transaction signature');
      if (!verifyAdminProof(this.#keys.adminProofSecret, req.senderCanonical, req.keys.og, req.adminProof)) {
        throw enclaveFailure('Enclave: failed to validate transaction: the sender is not the contract admin');
      }
      return { adminProof: adminProof(this.#keys.adminProofSecret, req.newAdminCanonical, req.keys.og) };
    });
  }

  query(req: QueryRequest): QueryResult {
    return this.#guard(() => {
      const opened = this.#open(req.msg, req.code.hash);
      this.#checkKeys(req.keys, req.code, req.contractCanonical);
      const cipher = this.#cipher(req.keys.og);
      const storage = new EncryptingStorage(cipher, req.store);
      const api = req.code.apiVersion;
      // Go passes random = [0] to queries (§2.6, unconfirmed); only requires_random contracts see it.
      const env =
        api === 'v1'
          ? envV1({ block: req.block, random: req.code.requiresRandom ? Uint8Array.of(0) : undefined, contractAddress: req.contractAddress, codeHash: req.code.hash, transaction: null })
          : '';
      const res = this.#vm.call({
        codeHash: req.code.hash,
        wasm: this.#wasm(req.code),
        apiVersion: api,
        entry: 'query',
        env,
        msg: opened.msg,
        gasLimit: clampGas(req.gasLimit),
        storage,
        readOnly: true,
        querier: (request, gasLeft) => this.#chainQuery(request, opened.tx, req.depth, gasLeft, req.querier),
        kvGas: (op) => (op === 'read' ? storage.lastReadGas * WASM_PER_SDK : 0n),
      });
      if (!res.ok) throw new Failure(vmFailure(res.error, res.gasUsed));
      const parsed = parseQueryResult(res.result, api);
      if (!parsed.ok) throw new Failure({ kind: 'contract', encrypted: encryptError(opened.tx, api, parsed.error.raw), gasUsed: res.gasUsed });
      return { data: encryptQueryResult(opened.tx, toBase64(parsed.value)), gasUsed: res.gasUsed };
    });
  }

  #cipher(ogKey: Uint8Array): ContractStateCipher {
    // One char per byte: no Buffer copy and base64 pass per call.
    const id = keyId(ogKey);
    let c = this.#ciphers.get(id);
    if (!c) {
      c = new ContractStateCipher(this.#keys, ogKey, this.#stateCache);
      this.#ciphers.set(id, c);
    }
    return c;
  }

  #wasm(code: CodeRef): Uint8Array | undefined {
    return this.#vm.has(code.hash) ? undefined : code.wasm();
  }

  #common(req: Pick<ExecuteRequest, 'code' | 'block' | 'contractAddress' | 'transaction' | 'gasLimit' | 'store' | 'querier' | 'inBlock'>) {
    return {
      code: req.code,
      block: req.block,
      contractAddress: req.contractAddress,
      transaction: req.transaction,
      gasLimit: clampGas(req.gasLimit),
      store: req.store,
      querier: req.querier,
      inBlock: req.inBlock,
    };
  }

  #guard<T>(fn: () => T): CallResult<T> {
    try {
      return { ok: true, ...fn() } as CallResult<T>;
    } catch (e) {
      if (e instanceof Failure) return { ok: false, failure: e.failure };
      const f = asFailure(e);
      if (f) return { ok: false, failure: f };
      throw e;
    }
  }

  #open(wire: Uint8Array, codeHash: string) {
    try {
      return openInput(this.#keys, wire, codeHash);
    } catch (e) {
      if (e instanceof EnclaveCodedError) throw enclaveFailure(`Enclave: ${e.message}`);
      throw e;
    }
  }

  #txKey(nonce: Uint8Array, userPublicKey: Uint8Array): TxKeyHandle {
    try {
      return txKeyFor(this.#keys, nonce, userPublicKey);
    } catch (e) {
      if (e instanceof EnclaveCodedError) throw enclaveFailure(`Enclave: ${e.message}`);
      throw e;
    }
  }

  /** Contract-originated calls must carry the callback signature of their exact ciphertext and funds (§9.1). */
  #checkCallback(wire: Uint8Array, funds: readonly Coin[], sig: Uint8Array | undefined): void {
    if (sig === undefined || sig.length === 0) return;
    if (!verifyCallbackSignature(this.#keys, wire.subarray(64), funds, sig)) throw enclaveFailure('Enclave: failed to verify transaction signature');
  }

  /** The contract key must belong to this code and address; after a migration, with its proof (§5.1, §6.5). */
  #checkKeys(keys: ContractKeys, code: CodeRef, contract: Uint8Array): void {
    // The last verified tuple, compared byte by byte (a block mostly calls one hot contract).
    const last = this.#lastVerified;
    if (
      last !== undefined &&
      last.codeHash === code.hash &&
      sameBytes(last.og, keys.og) &&
      sameOptional(last.current, keys.current) &&
      sameOptional(last.currentProof, keys.currentProof) &&
      sameBytes(last.contract, contract)
    ) {
      return;
    }
    this.#checkKeysSlow(keys, code, contract);
    const copy = (b: Uint8Array | undefined) => (b === undefined ? undefined : new Uint8Array(b));
    this.#lastVerified = { og: new Uint8Array(keys.og), current: copy(keys.current), currentProof: copy(keys.currentProof), codeHash: code.hash, contract: new Uint8Array(contract) };
  }

  #checkKeysSlow(keys: ContractKeys, code: CodeRef, contract: Uint8Array): void {
    // One char per byte (keyId) and a length before each part: unambiguous, no Buffer copies or base64.
    const part = (b: Uint8Array | undefined) => (b ? `${b.length}:${keyId(b)}` : '-');
    const id = `${part(keys.og)}|${part(keys.current)}|${part(keys.currentProof)}|${code.hash}|${part(contract)}`;
    if (this.#verifiedKeys.get(id)) return;
    const hash = fromHex(code.hash);
    let ok: boolean;
    if (keys.current && keys.current.length > 0) {
      const proof = contractKeyProof(this.#keys.contractKeyProofSecret, contract, hash, keys.og, keys.current);
      ok = verifyContractKey(this.#keys, keys.current, hash, contract, keys.og) && keys.currentProof !== undefined && ctEqual(proof, keys.currentProof);
    } else {
      ok = verifyContractKey(this.#keys, keys.og, hash, contract);
    }
    if (!ok) throw enclaveFailure('Enclave: failed to validate transaction: the contract key does not match the code');
    this.#verifiedKeys.set(id, true);
  }

  /** Verify and open a Wasm reply (§9.2); plaintext replies pass through. */
  #openReply(tx: TxKeyHandle, req: ReplyRequest): { msg: Uint8Array; replyParams: ReplyParam[] } {
    const r = req.reply;
    if (!r.encrypted) {
      const result = 'ok' in r.result ? { ok: { events: r.result.ok.events, data: r.result.ok.data === null ? null : toBase64(r.result.ok.data) } } : { error: r.result.error };
      return { msg: toUtf8(`{"id":${r.id.toString()},"result":${JSON.stringify(result)}}`), replyParams: [] };
    }
    const signed = 'ok' in r.result ? { ok: { data: r.result.ok.data } } : { error: r.result.error };
    if (!ctEqual(replySignature(this.#keys, r.id, signed), r.signature)) throw enclaveFailure('Enclave: failed to verify transaction signature');
    const idPlain = fromUtf8(openWithTx(tx, r.id));
    const ownHash = idPlain.slice(0, HASH_HEX).toLowerCase();
    if (ownHash !== req.code.hash) throw enclaveFailure('Enclave: failed to validate transaction');
    let rest = idPlain.slice(HASH_HEX);
    const replyParams: ReplyParam[] = [];
    while (rest.startsWith(REPLY_MAGIC)) {
      const bytes = toUtf8(rest);
      const id = new DataView(bytes.buffer, bytes.byteOffset + REPLY_MAGIC.length, 8).getBigUint64(0);
      replyParams.push({ subMsgId: id, codeHashHex: rest.slice(REPLY_MAGIC.length + 8, REPLY_MAGIC.length + 8 + HASH_HEX) });
      rest = rest.slice(REPLY_MAGIC.length + 8 + HASH_HEX);
    }
    if (!/^\d+$/.test(rest)) throw enclaveFailure('Enclave: failed to validate transaction');
    const stripHash = (sealed: Uint8Array): string => {
      const text = fromUtf8(openWithTx(tx, sealed));
      if (text.slice(0, HASH_HEX).toLowerCase() !== ownHash) throw enclaveFailure('Enclave: failed to validate transaction');
      return text.slice(HASH_HEX);
    };
    let result: string;
    if ('ok' in r.result) {
      const data = r.result.ok.data === null ? 'null' : JSON.stringify(stripHash(r.result.ok.data));
      result = `{"ok":{"events":${JSON.stringify(r.result.ok.events)},"data":${data}}}`;
    } else {
      result = `{"error":${JSON.stringify(stripHash(r.result.error))}}`;
    }
    return { msg: toUtf8(`{"id":${rest},"result":${result}}`), replyParams };
  }

  #run(p: Run): ContractOutput {
    const api = p.code.apiVersion;
    const height = p.block.height;
    let random: Uint8Array | undefined;
    if (api === 'v1' && p.code.requiresRandom) {
      if (!p.block.random) throw enclaveFailure('Enclave: no block random for a contract that requires it');
      random = contractRandom(p.block.random, height, p.randomKey, p.inBlock ? this.#counter.forRandom(height) : 0n);
    }
    const counter = p.inBlock ? this.#counter.advance(height) : 0n;
    const salt = stateSalt(p.block.timeNs, height, counter);
    const cipher = this.#cipher(p.stateKey);
    const storage = new EncryptingStorage(cipher, p.store);
    let pseudoGas = 0n;
    const env =
      api === 'v1'
        ? envV1({ block: p.block, random, contractAddress: p.contractAddress, codeHash: p.code.hash, transaction: p.transaction })
        : envV010({ block: p.block, sender: p.sender, sentFunds: p.funds, contractAddress: p.contractAddress, codeHash: p.code.hash });
    const withInfo = api === 'v1' && (p.entry === 'instantiate' || p.entry === 'execute');
    const res = this.#vm.call({
      codeHash: p.code.hash,
      wasm: this.#wasm(p.code),
      apiVersion: api,
      entry: p.entry,
      env,
      info: withInfo ? infoV1({ sender: p.sender, funds: p.funds }) : undefined,
      msg: p.msg,
      gasLimit: p.gasLimit,
      storage,
      readOnly: false,
      querier: (request, gasLeft) => this.#chainQuery(request, p.tx, 1, gasLeft, p.querier),
      kvGas: (op, _key, value) => {
        if (op === 'read') return storage.lastReadGas * WASM_PER_SDK;
        if (op === 'write') pseudoGas += 2_000n + 5_000n * BigInt(value?.length ?? 0);
        return 0n;
      },
    });
    if (!res.ok) throw new Failure(vmFailure(res.error, res.gasUsed));

    const parsed = api === 'v1' ? parseResponseV1(res.result) : parseResponseV010(res.result);
    if (!parsed.ok) {
      const raw = parsed.error.raw;
      if (p.replyParams.length === 0) throw new Failure({ kind: 'contract', encrypted: encryptError(p.tx, api, raw), gasUsed: res.gasUsed });
      // Answering a sub-message: the error is sealed with the caller's hash in front, plus the reply id and signature (§9.2).
      const sealed = sealWithTx(p.tx, toUtf8(p.replyParams[0]!.codeHashHex + errorPlaintext(api, raw)));
      const id = sealReplyId(p.tx, p.replyParams);
      throw new Failure({
        kind: 'contract',
        encrypted: toBase64(sealed),
        internalReply: { id, signature: replySignature(this.#keys, id, { error: sealed }) },
        gasUsed: res.gasUsed,
      });
    }
    const value = parsed.value;
    const attrs: Attribute[] = 'log' in value ? value.log : value.attributes;
    const events: Event[] = 'events' in value ? value.events : [];
    let messages;
    try {
      messages = sealSubMessages(
        { keys: this.#keys, tx: p.tx, ownCodeHash: p.code.hash, inherited: p.replyParams, apiVersion: api, contractAddress: p.contractAddress },
        value.messages,
      );
    } catch (e) {
      if (e instanceof OutputError) throw enclaveFailure(`Enclave: ${e.message}`, res.gasUsed);
      throw e;
    }
    const flushGas = storage.flush(salt, random) * WASM_PER_SDK;
    let gasUsed = res.gasUsed + flushGas - (p.refundWritePseudoGas ? pseudoGas : 0n);
    if (gasUsed < 0n) gasUsed = 0n;
    if (gasUsed > p.gasLimit) throw new Failure({ kind: 'out_of_gas', gasUsed: p.gasLimit });

    const data = value.data === null ? (p.replyParams.length ? EMPTY : null) : value.data;
    const sealedData = data === null ? null : sealData(p.tx, data, p.replyParams);
    const out: ContractOutput = { data: sealedData, attributes: sealAttributes(p.tx, attrs), events: sealEvents(p.tx, events), messages, gasUsed };
    if (p.replyParams.length) {
      const id = sealReplyId(p.tx, p.replyParams);
      out.internalReply = { id, signature: replySignature(this.#keys, id, { ok: { data: sealedData } }) };
    }
    return out;
  }

  /** query_chain from a contract (§9.4): wasm queries are encrypted with the caller's tx key. */
  #chainQuery(request: Uint8Array, tx: TxKeyHandle, depth: number, gasLeft: bigint, host: HostQuerier): { response: Uint8Array; gasUsed: bigint } {
    const answer = (json: string, sdkGas = 0n) => ({ response: toUtf8(json), gasUsed: sdkGas * WASM_PER_SDK });
    let req: unknown;
    try {
      req = JSON.parse(fromUtf8(request));
    } catch (e) {
      return answer(`{"Err":{"invalid_request":{"error":${JSON.stringify(`Parsing QueryRequest: ${(e as Error).message}`)},"request":${JSON.stringify(toBase64(request))}}}}`, INVALID_QUERY_GAS);
    }
    const sdkLimit = gasLeft / WASM_PER_SDK;
    const smart = isObject(req) && isObject(req.wasm) && isObject(req.wasm.smart) ? req.wasm.smart : undefined;
    if (!smart) {
      const a = host.other(req, depth + 1, sdkLimit);
      return { response: a.kind === 'system' ? a.response : toUtf8('{"Err":{"unknown":{}}}'), gasUsed: a.gasUsed * WASM_PER_SDK };
    }
    if (depth + 1 >= MAX_QUERY_DEPTH) return answer('{"Err":{"exceeded_recursion_limit":{}}}');
    const addr = smart.contract_addr;
    const hash = smart.code_hash ?? smart.callback_code_hash;
    const msgB64 = smart.msg;
    if (typeof addr !== 'string' || typeof hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hash) || typeof msgB64 !== 'string') {
      return answer(`{"Err":{"invalid_request":{"error":"wasm.smart needs contract_addr, code_hash and a base64 msg","request":${JSON.stringify(toBase64(request))}}}}`);
    }
    const ct = sealWithTx(tx, concatBytes(toUtf8(hash.toLowerCase()), new Uint8Array(Buffer.from(msgB64, 'base64'))));
    const wire = concatBytes(tx.nonce, tx.userPublicKey, ct);
    const a = host.smart(addr, hash.toLowerCase(), wire, depth + 1, sdkLimit);
    const gasUsed = a.gasUsed * WASM_PER_SDK;
    if (a.kind === 'system') return { response: a.response, gasUsed };
    if (a.kind === 'contract_ok') {
      // The callee sealed the base64 text of its answer (§4.4); hand the contract that base64.
      let text: string;
      try {
        text = fromUtf8(openWithTx(tx, a.data));
      } catch {
        return { response: toUtf8('{"Err":{"invalid_response":{"error":"failed to decrypt the query answer","response":""}}}'), gasUsed };
      }
      return { response: toUtf8(`{"Ok":{"Ok":${JSON.stringify(text)}}}`), gasUsed };
    }
    const m = /encrypted: ([A-Za-z0-9+/=]+): query contract failed/.exec(a.error);
    if (!m) return { response: toUtf8(`{"Ok":{"Err":{"generic_err":{"msg":${JSON.stringify(a.error)}}}}}`), gasUsed };
    let plain: string;
    try {
      plain = fromUtf8(openWithTx(tx, new Uint8Array(Buffer.from(m[1]!, 'base64'))));
    } catch {
      return { response: toUtf8(`{"Ok":{"Err":{"generic_err":{"msg":${JSON.stringify(a.error)}}}}}`), gasUsed };
    }
    // v0.10 callees fail with a StdError object; v1 callees with a string, surfaced as generic_err.
    let err: string;
    try {
      const parsed = JSON.parse(plain) as unknown;
      err = isObject(parsed) ? plain : JSON.stringify({ generic_err: { msg: plain } });
    } catch {
      err = JSON.stringify({ generic_err: { msg: plain } });
    }
    return { response: toUtf8(`{"Ok":{"Err":${err}}}`), gasUsed };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const sameOptional = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean => (a === undefined || b === undefined ? a === b : sameBytes(a, b));

/** u64be(time ns) ‖ u64be(height) ‖ u64be(counter) (§5.2), written in place: one array, not four. */
function stateSalt(timeNs: bigint, height: bigint, counter: bigint): Uint8Array {
  // Out of u64 range: u64be throws its EncodingError, as before (setBigUint64 would wrap silently).
  if (!isU64(timeNs) || !isU64(height) || !isU64(counter)) return concatBytes(u64be(timeNs), u64be(height), u64be(counter));
  // A reused scratch view, then one small copy: `.buffer` of a fresh small array would cost V8 an off-heap copy.
  SALT_VIEW.setBigUint64(0, timeNs);
  SALT_VIEW.setBigUint64(8, height);
  SALT_VIEW.setBigUint64(16, counter);
  return SALT_BYTES.slice();
}

const SALT_BYTES = new Uint8Array(24);
const SALT_VIEW = new DataView(SALT_BYTES.buffer);

const U64_MAX = (1n << 64n) - 1n;
const isU64 = (v: bigint): boolean => typeof v === 'bigint' && v >= 0n && v <= U64_MAX;

function clampGas(g: bigint): bigint {
  if (g < 0n) return 0n;
  return g > MAX_WASM_GAS ? MAX_WASM_GAS : g;
}

/** Texts of the enclave's failure classes (§4.3). Deterministic: they depend only on code, input and gas. */
function vmFailure(e: VmRuntimeError, gasUsed: bigint): CallFailure {
  switch (e.code) {
    case 'out_of_gas':
      return { kind: 'out_of_gas', gasUsed };
    case 'stack_overflow':
      return { kind: 'enclave', message: 'Enclave: the contract panicked: call stack exhausted', gasUsed };
    case 'panic':
    case 'region':
    case 'sections':
      return { kind: 'enclave', message: 'Enclave: the contract panicked', gasUsed };
    case 'unauthorized_write':
      return { kind: 'enclave', message: 'Enclave: contract tried to write to storage during a query', gasUsed };
    case 'instantiate':
    case 'missing_code':
      return { kind: 'enclave', message: `Enclave: tried to load invalid wasm code: ${e.message}`, gasUsed };
    case 'missing_entry':
      return { kind: 'enclave', message: `Enclave: ${e.message}`, gasUsed };
    case 'invalid_result':
      return { kind: 'enclave', message: `Enclave: ${e.message}`, gasUsed };
    case 'unsupported':
      return { kind: 'enclave', message: `Enclave: ${e.message}`, gasUsed };
  }
}

function asFailure(e: unknown): CallFailure | undefined {
  if (e instanceof EnclaveCodedError) return { kind: 'enclave', message: `Enclave: ${e.message}`, gasUsed: 0n };
  if (e instanceof VmRuntimeError) return vmFailure(e, 0n);
  return undefined;
}

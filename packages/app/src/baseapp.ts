// BaseApp: the Application interface over a CommitMultiStore and a set of modules.
// Synchronous, deterministic state transitions: time comes from the header, iteration is by key.
import type { CacheMultiStore, CommitMultiStore } from '@scrtd/store';
import type * as abci from './abci/types.js';
import type { RestRoute } from './abci/routes.js';
import type { AppModule, MsgHandler, QueryHandler } from './module.js';
import { Context, type ExecMode } from './context.js';
import { BasicGasMeter, InfiniteGasMeter, OutOfGasError, clampGas } from './gas.js';
import { CosmosError, GrpcCode, GrpcError, SdkErrors, ErrorKind, toCosmosError } from './errors.js';
import { DecodedTxCache, type DecodedMsg, type DecodedTx } from './tx/decode.js';
import { encodeTxMsgResponses } from './tx/msg-data.js';
import { runAnte, collectSigChecks, type AnteDeps } from './ante/ante.js';
import { VerifierPool, type SigCheck } from './ante/verifier-pool.js';
import { attr } from './events.js';
import { Any, SimulateRequest, SimulateResponse, TxMsgData } from './proto.js';
import type { Logger } from './logger.js';
import { noopLogger } from './logger.js';
import { bech32Address as bech32 } from './addresses.js';
import { sha256, toHex } from '@scrtd/crypto';

export interface BaseAppOptions {
  chainId: string;
  /** Largest tx accepted by CheckTx, in bytes (CometBFT's mempool default is 1 MiB). */
  maxTxBytes: number;
  appVersion: string;
  /** Worker threads that pre-verify signatures for CheckTx (0 = verify inline only). */
  verifierThreads?: number;
}

export interface BaseAppDeps {
  store: CommitMultiStore;
  modules: readonly AppModule[];
  ante: AnteDeps;
  logger?: Logger;
}

const PanicError = new ErrorKind('undefined', 111222, 'panic', GrpcCode.Internal);
const SIMULATE_PATH = '/cosmos.tx.v1beta1.Service/Simulate';
const GENESIS_TIME_HEADER = (h: number, time: string, timeNs: bigint, chainId: string): abci.BlockHeaderInfo => ({
  height: h,
  time,
  timeNs,
  chainId,
  proposerAddress: new Uint8Array(20),
  hash: new Uint8Array(32),
});

interface TxOutcome {
  result: abci.ExecTxResult;
  priority: bigint;
  sender: string;
}

function rfc3339ToNs(t: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(t);
  if (!m) throw SdkErrors.InvalidRequest.wrap(`invalid time ${t}`);
  const secs = BigInt(Date.parse(`${m[1]}Z`) / 1000);
  return secs * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

export class BaseApp implements abci.Application {
  readonly routes: RestRoute[];
  private readonly router = new Map<string, MsgHandler>();
  private readonly queryRouter = new Map<string, QueryHandler>();
  private readonly store: CommitMultiStore;
  private readonly appModules: readonly AppModule[];
  private readonly anteDeps: AnteDeps;
  private readonly log: Logger;
  private readonly decoded: DecodedTxCache;
  private checkState: CacheMultiStore;
  private checkHeader: abci.BlockHeaderInfo;
  private finalize?: { cache: CacheMultiStore; header: abci.BlockHeaderInfo };
  private blockTxIndex = 0;
  private readonly pool?: VerifierPool;
  private batch: { checks: SigCheck[]; done: Promise<void> } | undefined;
  /** Signers' account numbers, for preverify only (see collectSigChecks); new ones are announced. */
  private readonly preverifyAccountNumbers = new AnnouncingMap();

  constructor(private readonly opts: BaseAppOptions, deps: BaseAppDeps) {
    this.store = deps.store;
    this.appModules = deps.modules;
    this.anteDeps = deps.ante;
    this.log = deps.logger ?? noopLogger;
    for (const m of deps.modules) {
      for (const h of m.msgs ?? []) {
        if (this.router.has(h.typeUrl)) throw new Error(`duplicate message route ${h.typeUrl}`);
        this.router.set(h.typeUrl, h);
      }
      for (const q of m.queries ?? []) this.queryRouter.set(q.path, q);
    }
    this.routes = deps.modules.flatMap((m) => m.routes ?? []);
    this.decoded = new DecodedTxCache(this.router);
    if ((opts.verifierThreads ?? 0) > 0) this.pool = new VerifierPool(opts.verifierThreads!);
    this.checkState = this.store.branch();
    this.checkHeader = GENESIS_TIME_HEADER(this.store.latestHeight() + 1, '1970-01-01T00:00:00.000000000Z', 0n, opts.chainId);
  }

  get chainId(): string {
    return this.opts.chainId;
  }

  info(): abci.ResponseInfo {
    return {
      data: 'scrtd',
      version: this.opts.appVersion,
      appVersion: 0n,
      lastBlockHeight: this.store.latestHeight(),
      lastBlockAppHash: this.store.latestAppHash(),
    };
  }

  initChain(req: abci.RequestInitChain): abci.ResponseInitChain {
    if (req.chainId !== this.opts.chainId) throw new Error(`genesis chain id ${req.chainId} does not match the app's ${this.opts.chainId}`);
    if (this.store.latestHeight() !== 0) throw new Error('InitChain on a store that already holds blocks');
    const header = GENESIS_TIME_HEADER(req.initialHeight, req.time, rfc3339ToNs(req.time), req.chainId);
    const cache = this.store.branch();
    const ctx = Context.create({ store: cache, header, chainId: req.chainId, gasMeter: new InfiniteGasMeter(), mode: 'genesis' });
    const appState = JSON.parse(new TextDecoder().decode(req.appStateBytes)) as Record<string, unknown>;
    for (const m of this.appModules) m.initGenesis?.(ctx, appState[m.name] ?? m.defaultGenesis?.());
    // As in SDK 0.50, genesis state is committed together with the first block.
    this.finalize = { cache, header };
    return { validators: req.validators, appHash: this.store.latestAppHash() };
  }

  checkTx(req: abci.RequestCheckTx): abci.ResponseCheckTx {
    const mode: ExecMode = req.type === 1 ? 'recheck' : 'check';
    if (req.tx.length > this.opts.maxTxBytes) {
      const err = SdkErrors.TxTooLarge.wrap(`tx too large. Max size is ${this.opts.maxTxBytes}, but got ${req.tx.length}`);
      return { ...errorResult(err, 0n, 0n, []), priority: 0n, sender: '' };
    }
    const out = this.runTx(mode, req.tx, this.checkState, this.checkHeader);
    return { ...out.result, priority: out.priority, sender: out.sender };
  }

  /**
   * Verify the signatures of `txs` on worker threads ahead of CheckTx. Only fills the verified-signature
   * cache, so it never changes an outcome; calls made in the same tick share one batch.
   */
  preverify(txs: readonly Uint8Array[]): Promise<void> {
    if (!this.pool) return Promise.resolve();
    const ctx = Context.create({ store: this.checkState, header: this.checkHeader, chainId: this.opts.chainId, gasMeter: new InfiniteGasMeter(), mode: 'check' });
    const checks: SigCheck[] = [];
    for (const bytes of txs) {
      try {
        for (const c of collectSigChecks(ctx, this.decoded.decode(bytes), this.anteDeps.auth, this.preverifyAccountNumbers)) checks.push(c);
      } catch {
        // Undecodable: CheckTx will say why.
      }
    }
    // Signatures already verified where the tx arrived (onAccountNumber) need no worker.
    const sigCache = this.anteDeps.sigCache;
    let n = 0;
    for (const c of checks) if (!sigCache.has(c.digest, c.signature, c.pubkey)) checks[n++] = c;
    checks.length = n;
    if (checks.length === 0) return Promise.resolve();
    // A large batch goes to the workers at once (they run while this thread executes a block); single
    // txs arriving from the network are grouped until the event loop turns.
    if (checks.length >= 64) return this.verifyOnPool(checks);
    if (this.batch) {
      this.batch.checks.push(...checks);
      return this.batch.done;
    }
    const batch: { checks: SigCheck[]; done: Promise<void> } = { checks, done: Promise.resolve() };
    batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.batch = undefined;
      return this.verifyOnPool(batch.checks);
    });
    this.batch = batch;
    return batch.done;
  }

  private async verifyOnPool(checks: SigCheck[]): Promise<void> {
    const ok = await this.pool!.verify(checks);
    checks.forEach((c, i) => {
      if (ok[i]) this.anteDeps.sigCache.remember(c.digest, c.signature, c.pubkey);
    });
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  prepareProposal(req: abci.RequestPrepareProposal): abci.ResponsePrepareProposal {
    const txs: Uint8Array[] = [];
    let bytes = 0n;
    for (const tx of req.txs) {
      if (bytes + BigInt(tx.length) > req.maxTxBytes) break;
      bytes += BigInt(tx.length);
      txs.push(tx);
    }
    return { txs };
  }

  processProposal(_req: abci.RequestProcessProposal): abci.ResponseProcessProposal {
    return { status: 1 };
  }

  finalizeBlock(req: abci.RequestFinalizeBlock): abci.ResponseFinalizeBlock {
    const expected = this.store.latestHeight() + 1;
    if (req.header.height !== expected) throw new Error(`FinalizeBlock height ${req.header.height}, expected ${expected}`);
    if (!this.finalize) this.finalize = { cache: this.store.branch(), header: req.header };
    this.finalize.header = req.header;
    const { cache } = this.finalize;
    const blockCtx = Context.create({ store: cache, header: req.header, chainId: this.opts.chainId, gasMeter: new InfiniteGasMeter(), mode: 'finalize' });
    this.blockTxIndex = 0;
    for (const m of this.appModules) m.beginBlock?.(blockCtx);
    const beginEvents = blockCtx.events.events.map((e) => ({ ...e, attributes: [...e.attributes, { key: 'mode', value: 'BeginBlock', index: true }] }));
    const txResults = req.txs.map((tx) => {
      const result = this.runTx('finalize', tx, cache, req.header).result;
      this.decoded.forget(tx);
      return result;
    });
    const endCtx = Context.create({ store: cache, header: req.header, chainId: this.opts.chainId, gasMeter: new InfiniteGasMeter(), mode: 'finalize' });
    for (const m of this.appModules) m.endBlock?.(endCtx);
    const endEvents = endCtx.events.events.map((e) => ({ ...e, attributes: [...e.attributes, { key: 'mode', value: 'EndBlock', index: true }] }));
    // ABCI 2.0: the app hash of the block's resulting state is known here, before Commit.
    return { events: [...beginEvents, ...endEvents], txResults, validatorUpdates: [], appHash: this.store.workingHash(cache) };
  }

  async commit(aux?: Iterable<[Uint8Array, Uint8Array]>): Promise<abci.ResponseCommit & { appHash: Uint8Array }> {
    if (!this.finalize) throw new Error('Commit without FinalizeBlock');
    const { cache, header } = this.finalize;
    this.finalize = undefined;
    const res = await this.store.commit(header.height, cache, aux);
    this.resetCheckState(header);
    this.log.debug('committed', { height: res.height });
    return { retainHeight: 0, appHash: res.appHash };
  }

  /**
   * CheckTx state restarts from the committed state of the block `header` (the mempool re-checks
   * what it still holds). Commit calls it; a CheckTx thread over a follower store calls it once it
   * follows the new height.
   */
  resetCheckState(header: abci.BlockHeaderInfo): void {
    this.checkState = this.store.branch();
    this.checkHeader = { ...header, height: header.height + 1 };
  }

  /** Signatures verified elsewhere (a CheckTx thread): FinalizeBlock need not verify them again. */
  rememberSignatures(sigs: readonly abci.VerifiedSignature[]): void {
    for (const s of sigs) this.anteDeps.sigCache.remember(s.digest, s.signature, s.pubkey);
  }

  onAccountNumber(listener: (address: string, accountNumber: bigint) => void): void {
    this.preverifyAccountNumbers.listeners.push(listener);
  }

  /** Be told of each signature this app verifies itself (the CheckTx thread's side of rememberSignatures). */
  onSignatureVerified(listener: ((sig: abci.VerifiedSignature) => void) | undefined): void {
    this.anteDeps.sigCache.onVerified = listener && ((digest, signature, pubkey) => listener({ digest, signature, pubkey }));
  }

  query(req: abci.RequestQuery): abci.ResponseQuery {
    const latest = this.store.latestHeight();
    const height = req.height === 0 ? latest : req.height;
    try {
      if (latest === 0) throw new GrpcError(GrpcCode.FailedPrecondition, 'no blocks have been committed yet');
      if (height > latest) throw new GrpcError(GrpcCode.InvalidArgument, `cannot query with height in the future; please provide a valid height`);
      if (height < this.store.earliestHeight()) throw new GrpcError(GrpcCode.InvalidArgument, `failed to load state at height ${height}; version does not exist (latest height: ${latest})`);
      if (req.path === SIMULATE_PATH) return { ...okQuery(this.simulate(req.data)), height: latest };
      const handler = this.queryRouter.get(req.path);
      if (!handler) throw new GrpcError(GrpcCode.Unimplemented, `unknown query path ${req.path}`);
      const header = { ...this.checkHeader, height };
      const ctx = new Context(this.store.readerAt(height), { header, chainId: this.opts.chainId, gasMeter: new InfiniteGasMeter(), mode: 'query' });
      return { ...okQuery(handler.handle(ctx, req.data)), height };
    } catch (e) {
      return queryError(e, height);
    }
  }

  private simulate(reqBytes: Uint8Array): Uint8Array {
    const req = SimulateRequest.decode(reqBytes);
    if (req.txBytes.length === 0) throw new GrpcError(GrpcCode.InvalidArgument, 'empty txBytes is not allowed');
    const out = this.runTx('simulate', req.txBytes, this.checkState.branch(), this.checkHeader);
    const r = out.result;
    if (r.code !== 0) {
      throw new GrpcError(GrpcCode.Unknown, `${r.log} With gas wanted: '${r.gasWanted}' and gas used: '${r.gasUsed}' `);
    }
    const msgResponses = r.data.length ? TxMsgData.decode(r.data).msgResponses : [];
    return SimulateResponse.encode({
      gasInfo: { gasWanted: r.gasWanted, gasUsed: r.gasUsed },
      result: { data: new Uint8Array(), log: '', events: r.events.map(toProtoEvent), msgResponses },
    }).finish();
  }

  /** Decode → ante (in a branch) → messages (in a branch); fee and sequence stay even if messages fail. */
  private runTx(mode: ExecMode, txBytes: Uint8Array, state: CacheMultiStore, header: abci.BlockHeaderInfo): TxOutcome {
    let tx: DecodedTx;
    try {
      tx = this.decoded.decode(txBytes);
    } catch (e) {
      return { result: errorResult(toCosmosError(e), 0n, 0n, []), priority: 0n, sender: '' };
    }
    const gasWanted = tx.authInfo.fee?.gasLimit ?? 0n;
    const meter = mode === 'simulate' ? new InfiniteGasMeter() : new BasicGasMeter(clampGas(gasWanted));
    const anteCache = state.branch();
    const anteCtx = Context.create({ store: anteCache, header, chainId: this.opts.chainId, gasMeter: meter, mode });
    let priority = 0n;
    try {
      priority = runAnte(anteCtx, tx, this.anteDeps).priority;
    } catch (e) {
      return { result: errorResult(this.classify(e), gasWanted, BigInt(meter.consumed()), []), priority: 0n, sender: '' };
    }
    anteCache.write();
    const anteEvents = anteCtx.events.events;
    const sender = tx.signers.length ? anteSender(tx) : '';
    if (mode === 'check' || mode === 'recheck') {
      return { result: { code: 0, codespace: '', data: new Uint8Array(), log: '', info: '', gasWanted, gasUsed: BigInt(meter.consumed()), events: anteEvents }, priority, sender };
    }

    // env.transaction of contracts: the index among this block's txs that passed the ante handler.
    const txInfo = mode === 'finalize' ? lazyTxInfo(this.blockTxIndex++, txBytes) : undefined;
    const msgCache = state.branch();
    const events = [...anteEvents];
    const responses: Any[] = [];
    try {
      tx.msgs.forEach((m, i) => {
        const msgCtx = Context.create({ store: msgCache, header, chainId: this.opts.chainId, gasMeter: meter, mode, tx: txInfo });
        let resp;
        try {
          resp = m.handler.handle(msgCtx, m.msg);
        } catch (e) {
          // Out of gas is reported by runTx's recovery in the SDK, without the message-index prefix.
          if (e instanceof OutOfGasError) throw e;
          throw this.classify(e).wrap(`failed to execute message; message index: ${i}`);
        }
        responses.push(resp);
        const own = msgCtx.events.events;
        const msgEvent: abci.AbciEvent = { type: 'message', attributes: [attr('action', m.typeUrl)] };
        const sender = msgSender(m);
        if (sender !== undefined) msgEvent.attributes.push(attr('sender', sender));
        if (!own.some((e) => e.attributes.some((a) => a.key === 'module'))) {
          const moduleName = m.typeUrl.split('.')[1];
          if (moduleName) msgEvent.attributes.push(attr('module', moduleName));
        }
        // What withMsgIndex([msgEvent, ...own], i) returns, pushed without the intermediate arrays.
        const index = String(i);
        events.push(withIndex(msgEvent, index));
        for (const e of own) events.push(withIndex(e, index));
      });
    } catch (e) {
      return { result: errorResult(this.classify(e), gasWanted, BigInt(meter.consumed()), anteEvents), priority, sender };
    }
    msgCache.write();
    const data = encodeTxMsgResponses(responses) ?? TxMsgData.encode({ data: [], msgResponses: responses.map((r) => Any.fromPartial(r)) }).finish();
    return { result: { code: 0, codespace: '', data, log: '', info: '', gasWanted, gasUsed: BigInt(meter.consumed()), events }, priority, sender };
  }

  private classify(e: unknown): CosmosError {
    if (e instanceof OutOfGasError) return e.toCosmos();
    if (e instanceof CosmosError) return e;
    // Anything else is a bug; report it the way the SDK reports a recovered panic.
    this.log.error('unexpected error during tx execution', { err: e instanceof Error ? e.stack : String(e) });
    return PanicError.wrap(e instanceof Error ? e.message : String(e));
  }
}


/** The tx's position and hash; the hash is computed only if a contract asks for it. */
function lazyTxInfo(index: number, txBytes: Uint8Array): { index: number; readonly hash: string } {
  let hash: string | undefined;
  return {
    index,
    get hash() {
      return (hash ??= toHex(sha256(txBytes)).toUpperCase());
    },
  };
}

function anteSender(tx: DecodedTx): string {
  // A pure function of the tx: kept on the decoded tx for CheckTx and every recheck.
  return (tx.anteSender ??= `${bech32(tx.signers[0]!)}/${tx.authInfo.signerInfos[0]?.sequence ?? 0n}`);
}

/** bech32 of the message's first signer (the message event's sender), kept on the decoded message. */
function msgSender(m: DecodedMsg): string | undefined {
  if (m.sender === undefined) {
    const signer = m.handler.signers(m.msg)[0];
    m.sender = signer ? bech32(signer) : null;
  }
  return m.sender ?? undefined;
}

/** The event with a msg_index attribute appended (a copy, as withMsgIndex makes). */
function withIndex(e: abci.AbciEvent, index: string): abci.AbciEvent {
  return { type: e.type, attributes: [...e.attributes, attr('msg_index', index)] };
}

function errorResult(err: CosmosError, gasWanted: bigint, gasUsed: bigint, events: abci.AbciEvent[]): abci.ExecTxResult {
  return { code: err.code, codespace: err.codespace, data: new Uint8Array(), log: err.message, info: '', gasWanted, gasUsed, events };
}

function okQuery(value: Uint8Array): Omit<abci.ResponseQuery, 'height'> {
  return { code: 0, codespace: '', log: '', value, grpcCode: GrpcCode.OK };
}

function queryError(e: unknown, height: number): abci.ResponseQuery {
  if (e instanceof GrpcError) return { code: 1, codespace: 'grpc', log: e.message, value: new Uint8Array(), height, grpcCode: e.grpcCode };
  const err = e instanceof OutOfGasError ? e.toCosmos() : toCosmosError(e);
  return { code: err.code, codespace: err.codespace, log: err.message, value: new Uint8Array(), height, grpcCode: err.grpcCode };
}

function toProtoEvent(e: abci.AbciEvent) {
  return { type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })) };
}

/** A Map that tells its listeners of every entry set (the account numbers preverify learns). */
class AnnouncingMap extends Map<string, bigint> {
  readonly listeners: ((key: string, value: bigint) => void)[] = [];

  override set(key: string, value: bigint): this {
    super.set(key, value);
    for (const l of this.listeners) l(key, value);
    return this;
  }
}

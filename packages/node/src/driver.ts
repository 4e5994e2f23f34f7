// The single-validator block driver: this node is the only proposer and signs every block with its
// consensus key. Each block goes through the Application door in ABCI order — PrepareProposal,
// ProcessProposal, FinalizeBlock, Commit (with the block store and tx index as aux records, so they
// commit atomically with the state) — then the mempool is rechecked.
//
// Timing: a block is produced `blockTimeMs` after the previous one started when txs are waiting,
// and `emptyBlockIntervalMs` after it when the mempool is empty (default: equal, i.e. one block per
// interval like CometBFT with create_empty_blocks). A tx arriving while no block is due sooner
// pulls the next block forward to lastBlockStart + blockTimeMs: never more often than blockTimeMs.
// On a fresh chain InitChain runs and block 1 is produced at once, without waiting.
import { ProposalStatus, type Application, type ValidatorUpdate } from '@scrtd/app';
import { BlockStore, type AuxEntry } from './blockstore.js';
import { eventEntries, TxIndex, type EventKeys, type NodeAux } from './txindex.js';
import type { Mempool } from './mempool.js';
import type { Logger } from './logger.js';
import type { Serializer } from './util/serial.js';
import { bytesEqual, toHexUpper, utf8 } from './util/bytes.js';
import { txHash } from './util/hash.js';
import { formatRfc3339Nano, GO_ZERO_TIME_NS, NS_PER_MS, type Clock } from './util/time.js';
import {
  commitHash,
  consensusParamsHash,
  dataHash,
  emptyEvidenceHash,
  encodeBlock,
  headerHash,
  partSetHeader,
  txResultsHash,
  validatorsHash,
} from './consensus/encoding.js';
import { createValidatorKey, type ValidatorKey } from './consensus/key.js';
import { SignedMsgType, voteSignBytes } from './consensus/vote.js';
import { applyValidatorUpdates, sortValidators, validatorFromUpdate } from './consensus/validators.js';
import {
  BLOCK_PROTOCOL_VERSION,
  BlockIdFlag,
  emptyBlockId,
  emptyCommit,
  type Block,
  type BlockID,
  type Commit,
  type ConsensusParamsBlock,
  type Header,
  type Validator,
} from './consensus/types.js';
import type { ConsensusState, StoredBlock } from './records.js';
import { defaultBlockParams, genesisTimeNs, validateGenesis, type GenesisDoc } from './genesis.js';

export interface DriverOptions {
  genesis: GenesisDoc;
  /** ed25519 consensus key: 32-byte seed or 64-byte seed ‖ public key. */
  validatorKey: Uint8Array;
  blockTimeMs: number;
  emptyBlockIntervalMs: number;
}

export interface DriverModules {
  app: Application;
  /** The committed aux space; with writeDeferred, the tx index's event keys follow each block. */
  aux: NodeAux;
  /** The tx index the node's readers use (default: one over `aux`); its searches wait for event keys. */
  txs?: TxIndex;
  gate: Serializer;
  mempool: Mempool;
  logger: Logger;
  /** Wall clock in ns (block times); the app never reads a clock, the proposer does. */
  clock: Clock;
}

// CometBFT block-size accounting (types/block.go) used to size the data part of a block.
const MAX_BLOCK_SIZE_BYTES = 104_857_600;
const MAX_HEADER_BYTES = 626;
const MAX_OVERHEAD_FOR_BLOCK = 11;
const MAX_COMMIT_OVERHEAD_BYTES = 94;
const MAX_COMMIT_SIG_BYTES = 109;

/** types.MaxDataBytes with no evidence; -1 max_bytes means the 100 MiB hard limit. */
export function maxDataBytes(params: ConsensusParamsBlock, validatorCount: number): number {
  const maxBytes = params.maxBytes === -1n ? MAX_BLOCK_SIZE_BYTES : Number(params.maxBytes);
  const n = maxBytes - MAX_OVERHEAD_FOR_BLOCK - MAX_HEADER_BYTES - (MAX_COMMIT_OVERHEAD_BYTES + (MAX_COMMIT_SIG_BYTES + 2) * validatorCount);
  if (n < 0) throw new Error(`consensus params: block.max_bytes ${params.maxBytes} too small for ${validatorCount} validators`);
  return n;
}

export class BlockDriver {
  readonly key: ValidatorKey;
  private readonly opts: DriverOptions;
  private readonly app: Application;
  private readonly gate: Serializer;
  private readonly mempool: Mempool;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly blocks: BlockStore;
  private readonly txIndex: TxIndex;
  /** The last block's deferred event-key write (the next commit waits for it: one block in flight). */
  private indexing: Promise<void> = Promise.resolve();
  private readonly genesisNs: bigint;

  private state: ConsensusState | undefined;
  /** The commit we signed for the last block: the next block's last_commit. */
  private lastCommit: Commit = emptyCommit();
  private timer: NodeJS.Timeout | undefined;
  private timerDueMs = Infinity;
  private lastBlockStartMs = -Infinity;
  private inflight: Promise<unknown> | undefined;
  /** A timer-driven block is being produced: the timer is re-armed when it finishes. */
  private inflightActive = false;
  private running = false;
  private haltError: Error | undefined;
  private warnedNotInSet = false;
  private readonly listeners: ((b: StoredBlock) => void)[] = [];

  constructor(opts: DriverOptions, modules: DriverModules) {
    validateGenesis(opts.genesis);
    if (!(opts.blockTimeMs > 0)) throw new Error('blockTimeMs must be > 0');
    if (!(opts.emptyBlockIntervalMs >= opts.blockTimeMs)) throw new Error('emptyBlockIntervalMs must be >= blockTimeMs');
    this.opts = opts;
    this.key = createValidatorKey(opts.validatorKey);
    this.app = modules.app;
    this.gate = modules.gate;
    this.mempool = modules.mempool;
    this.log = modules.logger;
    this.clock = modules.clock;
    this.blocks = new BlockStore(modules.aux);
    this.txIndex = modules.txs ?? new TxIndex(modules.aux);
    this.genesisNs = genesisTimeNs(opts.genesis);
    this.mempool.onAdded(() => this.onTx());
  }

  /** Height of the last committed block (0 before the first). */
  get height(): number {
    return this.state?.lastBlockHeight ?? 0;
  }

  /** Set when block production stopped on an error (the node keeps serving reads). */
  get halted(): Error | undefined {
    return this.haltError;
  }

  consensusState(): ConsensusState | undefined {
    return this.state;
  }

  onBlock(listener: (b: StoredBlock) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Resume from the stored state, or run InitChain and produce the first block at once. Resolves
   * once a committed block exists; later blocks follow on the timer.
   */
  async start(): Promise<void> {
    if (this.running) return;
    const info = await this.gate.run(() => this.app.info({}));
    const stored = this.blocks.state();
    const reindexed = await this.txIndex.recover(stored?.lastBlockHeight ?? 0);
    if (reindexed > 0) this.log.info('event index rebuilt for the last blocks', { txs: reindexed });
    if (info.lastBlockHeight === 0) {
      if (stored && stored.lastBlockHeight > 0) {
        throw new Error(`block store is at height ${stored.lastBlockHeight} but the app has no state`);
      }
      this.state = await this.gate.run(() => this.initChain(info.appVersion));
      this.running = true;
      await this.produceBlock();
    } else {
      if (!stored) throw new Error(`app is at height ${info.lastBlockHeight} but the block store is empty`);
      if (stored.chainId !== this.opts.genesis.chainId) {
        throw new Error(`stored chain id ${stored.chainId} differs from genesis ${this.opts.genesis.chainId}`);
      }
      // Block store and state commit atomically, so they can only disagree if the data is damaged.
      if (stored.lastBlockHeight !== info.lastBlockHeight) {
        throw new Error(`block store height ${stored.lastBlockHeight} != app height ${info.lastBlockHeight}`);
      }
      if (!bytesEqual(stored.appHash, info.lastBlockAppHash)) {
        throw new Error(`app hash mismatch at height ${info.lastBlockHeight}: block store ${toHexUpper(stored.appHash)}, app ${toHexUpper(info.lastBlockAppHash)}`);
      }
      const last = this.blocks.block(stored.lastBlockHeight);
      if (!last) throw new Error(`block ${stored.lastBlockHeight} missing from the block store`);
      this.state = stored;
      this.lastCommit = last.commit;
      this.running = true;
      this.log.info('resumed', { height: stored.lastBlockHeight });
    }
    this.lastBlockStartMs = performance.now();
    this.schedule();
  }

  /** Stop producing blocks; waits for a block in progress to commit. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    if (this.inflight) await this.inflight.catch(() => undefined);
    await this.txIndex.settled().catch(() => undefined);
  }

  /** InitChain: the app's genesis state, the validator set, and the state block 1 builds on. */
  private initChain(appVersion: bigint): ConsensusState {
    const g = this.opts.genesis;
    const genesisUpdates: ValidatorUpdate[] = (g.validators ?? []).map((v) => ({ pubKeyType: 'ed25519', pubKey: v.pubKey, power: BigInt(v.power) }));
    const params = g.consensusParams?.block ?? defaultBlockParams;
    const res = this.app.initChain({
      time: g.genesisTime,
      chainId: g.chainId,
      initialHeight: g.initialHeight ?? 1,
      appStateBytes: utf8(JSON.stringify(g.appState ?? {})),
      validators: genesisUpdates,
      consensusParams: { block: params },
    });
    const updates = res.validators.length > 0 ? res.validators : genesisUpdates;
    if (updates.length === 0) throw new Error('validator set is empty in genesis and still empty after InitChain');
    const validators = sortValidators(updates.filter((u) => u.power > 0n).map(validatorFromUpdate));
    this.log.info('chain initialised', { chainId: g.chainId, validators: validators.length });
    return {
      chainId: g.chainId,
      initialHeight: g.initialHeight ?? 1,
      lastBlockHeight: 0,
      lastBlockId: emptyBlockId(),
      lastBlockTimeNs: this.genesisNs - 1n,
      appHash: res.appHash,
      lastResultsHash: new Uint8Array(),
      validators,
      nextValidators: validators,
      consensusParams: res.consensusParams?.block ?? params,
      appVersion,
    };
  }

  /** Produce, commit and index one block now (serialised with every other ABCI call). */
  produceBlock(): Promise<StoredBlock> {
    if (this.haltError) return Promise.reject(this.haltError);
    const p = this.gate.run(() => this.produceLocked());
    this.inflight = p;
    p.then(
      (b) => {
        for (const l of this.listeners) l(b);
      },
      (e: Error) => {
        this.haltError = e;
        this.running = false;
        this.clearTimer();
        this.log.error('block production halted', { error: e.message, height: this.height + 1 });
      },
    );
    return p;
  }

  private async produceLocked(): Promise<StoredBlock> {
    const state = this.state;
    if (!state) throw new Error('driver not started');
    const g = this.opts.genesis;
    const height = state.lastBlockHeight === 0 ? state.initialHeight : state.lastBlockHeight + 1;
    const now = this.clock();
    // Strictly increasing block time (and block 1 not before genesis time).
    const timeNs = now > state.lastBlockTimeNs ? now : state.lastBlockTimeNs + 1n;
    const time = formatRfc3339Nano(timeNs);
    const proposerAddress = this.key.address;
    const params = state.consensusParams;
    const dataCap = maxDataBytes(params, state.validators.length);
    const reapCap = params.maxBytes === -1n ? -1 : dataCap;

    const reaped = this.mempool.reap(reapCap, params.maxGas);
    const prep = this.app.prepareProposal({ maxTxBytes: BigInt(dataCap), txs: reaped, height, time, timeNs, proposerAddress });
    const txs = prep.txs;
    let total = 0;
    for (const tx of txs) total += tx.length;
    if (total > dataCap) throw new Error(`PrepareProposal returned ${total} bytes of txs, over the ${dataCap} limit`);

    const header: Header = {
      version: { block: BLOCK_PROTOCOL_VERSION, app: state.appVersion },
      chainId: state.chainId,
      height,
      timeNs,
      lastBlockId: state.lastBlockId,
      lastCommitHash: commitHash(this.lastCommit),
      dataHash: dataHash(txs),
      validatorsHash: validatorsHash(state.validators),
      nextValidatorsHash: validatorsHash(state.nextValidators),
      consensusHash: consensusParamsHash(params),
      appHash: state.appHash,
      lastResultsHash: state.lastResultsHash,
      evidenceHash: emptyEvidenceHash(),
      proposerAddress,
    };
    const hash = headerHash(header);

    const proc = this.app.processProposal({ txs, height, time, timeNs, proposerAddress, hash });
    if (proc.status !== ProposalStatus.Accept) throw new Error(`ProcessProposal rejected our own proposal at height ${height}`);

    const blockHeader = { height, time, timeNs, chainId: g.chainId, proposerAddress, hash };
    const fin = this.app.finalizeBlock({ txs, header: blockHeader });
    if (fin.txResults.length !== txs.length) {
      throw new Error(`FinalizeBlock returned ${fin.txResults.length} results for ${txs.length} txs`);
    }

    const block: Block = { header, txs, lastCommit: this.lastCommit };
    const blockBytes = encodeBlock(block);
    const blockId: BlockID = { hash, partSetHeader: partSetHeader(blockBytes) };
    const commit = this.signCommit(height, blockId, timeNs, state.validators);

    const nextNext = fin.validatorUpdates.length > 0 ? applyValidatorUpdates(state.nextValidators, fin.validatorUpdates) : state.nextValidators;
    const newState: ConsensusState = {
      ...state,
      lastBlockHeight: height,
      lastBlockId: blockId,
      lastBlockTimeNs: timeNs,
      appHash: fin.appHash,
      lastResultsHash: txResultsHash(fin.txResults),
      validators: state.nextValidators,
      nextValidators: nextNext,
    };

    const stored: StoredBlock = { blockId, block, commit, sizeBytes: blockBytes.length };
    const txHashes = txs.map(txHash);
    const validatorSets: { height: number; validators: Validator[] }[] = [];
    if (state.lastBlockHeight === 0) validatorSets.push({ height, validators: state.validators });
    if (fin.validatorUpdates.length > 0) validatorSets.push({ height: height + 2, validators: nextNext });
    const aux: AuxEntry[] = BlockStore.entries({
      stored,
      results: { height, txHashes, events: fin.events, validatorUpdates: fin.validatorUpdates, appHash: fin.appHash },
      state: newState,
      validatorSets,
    });
    const deferEvents = this.txIndex.defersEvents;
    const events: EventKeys[] = [];
    for (let index = 0; index < txs.length; index++) {
      const indexed = TxIndex.write({ hash: txHashes[index]!, height, index, tx: txs[index]!, result: fin.txResults[index]!, timeNs });
      aux.push(indexed.record);
      if (deferEvents) events.push(indexed.events);
      else for (const e of eventEntries([indexed.events])) aux.push(e);
    }
    if (deferEvents) {
      // A store whose writer falls behind holds back the next block rather than piling up writes.
      await this.indexing;
      aux.push(this.txIndex.progressEntry());
    }

    await this.app.commit(aux);
    if (deferEvents) {
      this.indexing = this.txIndex.indexEvents(height, events);
      this.indexing.catch((e: Error) => this.log.error('event index write failed', { height, error: e.message }));
    }
    this.state = newState;
    this.lastCommit = commit;
    this.mempool.update(txs, blockHeader);
    this.log.debug('block committed', { height, txs: txs.length, appHash: toHexUpper(fin.appHash) });
    return stored;
  }

  /**
   * Our precommit for the block, as a CometBFT commit: one signature slot per validator in set
   * order; ours signs the canonical vote (voteSignBytes), the others are absent.
   */
  private signCommit(height: number, blockId: BlockID, blockTimeNs: bigint, validators: readonly Validator[]): Commit {
    const now = this.clock();
    const ts = now > blockTimeNs ? now : blockTimeNs + NS_PER_MS;
    const signatures = validators.map((v) => {
      if (!bytesEqual(v.address, this.key.address)) {
        return { blockIdFlag: BlockIdFlag.Absent, validatorAddress: new Uint8Array(), timestampNs: GO_ZERO_TIME_NS, signature: new Uint8Array() };
      }
      const signBytes = voteSignBytes(this.opts.genesis.chainId, { type: SignedMsgType.Precommit, height, round: 0, blockId, timestampNs: ts });
      return { blockIdFlag: BlockIdFlag.Commit, validatorAddress: this.key.address, timestampNs: ts, signature: this.key.sign(signBytes) };
    });
    if (!signatures.some((s) => s.blockIdFlag === BlockIdFlag.Commit) && !this.warnedNotInSet) {
      this.warnedNotInSet = true;
      this.log.warn('our validator key is not in the validator set; blocks carry no signature', { address: toHexUpper(this.key.address) });
    }
    return { height, round: 0, blockId, signatures };
  }

  // ---------------------------------------------------------------- timing

  private onTx(): void {
    if (!this.running) return;
    const due = this.lastBlockStartMs + this.opts.blockTimeMs;
    if (due < this.timerDueMs) this.setTimer(due);
  }

  private schedule(): void {
    if (!this.running) return;
    const interval = this.mempool.size > 0 ? this.opts.blockTimeMs : this.opts.emptyBlockIntervalMs;
    this.setTimer(this.lastBlockStartMs + interval);
  }

  private setTimer(dueMs: number): void {
    if (this.inflightActive) return;
    this.clearTimer();
    this.timerDueMs = dueMs;
    this.timer = setTimeout(() => this.tick(), Math.max(0, dueMs - performance.now()));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueMs = Infinity;
  }

  private tick(): void {
    this.timer = undefined;
    this.timerDueMs = Infinity;
    if (!this.running) return;
    this.inflightActive = true;
    // Txs received by now (e.g. while the previous block ran) may still be being checked: wait for
    // their answers, at most one more block time, so they go into this block instead of waiting a
    // whole block time in the pool (and being rechecked) while this one goes out nearly empty.
    // setImmediate first: it runs after the event loop's poll phase has handed over the messages
    // that queued up while the previous block ran (the LCD front thread's broadcasts).
    const due = performance.now();
    let checking = 0;
    void new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        checking = this.mempool.checkingCount;
        return this.checkedOrTimeout();
      })
      .then(() => {
        if (!this.running) return;
        this.lastBlockStartMs = performance.now();
        if (checking > 0) this.log.debug('block waited for checks', { checking, waitedMs: Math.round(this.lastBlockStartMs - due) });
        return this.produceBlock().then(
          () => undefined,
          () => undefined, // produceBlock already logged and halted
        );
      })
      .finally(() => {
        this.inflightActive = false;
        this.schedule();
      });
  }

  private checkedOrTimeout(): Promise<void> {
    if (this.mempool.checkingCount === 0) return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      this.mempool.checked(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.opts.blockTimeMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }
}

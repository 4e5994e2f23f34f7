// The Application interface: ABCI 2.0 shaped, plain serialisable data only, so a consensus engine
// (the single-validator driver today, the BFT engine later, or CometBFT over a socket) can drive it.

export interface EventAttribute {
  key: string;
  value: string;
  /** CometBFT's "index" flag; always true here (every attribute is indexed). */
  index: boolean;
}

export interface AbciEvent {
  type: string;
  attributes: EventAttribute[];
}

export interface ValidatorUpdate {
  /** Consensus public key type, e.g. "ed25519". */
  pubKeyType: string;
  pubKey: Uint8Array;
  power: bigint;
}

export interface ConsensusParams {
  block: { maxBytes: bigint; maxGas: bigint };
}

export interface RequestInitChain {
  /** RFC 3339 time with nanoseconds, as in the genesis file. */
  time: string;
  chainId: string;
  initialHeight: number;
  /** The app_state of genesis.json, as JSON. */
  appStateBytes: Uint8Array;
  validators: ValidatorUpdate[];
  consensusParams?: ConsensusParams;
}

export interface ResponseInitChain {
  validators: ValidatorUpdate[];
  appHash: Uint8Array;
  consensusParams?: ConsensusParams;
}

export const enum CheckTxType {
  New = 0,
  Recheck = 1,
}

export interface RequestCheckTx {
  tx: Uint8Array;
  type: CheckTxType;
}

/** Result of one tx, as in CometBFT's ExecTxResult / ResponseCheckTx. */
export interface ExecTxResult {
  code: number;
  codespace: string;
  /** Protobuf TxMsgData on success (bytes; rendered as hex in tx_response.data). */
  data: Uint8Array;
  /** "" on success (SDK 0.50), error text otherwise. */
  log: string;
  info: string;
  gasWanted: bigint;
  gasUsed: bigint;
  events: AbciEvent[];
}

export interface ResponseCheckTx extends ExecTxResult {
  /** Mempool priority (the SDK's default: fee per gas in the lowest denom). */
  priority: bigint;
  /** Signer address and sequence, for mempool ordering (first signer). */
  sender: string;
}

export interface BlockHeaderInfo {
  height: number;
  /** Block time, RFC 3339 with 9 fractional digits, and the same instant as ns since the epoch. */
  time: string;
  timeNs: bigint;
  chainId: string;
  proposerAddress: Uint8Array;
  /** Hash of the header (32 bytes), known to FinalizeBlock as in CometBFT. */
  hash: Uint8Array;
}

export interface RequestPrepareProposal {
  maxTxBytes: bigint;
  txs: Uint8Array[];
  height: number;
  time: string;
  timeNs: bigint;
  proposerAddress: Uint8Array;
}

export interface ResponsePrepareProposal {
  txs: Uint8Array[];
}

export interface RequestProcessProposal {
  txs: Uint8Array[];
  height: number;
  time: string;
  timeNs: bigint;
  proposerAddress: Uint8Array;
  hash: Uint8Array;
}

export const enum ProposalStatus {
  Accept = 1,
  Reject = 2,
}

export interface ResponseProcessProposal {
  status: ProposalStatus;
}

export interface RequestFinalizeBlock {
  txs: Uint8Array[];
  header: BlockHeaderInfo;
}

export interface ResponseFinalizeBlock {
  /** Block-level events (begin and end block), each with attribute mode=BeginBlock/EndBlock. */
  events: AbciEvent[];
  txResults: ExecTxResult[];
  validatorUpdates: ValidatorUpdate[];
  /** The app hash the state will have once committed. */
  appHash: Uint8Array;
}

export interface ResponseCommit {
  retainHeight: number;
}

export interface RequestInfo {}

export interface ResponseInfo {
  data: string;
  version: string;
  appVersion: bigint;
  lastBlockHeight: number;
  lastBlockAppHash: Uint8Array;
}

export interface RequestQuery {
  /** gRPC method path, e.g. "/cosmos.bank.v1beta1.Query/Balance", or "/app/simulate". */
  path: string;
  /** Protobuf-encoded request. */
  data: Uint8Array;
  /** 0 = latest committed height. */
  height: number;
  prove: boolean;
}

export interface ResponseQuery {
  /** 0 on success; otherwise the SDK error code within `codespace`. */
  code: number;
  /**
   * The gRPC status code a gRPC server would have returned (0 OK, 3 InvalidArgument, 5 NotFound, …), so
   * the LCD can answer as the gRPC-gateway does without guessing from codespace/code.
   */
  grpcCode: number;
  codespace: string;
  log: string;
  /** Protobuf-encoded response. */
  value: Uint8Array;
  height: number;
}

/**
 * The one door between consensus and the application. Calls arrive serialised, in ABCI order:
 * InitChain once, then per block PrepareProposal/ProcessProposal, FinalizeBlock, Commit; CheckTx and
 * Query in between.
 */
export interface Application {
  info(req: RequestInfo): ResponseInfo;
  initChain(req: RequestInitChain): ResponseInitChain;
  checkTx(req: RequestCheckTx): ResponseCheckTx;
  prepareProposal(req: RequestPrepareProposal): ResponsePrepareProposal;
  processProposal(req: RequestProcessProposal): ResponseProcessProposal;
  finalizeBlock(req: RequestFinalizeBlock): ResponseFinalizeBlock;
  /**
   * Persist the finalized block's state. `aux` records (block store, tx index) are written in the
   * same database transaction, so a block and its state are never half-committed.
   */
  commit(aux?: Iterable<[Uint8Array, Uint8Array]>): Promise<ResponseCommit>;
  query(req: RequestQuery): ResponseQuery;
  /**
   * Optional: prepare for CheckTx of these txs off the main thread (e.g. verify signatures on worker
   * threads). Must not change any outcome; CheckTx stays authoritative.
   */
  preverify?(txs: readonly Uint8Array[]): Promise<void>;
  /** Optional: signatures verified by another instance (a CheckTx thread); must not change outcomes. */
  rememberSignatures?(sigs: readonly VerifiedSignature[]): void;
  /**
   * Optional: be told of each signer account number the app looks up to pre-verify (address as the
   * latin1 string of its 20 bytes), so a thread where txs arrive can verify their direct-mode
   * signatures before they reach the app (ArrivalVerifier); must not change outcomes.
   */
  onAccountNumber?(listener: (address: string, accountNumber: bigint) => void): void;
}

/** A secp256k1 signature found valid: sign digest, 64-byte signature, compressed public key. */
export interface VerifiedSignature {
  digest: Uint8Array;
  signature: Uint8Array;
  pubkey: Uint8Array;
}

// CometBFT block data structures (types/block.go), held with bytes as Uint8Array and times as ns.

export interface PartSetHeader {
  total: number;
  hash: Uint8Array;
}

export interface BlockID {
  hash: Uint8Array;
  partSetHeader: PartSetHeader;
}

export interface Header {
  version: { block: bigint; app: bigint };
  chainId: string;
  height: number;
  timeNs: bigint;
  lastBlockId: BlockID;
  lastCommitHash: Uint8Array;
  dataHash: Uint8Array;
  validatorsHash: Uint8Array;
  nextValidatorsHash: Uint8Array;
  consensusHash: Uint8Array;
  appHash: Uint8Array;
  lastResultsHash: Uint8Array;
  evidenceHash: Uint8Array;
  proposerAddress: Uint8Array;
}

/** tendermint.types.BlockIDFlag */
export const BlockIdFlag = {
  Unknown: 0,
  Absent: 1,
  Commit: 2,
  Nil: 3,
} as const;

export const BLOCK_ID_FLAG_NAMES = ['BLOCK_ID_FLAG_UNKNOWN', 'BLOCK_ID_FLAG_ABSENT', 'BLOCK_ID_FLAG_COMMIT', 'BLOCK_ID_FLAG_NIL'];

export interface CommitSig {
  blockIdFlag: number;
  validatorAddress: Uint8Array;
  timestampNs: bigint;
  signature: Uint8Array;
}

export interface Commit {
  height: number;
  round: number;
  blockId: BlockID;
  signatures: CommitSig[];
}

export interface Block {
  header: Header;
  txs: Uint8Array[];
  /** The commit for the previous block (empty at the initial height). */
  lastCommit: Commit;
}

export interface Validator {
  /** 20-byte address: sha256(pubKey)[:20]. */
  address: Uint8Array;
  pubKeyType: 'ed25519';
  pubKey: Uint8Array;
  power: bigint;
}

export interface ConsensusParamsBlock {
  maxBytes: bigint;
  maxGas: bigint;
}

export const BLOCK_PROTOCOL_VERSION = 11n;

export function emptyBlockId(): BlockID {
  return { hash: new Uint8Array(), partSetHeader: { total: 0, hash: new Uint8Array() } };
}

export function emptyCommit(): Commit {
  return { height: 0, round: 0, blockId: emptyBlockId(), signatures: [] };
}

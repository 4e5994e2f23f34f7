// Byte-exact CometBFT 0.38 protobuf encodings and the hashes built on them: header hash, block
// part-set header, data / commit / validators / consensus-params / results hashes.
import { varintLength, writeVarint } from '@scrtd/app';
import { ProtoWriter } from '../util/protowire.js';
import { merkleRoot, sha256, txHash } from '../util/hash.js';
import { splitNs } from '../util/time.js';
import type { Block, BlockID, Commit, CommitSig, ConsensusParamsBlock, Header, PartSetHeader, Validator } from './types.js';

/** types.BlockPartSizeBytes */
export const BLOCK_PART_SIZE_BYTES = 65536;

export function encodeTimestamp(ns: bigint): Uint8Array {
  const { seconds, nanos } = splitNs(ns);
  return new ProtoWriter().varint(1, seconds).varint(2, nanos).finish();
}

export function encodePartSetHeader(p: PartSetHeader): Uint8Array {
  return new ProtoWriter().varint(1, p.total).bytes(2, p.hash).finish();
}

export function encodeBlockId(b: BlockID): Uint8Array {
  return new ProtoWriter().bytes(1, b.hash).message(2, encodePartSetHeader(b.partSetHeader), true).finish();
}

function encodeVersion(v: Header['version']): Uint8Array {
  return new ProtoWriter().varint(1, v.block).varint(2, v.app).finish();
}

export function encodeHeader(h: Header): Uint8Array {
  return new ProtoWriter()
    .message(1, encodeVersion(h.version), true)
    .string(2, h.chainId)
    .varint(3, h.height)
    .message(4, encodeTimestamp(h.timeNs), true)
    .message(5, encodeBlockId(h.lastBlockId), true)
    .bytes(6, h.lastCommitHash)
    .bytes(7, h.dataHash)
    .bytes(8, h.validatorsHash)
    .bytes(9, h.nextValidatorsHash)
    .bytes(10, h.consensusHash)
    .bytes(11, h.appHash)
    .bytes(12, h.lastResultsHash)
    .bytes(13, h.evidenceHash)
    .bytes(14, h.proposerAddress)
    .finish();
}

// cdcEncode of types/encoding_helper.go: gogo wrapper types (StringValue, Int64Value, BytesValue).
const wrapString = (s: string) => new ProtoWriter().string(1, s).finish();
const wrapInt64 = (n: number | bigint) => new ProtoWriter().varint(1, n).finish();
const wrapBytes = (b: Uint8Array) => new ProtoWriter().bytes(1, b).finish();

/** Header.Hash(): Merkle root over the 14 encoded fields, in field order. */
export function headerHash(h: Header): Uint8Array {
  return merkleRoot([
    encodeVersion(h.version),
    wrapString(h.chainId),
    wrapInt64(h.height),
    encodeTimestamp(h.timeNs),
    encodeBlockId(h.lastBlockId),
    wrapBytes(h.lastCommitHash),
    wrapBytes(h.dataHash),
    wrapBytes(h.validatorsHash),
    wrapBytes(h.nextValidatorsHash),
    wrapBytes(h.consensusHash),
    wrapBytes(h.appHash),
    wrapBytes(h.lastResultsHash),
    wrapBytes(h.evidenceHash),
    wrapBytes(h.proposerAddress),
  ]);
}

export function encodeCommitSig(s: CommitSig): Uint8Array {
  return new ProtoWriter()
    .varint(1, s.blockIdFlag)
    .bytes(2, s.validatorAddress)
    .message(3, encodeTimestamp(s.timestampNs), true)
    .bytes(4, s.signature)
    .finish();
}

export function encodeCommit(c: Commit): Uint8Array {
  const w = new ProtoWriter().varint(1, c.height).varint(2, c.round).message(3, encodeBlockId(c.blockId), true);
  for (const s of c.signatures) w.repeatedBytes(4, encodeCommitSig(s));
  return w.finish();
}

/** Commit.Hash(): Merkle root of the encoded commit signatures. */
export function commitHash(c: Commit): Uint8Array {
  return merkleRoot(c.signatures.map(encodeCommitSig));
}

/** Txs.Hash(): Merkle root whose items are sha256(tx). */
export function dataHash(txs: readonly Uint8Array[]): Uint8Array {
  return merkleRoot(txs.map(txHash));
}

/** EvidenceList.Hash() of the (always empty, single validator) evidence list. */
export function emptyEvidenceHash(): Uint8Array {
  return merkleRoot([]);
}

export function encodeBlock(b: Block): Uint8Array {
  const data = new ProtoWriter();
  for (const tx of b.txs) data.repeatedBytes(1, tx);
  return new ProtoWriter()
    .message(1, encodeHeader(b.header), true)
    .message(2, data.finish(), true)
    .message(3, new Uint8Array(), true) // EvidenceList, non-nullable, empty
    .message(4, encodeCommit(b.lastCommit), true)
    .finish();
}

/** Block.MakePartSet(BlockPartSizeBytes).Header(): the proto bytes cut in 64 KiB parts, Merkle root. */
export function partSetHeader(blockBytes: Uint8Array): PartSetHeader {
  const parts: Uint8Array[] = [];
  for (let o = 0; o < blockBytes.length; o += BLOCK_PART_SIZE_BYTES) {
    parts.push(blockBytes.subarray(o, Math.min(o + BLOCK_PART_SIZE_BYTES, blockBytes.length)));
  }
  return { total: parts.length, hash: merkleRoot(parts) };
}

/** Validator.Bytes(): SimpleValidator{pub_key: PublicKey{ed25519}, voting_power}. */
export function encodeSimpleValidator(v: Validator): Uint8Array {
  const pk = new ProtoWriter().bytes(1, v.pubKey).finish();
  return new ProtoWriter().message(1, pk, true).varint(2, v.power).finish();
}

/** ValidatorSet.Hash(): Merkle root over the validators in set order. */
export function validatorsHash(vals: readonly Validator[]): Uint8Array {
  return merkleRoot(vals.map(encodeSimpleValidator));
}

/** ConsensusParams.Hash(): sha256 of HashedParams{block_max_bytes, block_max_gas}. */
export function consensusParamsHash(p: ConsensusParamsBlock): Uint8Array {
  return sha256(new ProtoWriter().varint(1, p.maxBytes).varint(2, p.maxGas).finish());
}

export interface DeterministicTxResult {
  code: number;
  data: Uint8Array;
  gasWanted: bigint;
  gasUsed: bigint;
}

/** TxResultsHash(): Merkle root over ExecTxResult reduced to code, data, gas_wanted, gas_used. */
export function txResultsHash(results: readonly DeterministicTxResult[]): Uint8Array {
  return merkleRoot(results.map(deterministicResultBytes));
}

const SAFE = 0x1f_ffff_ffff_ffffn;

/**
 * The reduced ExecTxResult of one tx: written directly into one array (the generic writer makes an
 * array per field and converts every number to a bigint, once per tx of every block); values outside
 * 0 … 2^53 (negative gas, never produced) take the generic writer.
 */
function deterministicResultBytes(r: DeterministicTxResult): Uint8Array {
  const { code, data, gasWanted, gasUsed } = r;
  if (!(Number.isSafeInteger(code) && code >= 0 && gasWanted >= 0n && gasWanted <= SAFE && gasUsed >= 0n && gasUsed <= SAFE)) {
    return new ProtoWriter().varint(1, code).bytes(2, data).varint(5, gasWanted).varint(6, gasUsed).finish();
  }
  const wanted = Number(gasWanted);
  const used = Number(gasUsed);
  // proto3: zero numbers and empty bytes are omitted.
  const size =
    (code !== 0 ? 1 + varintLength(code) : 0) +
    (data.length > 0 ? 1 + varintLength(data.length) + data.length : 0) +
    (wanted !== 0 ? 1 + varintLength(wanted) : 0) +
    (used !== 0 ? 1 + varintLength(used) : 0);
  const out = new Uint8Array(size);
  let p = 0;
  if (code !== 0) {
    out[p++] = 0x08;
    p = writeVarint(out, p, code);
  }
  if (data.length > 0) {
    out[p++] = 0x12;
    p = writeVarint(out, p, data.length);
    out.set(data, p);
    p += data.length;
  }
  if (wanted !== 0) {
    out[p++] = 0x28;
    p = writeVarint(out, p, wanted);
  }
  if (used !== 0) {
    out[p++] = 0x30;
    writeVarint(out, p, used);
  }
  return out;
}

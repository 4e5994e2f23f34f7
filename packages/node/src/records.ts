// The records the node keeps in the aux key space, and their JSON encodings (converter pairs).
// JSON keeps them readable in a post-mortem; bytes are hex (hashes, addresses) or base64 (payloads),
// 64-bit integers are decimal strings. Every record carries a format version `v`.
import type { AbciEvent, ExecTxResult, ValidatorUpdate } from '@scrtd/app';
import { fromBase64, fromHex, fromUtf8, toBase64, toHexUpper, utf8 } from './util/bytes.js';
import type { Block, BlockID, Commit, CommitSig, ConsensusParamsBlock, Header, Validator } from './consensus/types.js';

/** A committed block with its id and the commit our validator signed for it ("seen commit"). */
export interface StoredBlock {
  blockId: BlockID;
  block: Block;
  commit: Commit;
  /** Size of the block's protobuf encoding. */
  sizeBytes: number;
}

export interface StoredBlockResults {
  height: number;
  /** sha256 of each tx, in block order (the results themselves are in the tx records). */
  txHashes: Uint8Array[];
  /** FinalizeBlock's block-level events. */
  events: AbciEvent[];
  validatorUpdates: ValidatorUpdate[];
  /** App hash after this block. */
  appHash: Uint8Array;
}

export interface TxRecord {
  hash: Uint8Array;
  height: number;
  index: number;
  tx: Uint8Array;
  result: ExecTxResult;
  /** Block time (ns since the epoch). */
  timeNs: bigint;
}

/** What the driver needs to produce the next block after a restart (CometBFT's state.State). */
export interface ConsensusState {
  chainId: string;
  initialHeight: number;
  /** 0 before the first block. */
  lastBlockHeight: number;
  lastBlockId: BlockID;
  lastBlockTimeNs: bigint;
  /** App hash after the last block: the next header's app_hash. */
  appHash: Uint8Array;
  /** Results hash of the last block's txs (undefined before the first block: empty in header 1). */
  lastResultsHash: Uint8Array;
  /** Validator set of the next block, and of the one after it. */
  validators: Validator[];
  nextValidators: Validator[];
  consensusParams: ConsensusParamsBlock;
  appVersion: bigint;
}

// ---- primitives

type Json = Record<string, unknown>;

const hex = (b: Uint8Array): string => toHexUpper(b);
function unhex(s: unknown): Uint8Array {
  const b = typeof s === 'string' ? fromHex(s) : undefined;
  if (!b) throw new Error('stored record: bad hex');
  return b;
}
const b64 = (b: Uint8Array): string => toBase64(b);
function unb64(s: unknown): Uint8Array {
  const b = typeof s === 'string' ? fromBase64(s) : undefined;
  if (!b) throw new Error('stored record: bad base64');
  return b;
}
const big = (s: unknown): bigint => BigInt(s as string);
const num = (s: unknown): number => s as number;

function parse(bytes: Uint8Array): Json {
  return JSON.parse(fromUtf8(bytes)) as Json;
}
function serialize(o: Json): Uint8Array {
  return utf8(JSON.stringify(o));
}

// ---- sub-structures

function blockIdToJson(b: BlockID): Json {
  return { hash: hex(b.hash), parts: { total: b.partSetHeader.total, hash: hex(b.partSetHeader.hash) } };
}
function blockIdFromJson(o: Json): BlockID {
  const parts = o['parts'] as Json;
  return { hash: unhex(o['hash']), partSetHeader: { total: num(parts['total']), hash: unhex(parts['hash']) } };
}

function headerToJson(h: Header): Json {
  return {
    version: { block: h.version.block.toString(), app: h.version.app.toString() },
    chainId: h.chainId,
    height: h.height,
    timeNs: h.timeNs.toString(),
    lastBlockId: blockIdToJson(h.lastBlockId),
    lastCommitHash: hex(h.lastCommitHash),
    dataHash: hex(h.dataHash),
    validatorsHash: hex(h.validatorsHash),
    nextValidatorsHash: hex(h.nextValidatorsHash),
    consensusHash: hex(h.consensusHash),
    appHash: hex(h.appHash),
    lastResultsHash: hex(h.lastResultsHash),
    evidenceHash: hex(h.evidenceHash),
    proposerAddress: hex(h.proposerAddress),
  };
}
function headerFromJson(o: Json): Header {
  const v = o['version'] as Json;
  return {
    version: { block: big(v['block']), app: big(v['app']) },
    chainId: o['chainId'] as string,
    height: num(o['height']),
    timeNs: big(o['timeNs']),
    lastBlockId: blockIdFromJson(o['lastBlockId'] as Json),
    lastCommitHash: unhex(o['lastCommitHash']),
    dataHash: unhex(o['dataHash']),
    validatorsHash: unhex(o['validatorsHash']),
    nextValidatorsHash: unhex(o['nextValidatorsHash']),
    consensusHash: unhex(o['consensusHash']),
    appHash: unhex(o['appHash']),
    lastResultsHash: unhex(o['lastResultsHash']),
    evidenceHash: unhex(o['evidenceHash']),
    proposerAddress: unhex(o['proposerAddress']),
  };
}

function commitToJson(c: Commit): Json {
  return {
    height: c.height,
    round: c.round,
    blockId: blockIdToJson(c.blockId),
    signatures: c.signatures.map((s) => ({
      flag: s.blockIdFlag,
      address: hex(s.validatorAddress),
      timeNs: s.timestampNs.toString(),
      signature: b64(s.signature),
    })),
  };
}
function commitFromJson(o: Json): Commit {
  return {
    height: num(o['height']),
    round: num(o['round']),
    blockId: blockIdFromJson(o['blockId'] as Json),
    signatures: (o['signatures'] as Json[]).map(
      (s): CommitSig => ({
        blockIdFlag: num(s['flag']),
        validatorAddress: unhex(s['address']),
        timestampNs: big(s['timeNs']),
        signature: unb64(s['signature']),
      }),
    ),
  };
}

function validatorsToJson(vals: readonly Validator[]): Json[] {
  return vals.map((v) => ({ type: v.pubKeyType, pubKey: b64(v.pubKey), address: hex(v.address), power: v.power.toString() }));
}
function validatorsFromJson(a: unknown): Validator[] {
  return (a as Json[]).map((v) => ({
    pubKeyType: 'ed25519',
    pubKey: unb64(v['pubKey']),
    address: unhex(v['address']),
    power: big(v['power']),
  }));
}

function eventsToJson(events: readonly AbciEvent[]): unknown[] {
  return events.map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })) }));
}
function eventsFromJson(a: unknown): AbciEvent[] {
  return (a as Json[]).map((e) => ({
    type: e['type'] as string,
    attributes: (e['attributes'] as Json[]).map((x) => ({ key: x['key'] as string, value: x['value'] as string, index: x['index'] as boolean })),
  }));
}

function resultToJson(r: ExecTxResult): Json {
  return {
    code: r.code,
    codespace: r.codespace,
    data: b64(r.data),
    log: r.log,
    info: r.info,
    gasWanted: r.gasWanted.toString(),
    gasUsed: r.gasUsed.toString(),
    events: eventsToJson(r.events),
  };
}
function resultFromJson(o: Json): ExecTxResult {
  return {
    code: num(o['code']),
    codespace: o['codespace'] as string,
    data: unb64(o['data']),
    log: o['log'] as string,
    info: o['info'] as string,
    gasWanted: big(o['gasWanted']),
    gasUsed: big(o['gasUsed']),
    events: eventsFromJson(o['events']),
  };
}

// ---- records

export function encodeStoredBlock(s: StoredBlock): Uint8Array {
  return serialize({
    v: 1,
    blockId: blockIdToJson(s.blockId),
    header: headerToJson(s.block.header),
    txs: s.block.txs.map(b64),
    lastCommit: commitToJson(s.block.lastCommit),
    commit: commitToJson(s.commit),
    sizeBytes: s.sizeBytes,
  });
}
export function decodeStoredBlock(bytes: Uint8Array): StoredBlock {
  const o = parse(bytes);
  return {
    blockId: blockIdFromJson(o['blockId'] as Json),
    block: {
      header: headerFromJson(o['header'] as Json),
      txs: (o['txs'] as string[]).map(unb64),
      lastCommit: commitFromJson(o['lastCommit'] as Json),
    },
    commit: commitFromJson(o['commit'] as Json),
    sizeBytes: num(o['sizeBytes']),
  };
}

export function encodeBlockResults(r: StoredBlockResults): Uint8Array {
  return serialize({
    v: 1,
    height: r.height,
    txHashes: r.txHashes.map(hex),
    events: eventsToJson(r.events),
    validatorUpdates: r.validatorUpdates.map((u) => ({ type: u.pubKeyType, pubKey: b64(u.pubKey), power: u.power.toString() })),
    appHash: hex(r.appHash),
  });
}
export function decodeBlockResults(bytes: Uint8Array): StoredBlockResults {
  const o = parse(bytes);
  return {
    height: num(o['height']),
    txHashes: (o['txHashes'] as string[]).map(unhex),
    events: eventsFromJson(o['events']),
    validatorUpdates: (o['validatorUpdates'] as Json[]).map((u) => ({
      pubKeyType: u['type'] as string,
      pubKey: unb64(u['pubKey']),
      power: big(u['power']),
    })),
    appHash: unhex(o['appHash']),
  };
}

export function encodeTxRecord(t: TxRecord): Uint8Array {
  return serialize({
    v: 1,
    hash: hex(t.hash),
    height: t.height,
    index: t.index,
    tx: b64(t.tx),
    result: resultToJson(t.result),
    timeNs: t.timeNs.toString(),
  });
}
export function decodeTxRecord(bytes: Uint8Array): TxRecord {
  const o = parse(bytes);
  return {
    hash: unhex(o['hash']),
    height: num(o['height']),
    index: num(o['index']),
    tx: unb64(o['tx']),
    result: resultFromJson(o['result'] as Json),
    timeNs: big(o['timeNs']),
  };
}

export function encodeConsensusState(s: ConsensusState): Uint8Array {
  return serialize({
    v: 1,
    chainId: s.chainId,
    initialHeight: s.initialHeight,
    lastBlockHeight: s.lastBlockHeight,
    lastBlockId: blockIdToJson(s.lastBlockId),
    lastBlockTimeNs: s.lastBlockTimeNs.toString(),
    appHash: hex(s.appHash),
    lastResultsHash: hex(s.lastResultsHash),
    validators: validatorsToJson(s.validators),
    nextValidators: validatorsToJson(s.nextValidators),
    consensusParams: { maxBytes: s.consensusParams.maxBytes.toString(), maxGas: s.consensusParams.maxGas.toString() },
    appVersion: s.appVersion.toString(),
  });
}
export function decodeConsensusState(bytes: Uint8Array): ConsensusState {
  const o = parse(bytes);
  const cp = o['consensusParams'] as Json;
  return {
    chainId: o['chainId'] as string,
    initialHeight: num(o['initialHeight']),
    lastBlockHeight: num(o['lastBlockHeight']),
    lastBlockId: blockIdFromJson(o['lastBlockId'] as Json),
    lastBlockTimeNs: big(o['lastBlockTimeNs']),
    appHash: unhex(o['appHash']),
    lastResultsHash: unhex(o['lastResultsHash']),
    validators: validatorsFromJson(o['validators']),
    nextValidators: validatorsFromJson(o['nextValidators']),
    consensusParams: { maxBytes: big(cp['maxBytes']), maxGas: big(cp['maxGas']) },
    appVersion: big(o['appVersion']),
  };
}

export function encodeValidatorSet(vals: readonly Validator[]): Uint8Array {
  return serialize({ v: 1, validators: validatorsToJson(vals) });
}
export function decodeValidatorSet(bytes: Uint8Array): Validator[] {
  return validatorsFromJson(parse(bytes)['validators']);
}

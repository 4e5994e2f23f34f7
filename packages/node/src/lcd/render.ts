// JSON renderings the LCD serves from the block store and tx index, in the SDK 0.50 gateway style:
// snake_case, 64-bit integers as strings, bytes as base64 (null when empty, as the gateway renders
// Go nil slices), enums by name, all defaults present.
import type { AbciEvent } from '@scrtd/app';
import { Bech32Prefix, toBech32Address } from '@scrtd/crypto';
import type { TxRecord, StoredBlock } from '../records.js';
import type { BlockID, Commit, Header } from '../consensus/types.js';
import { BLOCK_ID_FLAG_NAMES } from '../consensus/types.js';
import { toBase64, toHexUpper } from '../util/bytes.js';
import { formatRfc3339Nano, formatRfc3339Seconds } from '../util/time.js';
import { TX_TYPE_URL, type GatewayJson } from './gateway.js';
import type { Logger } from '../logger.js';

export const b64OrNull = (b: Uint8Array): string | null => (b.length === 0 ? null : toBase64(b));

export function eventsJson(events: readonly AbciEvent[]): unknown[] {
  // Plain-string keys and values (SDK 0.50 / CometBFT 0.38), not base64.
  return events.map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })) }));
}

/** The tx as an Any (`{"@type": "/cosmos.tx.v1beta1.Tx", body, auth_info, signatures}`), or null if undecodable. */
export function txAnyJson(tx: Uint8Array, gateway: GatewayJson, log?: Logger): Record<string, unknown> | null {
  try {
    return gateway.any(TX_TYPE_URL, tx);
  } catch (e) {
    log?.debug('tx not renderable as JSON', { error: (e as Error).message });
    return null;
  }
}

/** The tx as a plain cosmos.tx.v1beta1.Tx message (GetTxResponse.tx, GetTxsEventResponse.txs). */
export function txPlainJson(any: Record<string, unknown> | null): Record<string, unknown> | null {
  if (any === null) return null;
  const { ['@type']: _type, ...rest } = any;
  return rest;
}

/** sdk.TxResponse of a committed tx (x/auth/tx mkTxResult + NewResponseResultTx). */
export function txResponseJson(rec: TxRecord, txAny: Record<string, unknown> | null): Record<string, unknown> {
  const r = rec.result;
  return {
    height: String(rec.height),
    txhash: toHexUpper(rec.hash),
    codespace: r.codespace,
    code: r.code,
    data: toHexUpper(r.data),
    raw_log: r.log,
    logs: [],
    info: r.info,
    gas_wanted: r.gasWanted.toString(),
    gas_used: r.gasUsed.toString(),
    tx: txAny,
    timestamp: formatRfc3339Seconds(rec.timeNs),
    events: eventsJson(r.events),
  };
}

export function blockIdJson(b: BlockID): Record<string, unknown> {
  return { hash: b64OrNull(b.hash), part_set_header: { total: b.partSetHeader.total, hash: b64OrNull(b.partSetHeader.hash) } };
}

function headerJson(h: Header, proposer: string | null): Record<string, unknown> {
  return {
    version: { block: h.version.block.toString(), app: h.version.app.toString() },
    chain_id: h.chainId,
    height: String(h.height),
    time: formatRfc3339Nano(h.timeNs),
    last_block_id: blockIdJson(h.lastBlockId),
    last_commit_hash: b64OrNull(h.lastCommitHash),
    data_hash: b64OrNull(h.dataHash),
    validators_hash: b64OrNull(h.validatorsHash),
    next_validators_hash: b64OrNull(h.nextValidatorsHash),
    consensus_hash: b64OrNull(h.consensusHash),
    app_hash: b64OrNull(h.appHash),
    last_results_hash: b64OrNull(h.lastResultsHash),
    evidence_hash: b64OrNull(h.evidenceHash),
    proposer_address: proposer,
  };
}

export function commitJson(c: Commit): Record<string, unknown> {
  return {
    height: String(c.height),
    round: c.round,
    block_id: blockIdJson(c.blockId),
    signatures: c.signatures.map((s) => ({
      block_id_flag: BLOCK_ID_FLAG_NAMES[s.blockIdFlag] ?? 'BLOCK_ID_FLAG_UNKNOWN',
      validator_address: b64OrNull(s.validatorAddress),
      timestamp: formatRfc3339Nano(s.timestampNs),
      signature: b64OrNull(s.signature),
    })),
  };
}

/**
 * GetLatestBlockResponse / GetBlockByHeightResponse: block_id, the CometBFT block, and sdk_block
 * (the same block with the proposer as a bech32 consensus address).
 */
export function blockResponseJson(s: StoredBlock): Record<string, unknown> {
  const { header, txs, lastCommit } = s.block;
  const body = (proposer: string | null) => ({
    header: headerJson(header, proposer),
    data: { txs: txs.map(toBase64) },
    evidence: { evidence: [] },
    last_commit: commitJson(lastCommit),
  });
  return {
    block_id: blockIdJson(s.blockId),
    block: body(b64OrNull(header.proposerAddress)),
    sdk_block: body(header.proposerAddress.length === 0 ? '' : toBech32Address(header.proposerAddress, Bech32Prefix.consensus)),
  };
}

// Precommit sign bytes: CometBFT 0.38 VoteSignBytes = protoio.MarshalDelimited(CanonicalVote).
import { lengthPrefixed, ProtoWriter } from '../util/protowire.js';
import { encodeTimestamp } from './encoding.js';
import type { BlockID } from './types.js';

/** tendermint.types.SignedMsgType */
export const SignedMsgType = {
  Prevote: 1,
  Precommit: 2,
} as const;

export interface VoteToSign {
  type: number;
  height: number | bigint;
  round: number;
  blockId: BlockID;
  timestampNs: bigint;
}

function isZeroBlockId(b: BlockID): boolean {
  return b.hash.length === 0 && b.partSetHeader.total === 0 && b.partSetHeader.hash.length === 0;
}

/**
 * CanonicalVote{type, height sfixed64, round sfixed64, block_id CanonicalBlockID (nil when the
 * block id is zero), timestamp (non-nullable), chain_id}, length-prefixed.
 */
export function voteSignBytes(chainId: string, v: VoteToSign): Uint8Array {
  let blockId: Uint8Array | undefined;
  if (!isZeroBlockId(v.blockId)) {
    const psh = new ProtoWriter().varint(1, v.blockId.partSetHeader.total).bytes(2, v.blockId.partSetHeader.hash).finish();
    blockId = new ProtoWriter().bytes(1, v.blockId.hash).message(2, psh, true).finish();
  }
  const msg = new ProtoWriter()
    .varint(1, v.type)
    .sfixed64(2, v.height)
    .sfixed64(3, v.round)
    .message(4, blockId, true)
    .message(5, encodeTimestamp(v.timestampNs), true)
    .string(6, chainId)
    .finish();
  return lengthPrefixed(msg);
}

// The block store in the aux key space: blocks by height, block results, validator-set changes and
// the consensus state record. Reads go to the committed aux space; writes are returned as entries
// for Application.commit(aux), so a block and the state it produced commit atomically.
import type { AuxReader } from '@scrtd/store';
import {
  blockKey,
  blockResultsKey,
  stateKey,
  validatorSetKey,
  validatorSetPrefix,
} from './keys.js';
import {
  decodeBlockResults,
  decodeConsensusState,
  decodeStoredBlock,
  decodeValidatorSet,
  encodeBlockResults,
  encodeConsensusState,
  encodeStoredBlock,
  encodeValidatorSet,
  type ConsensusState,
  type StoredBlock,
  type StoredBlockResults,
} from './records.js';
import type { Validator } from './consensus/types.js';
import { readU64be } from './util/bytes.js';

export type AuxEntry = [Uint8Array, Uint8Array];

export class BlockStore {
  constructor(private readonly aux: AuxReader) {}

  state(): ConsensusState | undefined {
    const v = this.aux.get(stateKey());
    return v === undefined ? undefined : decodeConsensusState(v);
  }

  /** Height of the last committed block; 0 when none. */
  latestHeight(): number {
    return this.state()?.lastBlockHeight ?? 0;
  }

  block(height: number): StoredBlock | undefined {
    if (!Number.isSafeInteger(height) || height < 1) return undefined;
    const v = this.aux.get(blockKey(height));
    return v === undefined ? undefined : decodeStoredBlock(v);
  }

  blockResults(height: number): StoredBlockResults | undefined {
    if (!Number.isSafeInteger(height) || height < 1) return undefined;
    const v = this.aux.get(blockResultsKey(height));
    return v === undefined ? undefined : decodeBlockResults(v);
  }

  /** The validator set in force at `height` (from the last change at or below it). */
  validatorSetAt(height: number): { validators: Validator[]; since: number } | undefined {
    const prefix = validatorSetPrefix();
    const end = validatorSetKey(height + 1);
    for (const [k, v] of this.aux.iterate(prefix, end, true)) {
      return { validators: decodeValidatorSet(v), since: Number(readU64be(k, 1)) };
    }
    return undefined;
  }

  /** Aux entries recording one committed block. */
  static entries(args: {
    stored: StoredBlock;
    results: StoredBlockResults;
    state: ConsensusState;
    /** Validator sets that take effect at the given heights (only when they change). */
    validatorSets: { height: number; validators: readonly Validator[] }[];
  }): AuxEntry[] {
    const h = args.stored.block.header.height;
    const out: AuxEntry[] = [
      [blockKey(h), encodeStoredBlock(args.stored)],
      [blockResultsKey(h), encodeBlockResults(args.results)],
      [stateKey(), encodeConsensusState(args.state)],
    ];
    for (const vs of args.validatorSets) out.push([validatorSetKey(vs.height), encodeValidatorSet(vs.validators)]);
    return out;
  }
}

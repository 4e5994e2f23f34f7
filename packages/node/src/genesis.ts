// The genesis document the driver starts a chain from (the parts of genesis.json it needs).
import type { ConsensusParamsBlock } from './consensus/types.js';
import { parseRfc3339 } from './util/time.js';

export interface GenesisValidator {
  /** 32-byte ed25519 consensus public key. */
  pubKey: Uint8Array;
  power: bigint | number;
  name?: string;
}

export interface GenesisDoc {
  chainId: string;
  /** RFC 3339 (up to 9 fractional digits). Block 1's time is never earlier than this. */
  genesisTime: string;
  /** Height of the first block; default 1. */
  initialHeight?: number;
  /** genesis.json app_state, passed to InitChain as JSON bytes. */
  appState: unknown;
  /** Genesis validators; may be empty when the app returns the set from InitChain (gentxs). */
  validators?: GenesisValidator[];
  consensusParams?: { block: ConsensusParamsBlock };
}

/** CometBFT's default block params (types.DefaultBlockParams): 22 MiB blocks, no gas limit. */
export const defaultBlockParams: ConsensusParamsBlock = { maxBytes: 22_020_096n, maxGas: -1n };

export function genesisTimeNs(g: GenesisDoc): bigint {
  const ns = parseRfc3339(g.genesisTime);
  if (ns === undefined) throw new Error(`genesis: invalid genesis_time ${JSON.stringify(g.genesisTime)}`);
  return ns;
}

export function validateGenesis(g: GenesisDoc): void {
  if (!g.chainId || g.chainId.length > 50) throw new Error('genesis: chain_id must be 1..50 characters');
  genesisTimeNs(g);
  const h = g.initialHeight ?? 1;
  if (!Number.isSafeInteger(h) || h < 1) throw new Error('genesis: initial_height must be >= 1');
}

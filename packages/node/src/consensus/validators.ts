// Validator sets as CometBFT orders and updates them (types/validator_set.go), minus proposer
// priorities: the single-validator driver always proposes with its own key.
import type { ValidatorUpdate } from '@scrtd/app';
import { bytesEqual, compareBytes } from '../util/bytes.js';
import { ed25519Address } from './key.js';
import type { Validator } from './types.js';

/** Voting power descending, then address ascending (ValidatorsByVotingPower). */
export function sortValidators(vals: Validator[]): Validator[] {
  return [...vals].sort((a, b) => (a.power === b.power ? compareBytes(a.address, b.address) : a.power > b.power ? -1 : 1));
}

export function validatorFromUpdate(u: ValidatorUpdate): Validator {
  if (u.pubKeyType !== 'ed25519') throw new Error(`unsupported validator key type ${u.pubKeyType}`);
  if (u.pubKey.length !== 32) throw new Error(`ed25519 validator key must be 32 bytes, got ${u.pubKey.length}`);
  if (u.power < 0n) throw new Error('negative validator power');
  return { address: ed25519Address(u.pubKey), pubKeyType: 'ed25519', pubKey: u.pubKey, power: u.power };
}

/** UpdateWithChangeSet: power 0 removes, otherwise add or replace; result sorted. */
export function applyValidatorUpdates(current: readonly Validator[], updates: readonly ValidatorUpdate[]): Validator[] {
  let next = [...current];
  for (const u of updates) {
    const v = validatorFromUpdate(u);
    next = next.filter((x) => !bytesEqual(x.address, v.address));
    if (v.power > 0n) next.push(v);
  }
  if (next.length === 0) throw new Error('validator updates would leave an empty validator set');
  return sortValidators(next);
}

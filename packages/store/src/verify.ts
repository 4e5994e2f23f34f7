// Full recomputation of the app hash from a state, independent of the persisted lattice vectors.
// O(state): for audits, tests and a future `verify` command, never on the block path.

import type { MultiStoreReader } from './types.js';
import { appHashOf, LtHash16 } from './lthash.js';

export function recomputeAppHash(state: MultiStoreReader, storeNames: readonly string[]): Uint8Array {
  const digests = new Map<string, Uint8Array>();
  for (const name of storeNames) {
    const l = LtHash16.zero();
    for (const [k, v] of state.getStore(name).iterate()) l.addPair(k, v);
    digests.set(name, l.digest());
  }
  return appHashOf(digests);
}

import { Params } from '../../proto.js';

/** The SDK defaults (secretjs-compat §7.1 requires exactly these). */
export function defaultAuthParams(): Params {
  return {
    maxMemoCharacters: 256n,
    txSigLimit: 7n,
    txSizeCostPerByte: 10n,
    sigVerifyCostEd25519: 590n,
    sigVerifyCostSecp256k1: 1000n,
  };
}

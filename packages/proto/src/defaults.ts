// The package-wide default registry, pre-loaded with every type this package defines.
// `createRegistry()` builds an independent one (tests, or a node wanting its own).

import { TypeRegistry } from './registry.js';
import { registerBase } from './cosmos/base.js';
import { registerTx } from './cosmos/tx.js';
import { registerBank } from './cosmos/bank.js';
import { registerAuth } from './cosmos/auth.js';
import { registerTendermint } from './cosmos/tendermint.js';
import { registerCompute } from './secret/compute/index.js';
import { registerRegistration } from './secret/registration.js';

export function createRegistry(): TypeRegistry {
  const reg = new TypeRegistry();
  registerBase(reg);
  registerTx(reg);
  registerBank(reg);
  registerAuth(reg);
  registerTendermint(reg);
  registerCompute(reg);
  registerRegistration(reg);
  return reg;
}

export const registry: TypeRegistry = createRegistry();

export function encodeAny(typeUrl: string, value: unknown, reg: TypeRegistry = registry) {
  return reg.encodeAny(typeUrl, value);
}

export function decodeAny<T = unknown>(any: { typeUrl: string; value: Uint8Array }, reg: TypeRegistry = registry) {
  return reg.decodeAny<T>(any);
}

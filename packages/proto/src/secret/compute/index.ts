// secret.compute.v1beta1: codecs plus their registration (type URLs, JSON declarations, amino).

import type { TypeRegistry } from '../../registry.js';
import { msgAmino, msgCodecs } from './msg.js';
import { queryCodecs } from './query.js';
import { stateCodecs } from './types.js';

export * from './types.js';
export * from './msg.js';
export * from './query.js';

export function registerCompute(reg: TypeRegistry): void {
  // Msgs and their responses may appear in Anys (tx bodies, TxMsgData.msg_responses).
  for (const c of msgCodecs) reg.register(c.typeUrl, c, c.json);
  for (const [typeUrl, amino] of msgAmino) reg.registerAmino(typeUrl, amino);
  // State and query types are only declared, for gateway JSON by name.
  for (const c of [...stateCodecs, ...queryCodecs]) reg.declare(c.name, c.json, c);
}

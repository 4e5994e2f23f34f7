// secret.registration.v1beta1 (secret-protocol.md §2.3–2.5, §10.3): node registration, master keys,
// genesis, and the tx-key / encrypted-seed queries.

import { defineMessage } from '../codec.js';
import { J } from '../json-spec.js';
import type { TypeRegistry } from '../registry.js';

const P = '/secret.registration.v1beta1.';

/** TxKey / RegistrationKey query response. */
export interface Key {
  key: Uint8Array;
}
export const Key = defineMessage<Key>(`${P}Key`, [{ no: 1, key: 'key', type: 'bytes' }]);

/** A raw 32-byte X25519 public key (since v1.7). */
export interface MasterKey {
  bytes: Uint8Array;
}
export const MasterKey = defineMessage<MasterKey>(`${P}MasterKey`, [{ no: 1, key: 'bytes', type: 'bytes' }]);

/** Stored at 0x01 ‖ node registration pubkey; encrypted_seed is 48 bytes per seed. */
export interface RegistrationNodeInfo {
  certificate: Uint8Array;
  encryptedSeed: Uint8Array;
}
export const RegistrationNodeInfo = defineMessage<RegistrationNodeInfo>(`${P}RegistrationNodeInfo`, [
  { no: 1, key: 'certificate', type: 'bytes' },
  { no: 2, key: 'encryptedSeed', type: 'bytes' },
]);

export interface GenesisState {
  registration: RegistrationNodeInfo[];
  nodeExchMasterKey: MasterKey | undefined;
  ioMasterKey: MasterKey | undefined;
}
export const GenesisState = defineMessage<GenesisState>(`${P}GenesisState`, [
  { no: 1, key: 'registration', type: 'message', codec: RegistrationNodeInfo, repeated: true },
  { no: 2, key: 'nodeExchMasterKey', type: 'message', codec: MasterKey },
  { no: 3, key: 'ioMasterKey', type: 'message', codec: MasterKey },
]);

/** Msg `RegisterAuth` (amino name `reg/authenticate`). */
export interface RaAuthenticate {
  sender: Uint8Array;
  certificate: Uint8Array;
  replaceMachineId: string;
}
export const RaAuthenticate = defineMessage<RaAuthenticate>(`${P}RaAuthenticate`, [
  { no: 1, key: 'sender', type: 'bytes', json: J.accAddress },
  { no: 2, key: 'certificate', type: 'bytes' },
  { no: 3, key: 'replaceMachineId', type: 'string' },
]);

export interface RaAuthenticateResponse {
  /** "S: <hex>". */
  data: string;
  /** JSON of the ABCI events. */
  events: string;
}
export const RaAuthenticateResponse = defineMessage<RaAuthenticateResponse>(`${P}RaAuthenticateResponse`, [
  { no: 1, key: 'data', type: 'string' },
  { no: 2, key: 'events', type: 'string' },
]);

export interface QueryEncryptedSeedRequest {
  pubKey: Uint8Array;
}
export const QueryEncryptedSeedRequest = defineMessage<QueryEncryptedSeedRequest>(`${P}QueryEncryptedSeedRequest`, [
  { no: 1, key: 'pubKey', type: 'bytes' },
]);

export interface QueryEncryptedSeedResponse {
  encryptedSeed: Uint8Array;
}
export const QueryEncryptedSeedResponse = defineMessage<QueryEncryptedSeedResponse>(`${P}QueryEncryptedSeedResponse`, [
  { no: 1, key: 'encryptedSeed', type: 'bytes' },
]);

export function registerRegistration(reg: TypeRegistry): void {
  for (const c of [RaAuthenticate, RaAuthenticateResponse]) reg.register(c.typeUrl, c, c.json);
  for (const c of [Key, MasterKey, RegistrationNodeInfo, GenesisState, QueryEncryptedSeedRequest, QueryEncryptedSeedResponse]) {
    reg.declare(c.name, c.json, c);
  }
}

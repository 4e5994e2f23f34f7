// Store-key prefixes of the registration module (store "register"), as in secret-protocol §2.3.
import { concat, utf8 } from '../../binary.js';

export const STORE = 'register';
export const RegistrationPrefix = Uint8Array.of(0x01); // 0x01 ‖ node_pubkey(32) → RegistrationNodeInfo
export const NodeExchMasterKey = concat(Uint8Array.of(0x02), utf8('NodeExchMasterKey'));
export const IoExchMasterKey = concat(Uint8Array.of(0x02), utf8('IoExchMasterKey'));

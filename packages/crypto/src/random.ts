// Secure randomness for key generation and client-side nonces only. Never use
// it in state-machine code: every node must compute the same result.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { fromBuffer } from './encoding.js';

export function randomBytes(length: number): Uint8Array {
  return fromBuffer(nodeRandomBytes(length));
}

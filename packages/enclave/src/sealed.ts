// Reads the seed list sealed by `bootstrapSeeds` (same format as seeds.ts). Internal: the seeds go
// straight into EnclaveKeys and are wiped; this module is not exported from the package index.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aesSivDecrypt, toUtf8 } from '@scrtd/crypto';
import { EnclaveError } from './enclave-error.js';

/** The sealed-file format, shared with bootstrapSeeds: AES-SIV under node.key, this AD, 32-byte seeds. */
export const SEAL_AD = toUtf8('scrtd-seal-v1');
export const SEED_LEN = 32;

export function unsealSeedList(dir: string): Uint8Array[] {
  const sealedPath = join(dir, 'seeds.sealed');
  const keyPath = join(dir, 'node.key');
  if (!existsSync(sealedPath)) throw new EnclaveError(`no sealed seeds in ${dir}`);
  if (!existsSync(keyPath)) throw new EnclaveError(`no node key at ${keyPath}`);
  const nodeKey = new Uint8Array(readFileSync(keyPath));
  let plain: Uint8Array;
  try {
    plain = aesSivDecrypt(nodeKey, new Uint8Array(readFileSync(sealedPath)), [SEAL_AD]);
  } catch {
    throw new EnclaveError('failed to unseal consensus seeds');
  } finally {
    nodeKey.fill(0);
  }
  if (plain.length === 0 || plain.length % SEED_LEN !== 0) throw new EnclaveError('sealed seed file is corrupt');
  const seeds: Uint8Array[] = [];
  for (let o = 0; o < plain.length; o += SEED_LEN) seeds.push(plain.slice(o, o + SEED_LEN));
  plain.fill(0);
  return seeds;
}

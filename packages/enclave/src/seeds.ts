// Consensus seeds: created at bootstrap, sealed to disk under a node-local key, never handed out.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnclaveError } from './enclave-error.js';
import { unsealSeedList, SEAL_AD, SEED_LEN } from './sealed.js';
import { aesSivEncrypt, deriveConsensusKey, DeriveOrder, randomBytes, x25519PublicKey } from '@scrtd/crypto';


export interface MasterPublicKeys {
  /** X25519 public key of the IO exchange key (the "tx key" clients encrypt to). */
  ioPubKey: Uint8Array;
  /** X25519 public key of the seed exchange key (registration of new nodes). */
  nodeExchPubKey: Uint8Array;
}

export { EnclaveError } from './enclave-error.js';

/** The public master keys of a seed list: derived from its last seed (secret-protocol §2.2). */
export function publicKeys(seeds: readonly Uint8Array[]): MasterPublicKeys {
  const last = seeds[seeds.length - 1]!;
  return {
    ioPubKey: x25519PublicKey(deriveConsensusKey(last, DeriveOrder.ioExchange)),
    nodeExchPubKey: x25519PublicKey(deriveConsensusKey(last, DeriveOrder.seedExchange)),
  };
}

/** The node-local sealing key (created on first bootstrap). */
function sealingKey(dir: string): Uint8Array {
  const path = join(dir, 'node.key');
  if (existsSync(path)) return new Uint8Array(readFileSync(path));
  const key = randomBytes(32);
  writeFileSync(path, key, { mode: 0o600 });
  return key;
}

/** Create the genesis and current seeds (as ecall_init_bootstrap does) and seal them into `dir`. */
export function bootstrapSeeds(dir: string): MasterPublicKeys {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const sealedPath = join(dir, 'seeds.sealed');
  if (existsSync(sealedPath)) throw new EnclaveError(`seeds already exist in ${dir}`);
  const seeds = [randomBytes(SEED_LEN), randomBytes(SEED_LEN)];
  const plain = new Uint8Array(SEED_LEN * seeds.length);
  seeds.forEach((s, i) => plain.set(s, i * SEED_LEN));
  writeFileSync(sealedPath, aesSivEncrypt(sealingKey(dir), plain, [SEAL_AD]), { mode: 0o600 });
  plain.fill(0);
  return publicKeys(seeds);
}

/** Unseal the seeds of `dir` and return the network's public master keys. */
export function loadSealedSeeds(dir: string): MasterPublicKeys {
  const seeds = unsealSeedList(dir);
  try {
    return publicKeys(seeds);
  } finally {
    for (const s of seeds) s.fill(0);
  }
}

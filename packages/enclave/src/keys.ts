// Every key derived from the consensus seeds (secret-protocol §2.2). Internal to the enclave:
// never exported from the package index, never handed to callers.
import { deriveConsensusKey, DeriveOrder, X25519Key } from '@scrtd/crypto';
import { EnclaveError } from './enclave-error.js';

export class EnclaveKeys {
  /** Number of consensus seeds the keys were derived from. */
  readonly seedCount: number;
  /** Order 1 of the last seed: encrypts seeds to registering nodes. */
  readonly seedExchangeKey: X25519Key;
  /** Order 2 of the last seed: the network IO ("tx") key. */
  readonly ioKey: X25519Key;
  /** Order 3 of every seed: ikm[0] authenticates contract keys, ikm[1] state keys, ikm[last] state values. */
  readonly stateIkm: readonly Uint8Array[];
  /** Order 4 of the last seed: contract-to-contract callback signatures. */
  readonly callbackSecret: Uint8Array;
  /** Order 5 of the last seed: block-random encryption. */
  readonly randomEncryptionKey: Uint8Array;
  /** Order 6 of the last seed: block-random HMAC proof. */
  readonly initialRandomnessSeed: Uint8Array;
  /** Order 7 of the last seed: admin proofs. */
  readonly adminProofSecret: Uint8Array;
  /** Order 8 of the last seed: contract-key proofs. */
  readonly contractKeyProofSecret: Uint8Array;

  private constructor(seeds: readonly Uint8Array[]) {
    if (seeds.length === 0) throw new EnclaveError('no consensus seeds');
    for (const s of seeds) if (!(s instanceof Uint8Array) || s.length !== 32) throw new EnclaveError('consensus seeds must be 32 bytes');
    const last = seeds[seeds.length - 1]!;
    this.seedCount = seeds.length;
    const seedExchange = deriveConsensusKey(last, DeriveOrder.seedExchange);
    const io = deriveConsensusKey(last, DeriveOrder.ioExchange);
    this.seedExchangeKey = new X25519Key(seedExchange);
    this.ioKey = new X25519Key(io);
    seedExchange.fill(0);
    io.fill(0);
    this.stateIkm = Object.freeze(seeds.map((s) => deriveConsensusKey(s, DeriveOrder.stateIkm)));
    this.callbackSecret = deriveConsensusKey(last, DeriveOrder.callbackSecret);
    this.randomEncryptionKey = deriveConsensusKey(last, DeriveOrder.randomnessEncryption);
    this.initialRandomnessSeed = deriveConsensusKey(last, DeriveOrder.initialRandomnessSeed);
    this.adminProofSecret = deriveConsensusKey(last, DeriveOrder.adminProof);
    this.contractKeyProofSecret = deriveConsensusKey(last, DeriveOrder.contractKeyProof);
  }

  /** Derive all keys; the caller keeps ownership of (and should wipe) the seed bytes. */
  static fromSeeds(seeds: readonly Uint8Array[]): EnclaveKeys {
    return new EnclaveKeys(seeds);
  }
}

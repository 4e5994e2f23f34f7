// The enclave facade: the only object outside code talks to. Software backend (development only);
// a TEE backend implements the same EnclaveBackend interface. Seeds and derived keys live in a
// private field; every method takes and returns plain data or opaque tx-key handles.
import { callbackSignature, verifyCallbackSignature, type Coin } from './callback.js';
import { generateContractKey, verifyContractKey } from './contract-key.js';
import * as io from './io.js';
import type { ApiVersion, OpenedInput, TxKeyHandle } from './io.js';
import { EnclaveKeys } from './keys.js';
import { unsealSeedList } from './sealed.js';
import type { MasterPublicKeys } from './seeds.js';
import { decryptStateValue, encryptStateKey, encryptStateValue } from './state.js';

export interface EnclaveBackend {
  /** Public master keys (IO and seed-exchange) of the last seed. */
  publicKeys(): MasterPublicKeys;
  /** Open an encrypted contract input and check its code hash (§3). */
  openInput(wire: Uint8Array, expectedCodeHashHex: string): OpenedInput;
  /** Handle for (nonce, user key) without a ciphertext, e.g. reply inputs (§9.2). */
  txKeyFor(nonce: Uint8Array, userPublicKey: Uint8Array): TxKeyHandle;
  encryptData(tx: TxKeyHandle, data: Uint8Array): Uint8Array;
  encryptQueryResult(tx: TxKeyHandle, base64Text: string): Uint8Array;
  encryptAttribute(tx: TxKeyHandle, text: string): string;
  encryptError(tx: TxKeyHandle, apiVersion: ApiVersion, err: unknown): string;
  generateContractKey(
    senderCanonical: Uint8Array,
    height: bigint | number,
    codeHash: Uint8Array,
    contractCanonical: Uint8Array,
    ogKey?: Uint8Array,
  ): Uint8Array;
  verifyContractKey(contractKey: Uint8Array, codeHash: Uint8Array, contractCanonical: Uint8Array, ogKey?: Uint8Array): boolean;
  encryptStateKey(contractKey: Uint8Array, plainKey: Uint8Array): Uint8Array;
  encryptStateValue(contractKey: Uint8Array, storedKey: Uint8Array, value: Uint8Array, salt: Uint8Array): Uint8Array;
  decryptStateValue(contractKey: Uint8Array, storedKey: Uint8Array, storedValue: Uint8Array): Uint8Array;
  callbackSignature(ciphertext: Uint8Array, funds: readonly Coin[]): Uint8Array;
  verifyCallbackSignature(ciphertext: Uint8Array, funds: readonly Coin[], signature: Uint8Array): boolean;
}

export class Enclave implements EnclaveBackend {
  readonly #keys: EnclaveKeys;

  private constructor(keys: EnclaveKeys) {
    this.#keys = keys;
  }

  /** Unseal the seeds written by `bootstrapSeeds(dir)`; they are wiped once the keys are derived. */
  static load(dir: string): Enclave {
    const seeds = unsealSeedList(dir);
    try {
      return new Enclave(EnclaveKeys.fromSeeds(seeds));
    } finally {
      for (const s of seeds) s.fill(0);
    }
  }

  /** Tests and simulators only: an enclave over caller-chosen seeds. */
  static fromSeeds(seeds: readonly Uint8Array[]): Enclave {
    return new Enclave(EnclaveKeys.fromSeeds(seeds));
  }

  publicKeys(): MasterPublicKeys {
    return {
      ioPubKey: Uint8Array.from(this.#keys.ioKey.publicKey),
      nodeExchPubKey: Uint8Array.from(this.#keys.seedExchangeKey.publicKey),
    };
  }

  openInput(wire: Uint8Array, expectedCodeHashHex: string): OpenedInput {
    return io.openInput(this.#keys, wire, expectedCodeHashHex);
  }
  txKeyFor(nonce: Uint8Array, userPublicKey: Uint8Array): TxKeyHandle {
    return io.txKeyFor(this.#keys, nonce, userPublicKey);
  }
  encryptData(tx: TxKeyHandle, data: Uint8Array): Uint8Array {
    return io.encryptData(tx, data);
  }
  encryptQueryResult(tx: TxKeyHandle, base64Text: string): Uint8Array {
    return io.encryptQueryResult(tx, base64Text);
  }
  encryptAttribute(tx: TxKeyHandle, text: string): string {
    return io.encryptAttribute(tx, text);
  }
  encryptError(tx: TxKeyHandle, apiVersion: ApiVersion, err: unknown): string {
    return io.encryptError(tx, apiVersion, err);
  }

  generateContractKey(
    senderCanonical: Uint8Array,
    height: bigint | number,
    codeHash: Uint8Array,
    contractCanonical: Uint8Array,
    ogKey?: Uint8Array,
  ): Uint8Array {
    return generateContractKey(this.#keys, senderCanonical, height, codeHash, contractCanonical, ogKey);
  }
  verifyContractKey(contractKey: Uint8Array, codeHash: Uint8Array, contractCanonical: Uint8Array, ogKey?: Uint8Array): boolean {
    return verifyContractKey(this.#keys, contractKey, codeHash, contractCanonical, ogKey);
  }

  encryptStateKey(contractKey: Uint8Array, plainKey: Uint8Array): Uint8Array {
    return encryptStateKey(this.#keys, contractKey, plainKey);
  }
  encryptStateValue(contractKey: Uint8Array, storedKey: Uint8Array, value: Uint8Array, salt: Uint8Array): Uint8Array {
    return encryptStateValue(this.#keys, contractKey, storedKey, value, salt);
  }
  decryptStateValue(contractKey: Uint8Array, storedKey: Uint8Array, storedValue: Uint8Array): Uint8Array {
    return decryptStateValue(this.#keys, contractKey, storedKey, storedValue);
  }

  callbackSignature(ciphertext: Uint8Array, funds: readonly Coin[]): Uint8Array {
    return callbackSignature(this.#keys, ciphertext, funds);
  }
  verifyCallbackSignature(ciphertext: Uint8Array, funds: readonly Coin[], signature: Uint8Array): boolean {
    return verifyCallbackSignature(this.#keys, ciphertext, funds, signature);
  }
}

/** Load the software enclave from a sealed directory (see `bootstrapSeeds`). */
export function loadEnclave(dir: string): Enclave {
  return Enclave.load(dir);
}


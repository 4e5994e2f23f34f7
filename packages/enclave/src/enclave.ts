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
import { createRuntime, type RuntimeOptions } from '@scrtd/vm';
import { ContractEngine } from './contract/engine.js';
import type {
  CallResult,
  ContractOutput,
  ExecuteRequest,
  InitOutput,
  InitRequest,
  MigrateOutput,
  MigrateRequest,
  QueryRequest,
  QueryResult,
  ReplyRequest,
  UpdateAdminRequest,
} from './contract/types.js';

export interface EnclaveOptions {
  /** Options of the contract runtime the enclave drives (module cache and so on). */
  vm?: RuntimeOptions;
}

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

  // Contract execution (the ecalls): plain data in, ciphertext and public data out.
  /** The 32-byte random of a block (§2.6), asked for once per block. */
  blockRandom(height: bigint, headerHash: Uint8Array): Uint8Array;
  instantiateContract(req: InitRequest): CallResult<InitOutput>;
  executeContract(req: ExecuteRequest): CallResult<ContractOutput>;
  replyToContract(req: ReplyRequest): CallResult<ContractOutput>;
  migrateContract(req: MigrateRequest): CallResult<MigrateOutput>;
  updateContractAdmin(req: UpdateAdminRequest): CallResult<{ adminProof: Uint8Array }>;
  queryContract(req: QueryRequest): QueryResult;
}

export class Enclave implements EnclaveBackend {
  readonly #keys: EnclaveKeys;
  readonly #engine: ContractEngine;

  private constructor(keys: EnclaveKeys, options: EnclaveOptions) {
    this.#keys = keys;
    this.#engine = new ContractEngine(keys, createRuntime(options.vm));
  }

  /** Unseal the seeds written by `bootstrapSeeds(dir)`; they are wiped once the keys are derived. */
  static load(dir: string, options: EnclaveOptions = {}): Enclave {
    const seeds = unsealSeedList(dir);
    try {
      return new Enclave(EnclaveKeys.fromSeeds(seeds), options);
    } finally {
      for (const s of seeds) s.fill(0);
    }
  }

  /** Tests and simulators only: an enclave over caller-chosen seeds. */
  static fromSeeds(seeds: readonly Uint8Array[], options: EnclaveOptions = {}): Enclave {
    return new Enclave(EnclaveKeys.fromSeeds(seeds), options);
  }

  blockRandom(height: bigint, headerHash: Uint8Array): Uint8Array {
    return this.#engine.blockRandom(height, headerHash);
  }
  instantiateContract(req: InitRequest): CallResult<InitOutput> {
    return this.#engine.init(req);
  }
  executeContract(req: ExecuteRequest): CallResult<ContractOutput> {
    return this.#engine.execute(req);
  }
  replyToContract(req: ReplyRequest): CallResult<ContractOutput> {
    return this.#engine.reply(req);
  }
  migrateContract(req: MigrateRequest): CallResult<MigrateOutput> {
    return this.#engine.migrate(req);
  }
  updateContractAdmin(req: UpdateAdminRequest) {
    return this.#engine.updateAdmin(req);
  }
  queryContract(req: QueryRequest): QueryResult {
    return this.#engine.query(req);
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
export function loadEnclave(dir: string, options: EnclaveOptions = {}): Enclave {
  return Enclave.load(dir, options);
}


// The plain-data API of contract execution inside the enclave: requests carry public data, opaque
// ciphertexts and host callbacks (storage, chain queries); results carry ciphertext or public data.
// A TEE backend implements the same shapes (ARCHITECTURE.md, "The enclave").
import type { ApiVersion } from '../io.js';
import type { Coin } from '../callback.js';

/**
 * The contract's slice of the host store (the host prefixes `0x03 ‖ contract address`). The host
 * also prices each operation in SDK gas (its KV gas table applied to the full stored key and value),
 * which the enclave charges to the contract's wasm gas.
 */
export interface ContractStore {
  get(key: Uint8Array): Uint8Array | undefined;
  set(key: Uint8Array, value: Uint8Array): void;
  remove(key: Uint8Array): void;
  readGas(key: Uint8Array, value: Uint8Array | undefined): bigint;
  writeGas(key: Uint8Array, value: Uint8Array): bigint;
  removeGas(key: Uint8Array): bigint;
}

/** What the host answers to a contract's query_chain, after the enclave encrypted wasm queries. */
export type HostQueryAnswer =
  /** A contract query answered: its encrypted data (QuerySecretContractResponse.data). */
  | { kind: 'contract_ok'; data: Uint8Array; gasUsed: bigint }
  /** A contract query failed: the error text the node would return (may hold `encrypted: …`). */
  | { kind: 'contract_err'; error: string; gasUsed: bigint }
  /** Any other query: the SystemResult JSON for the contract, verbatim. */
  | { kind: 'system'; response: Uint8Array; gasUsed: bigint };

export interface HostQuerier {
  /** `wasm.smart` to another contract; `wire` is the encrypted query. SDK gas limit and used. */
  smart(contractAddress: string, codeHash: string, wire: Uint8Array, depth: number, gasLimit: bigint): HostQueryAnswer;
  /** Any other QueryRequest (plaintext JSON: bank, staking, …). */
  other(request: unknown, depth: number, gasLimit: bigint): HostQueryAnswer;
}

export interface CodeRef {
  /** Lower-case hex sha256 of the wasm. */
  hash: string;
  /** The byte code, loaded only when the vm has no compiled module for the hash. */
  wasm: () => Uint8Array;
  apiVersion: ApiVersion;
  requiresRandom: boolean;
}

export interface BlockEnv {
  height: bigint;
  timeNs: bigint;
  chainId: string;
  /** The block's random (from `blockRandom`); required for contracts with requires_random. */
  random?: Uint8Array;
}

export interface ContractKeys {
  og: Uint8Array;
  /** After a migration: the current key and its proof (§6.5). */
  current?: Uint8Array;
  currentProof?: Uint8Array;
}

interface CallCommon {
  code: CodeRef;
  block: BlockEnv;
  contractAddress: string;
  contractCanonical: Uint8Array;
  /** v1 env.transaction (null in simulation). */
  transaction: { index: number; hash: string } | null;
  /** Wasm gas. */
  gasLimit: bigint;
  store: ContractStore;
  querier: HostQuerier;
  /** Only calls that land in a block move the enclave's message counter (§2.6). */
  inBlock: boolean;
}

/** Who is calling: a signed tx (the ante handler verified it) or another contract (callback signature). */
export interface Caller {
  sender: string;
  senderCanonical: Uint8Array;
  funds: readonly Coin[];
  /** Set for contract-originated calls: sha256(callback secret ‖ ciphertext ‖ funds JSON). */
  callbackSig?: Uint8Array;
}

export interface InitRequest extends CallCommon, Caller {
  /** The encrypted init msg. */
  msg: Uint8Array;
  /** Bech32 admin or "", and its canonical bytes (empty if none). */
  adminCanonical: Uint8Array;
}

export interface ExecuteRequest extends CallCommon, Caller {
  keys: ContractKeys;
  msg: Uint8Array;
}

/** A reply to a sub-message, as the host assembled it (§9.2). */
export interface ReplyRequest extends CallCommon {
  keys: ContractKeys;
  /** nonce ‖ user public key of the original message. */
  nonce: Uint8Array;
  userPublicKey: Uint8Array;
  reply: SubMsgReply;
}

export type SubMsgReply =
  /** Reply to a Wasm sub-message: id, data and error are sealed by the callee's enclave and signed. */
  | { encrypted: true; id: Uint8Array; result: { ok: { events: unknown[]; data: Uint8Array | null } } | { error: Uint8Array }; signature: Uint8Array }
  /** Reply to a non-Wasm sub-message (bank, …) or a failure before the callee ran: plaintext. */
  | { encrypted: false; id: bigint; result: { ok: { events: unknown[]; data: Uint8Array | null } } | { error: string } };

export interface MigrateRequest extends CallCommon, Caller {
  keys: ContractKeys;
  /** Proof of the current admin (ContractInfo.admin_proof); the sender must be that admin. */
  adminProof: Uint8Array;
  msg: Uint8Array;
}

export interface UpdateAdminRequest {
  contractCanonical: Uint8Array;
  keys: ContractKeys;
  senderCanonical: Uint8Array;
  adminProof: Uint8Array;
  /** Empty to clear the admin. */
  newAdminCanonical: Uint8Array;
  callbackSig?: Uint8Array;
}

export interface QueryRequest {
  code: CodeRef;
  block: BlockEnv;
  contractAddress: string;
  contractCanonical: Uint8Array;
  keys: ContractKeys;
  msg: Uint8Array;
  gasLimit: bigint;
  store: ContractStore;
  querier: HostQuerier;
  /** 1 for a query from a client; incremented per nested query (limit 10). */
  depth: number;
}

export interface PublicAttribute {
  key: string;
  value: string;
}

/** An outgoing sub-message. Wasm messages carry an encrypted msg and a callback signature. */
export interface SubMessage {
  /** The contract's id for non-Wasm messages; 0 for Wasm ones (the real id travels encrypted). */
  id: bigint;
  replyOn: 'always' | 'error' | 'success' | 'never';
  gasLimit: bigint | null;
  msg: OutgoingMsg;
}

export type OutgoingMsg =
  | { bank: { send: { toAddress: string; amount: Coin[] } } | { burn: { amount: Coin[] } } }
  | { wasm: WasmOutgoing }
  | { other: unknown };

export type WasmOutgoing =
  | { execute: { contractAddress: string; codeHash: string; msg: Uint8Array; funds: Coin[]; callbackSig: Uint8Array } }
  | { instantiate: { codeId: bigint; codeHash: string; msg: Uint8Array; funds: Coin[]; label: string; admin: string; callbackSig: Uint8Array } }
  | { migrate: { contractAddress: string; codeId: bigint; codeHash: string; msg: Uint8Array; callbackSig: Uint8Array } }
  | { updateAdmin: { contractAddress: string; admin: string; callbackSig: Uint8Array } }
  | { clearAdmin: { contractAddress: string; callbackSig: Uint8Array } };

export interface ContractOutput {
  /** Encrypted data (raw ciphertext), or null when the contract returned none. */
  data: Uint8Array | null;
  /** Attributes of the `wasm` event, encrypted unless the contract marked them plaintext. */
  attributes: PublicAttribute[];
  /** v1 custom events (type as given; the host prefixes `wasm-`). */
  events: { type: string; attributes: PublicAttribute[] }[];
  messages: SubMessage[];
  /** When this call answers a sub-message that wants a reply: the sealed id and the reply signature. */
  internalReply?: { id: Uint8Array; signature: Uint8Array };
  /** Wasm gas. */
  gasUsed: bigint;
}

/** Why a call failed, in the forms the host reports. */
export type CallFailure =
  /** The contract returned Err: base64 of the sealed error (→ `encrypted: <b64>: <op> contract failed`). */
  | { kind: 'contract'; encrypted: string; internalReply?: { id: Uint8Array; signature: Uint8Array }; gasUsed: bigint }
  | { kind: 'out_of_gas'; gasUsed: bigint }
  /** Any other failure: the enclave's plaintext reason (`Enclave: …`-style text without secrets). */
  | { kind: 'enclave'; message: string; gasUsed: bigint };

export type CallResult<T> = ({ ok: true } & T) | ({ ok: false } & { failure: CallFailure });

export interface InitOutput extends ContractOutput {
  contractKey: Uint8Array;
  adminProof: Uint8Array;
}

export interface MigrateOutput extends ContractOutput {
  newContractKey: Uint8Array;
  newContractKeyProof: Uint8Array;
  /** A new admin proof bound to the og key (unchanged admin). */
}

export type QueryResult = { ok: true; data: Uint8Array; gasUsed: bigint } | { ok: false; failure: CallFailure };

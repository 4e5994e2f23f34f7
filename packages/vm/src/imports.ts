// The host functions a Secret contract may import at upload (secret-protocol.md §7.4), per API
// version, with the exact wasm signature the host will link. Checking the signature at upload
// turns a link failure at instantiate time into a clear store-code error.

import type { ValType } from './types.js';

export type ApiVersion = 'v0.10' | 'v1';

export interface HostSignature {
  params: readonly ValType[];
  results: readonly ValType[];
}

const sig = (params: string, results: string): HostSignature => ({
  params: params ? (params.split(',') as ValType[]) : [],
  results: results ? (results.split(',') as ValType[]) : [],
});

/** Signatures of every host import, whichever version may use it. */
export const HOST_SIGNATURES: Readonly<Record<string, HostSignature>> = {
  db_read: sig('i32', 'i32'),
  db_write: sig('i32,i32', ''),
  db_remove: sig('i32', ''),
  // Iterators: accepted at upload but not linked by the enclave (§7.5). Signatures as in CosmWasm's
  // iterator feature: db_scan(start, end, order) -> iterator id, db_next(iterator id) -> Region ptr.
  db_scan: sig('i32,i32,i32', 'i32'),
  db_next: sig('i32', 'i32'),
  canonicalize_address: sig('i32,i32', 'i32'),
  humanize_address: sig('i32,i32', 'i32'),
  addr_validate: sig('i32', 'i32'),
  addr_canonicalize: sig('i32,i32', 'i32'),
  addr_humanize: sig('i32,i32', 'i32'),
  query_chain: sig('i32', 'i32'),
  debug_print: sig('i32', ''),
  debug: sig('i32', ''),
  secp256k1_verify: sig('i32,i32,i32', 'i32'),
  secp256k1_recover_pubkey: sig('i32,i32,i32', 'i64'),
  secp256k1_sign: sig('i32,i32', 'i64'),
  ed25519_verify: sig('i32,i32,i32', 'i32'),
  ed25519_batch_verify: sig('i32,i32,i32', 'i32'),
  ed25519_sign: sig('i32,i32', 'i64'),
  dcap_quote_verify: sig('i32,i32', 'i64'),
  check_gas: sig('', 'i64'),
  gas_evaporate: sig('i32', 'i32'),
};

const COMMON = [
  'db_read',
  'db_write',
  'db_remove',
  'db_scan',
  'db_next',
  'query_chain',
  'secp256k1_verify',
  'secp256k1_recover_pubkey',
  'secp256k1_sign',
  'ed25519_verify',
  'ed25519_batch_verify',
  'ed25519_sign',
];

/**
 * Store-time whitelists. v0.10's `debug_print` is listed by the reference as "debug builds only";
 * this node accepts it on every build (the host treats it as a no-op), because refusing it would
 * reject v0.10 contracts that mainnet's debug-enabled testnets accept and it has no effect on state.
 */
export const ALLOWED_IMPORTS: Readonly<Record<ApiVersion, ReadonlySet<string>>> = {
  'v0.10': new Set([...COMMON, 'canonicalize_address', 'humanize_address', 'debug_print']),
  v1: new Set([
    ...COMMON,
    'addr_validate',
    'addr_canonicalize',
    'addr_humanize',
    'dcap_quote_verify',
    'debug',
    'gas_evaporate',
    'check_gas',
  ]),
};

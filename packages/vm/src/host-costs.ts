// Wasm-gas costs of host functions (secret-protocol §7.4), subtracted from the same counter as
// instruction gas. 1 SDK gas = 1,000 wasm gas (§8).
export const GAS_MULTIPLIER = 1000n;

export const HostCost = {
  dbReadBase: 1_000n,
  dbWriteBase: 2_000n,
  dbWritePerValueByte: 5_000n,
  addressOp: 8_192n,
  secp256k1Verify: 98_304n,
  secp256k1RecoverPubkey: 98_304n,
  ed25519Verify: 73_728n,
  ed25519BatchBase: 5_000n,
  ed25519BatchPerSignature: 70_000n,
  secp256k1Sign: 100_000n,
  ed25519Sign: 75_000n,
  dcapQuoteVerify: 100_000n,
  checkGas: 8_192n,
  debug: 0n,
} as const;

/** gas_evaporate(n) burns max(n × 1000, 8000) wasm gas. */
export function gasEvaporateCost(n: number): bigint {
  const c = BigInt(n >>> 0) * 1000n;
  return c > 8000n ? c : 8000n;
}

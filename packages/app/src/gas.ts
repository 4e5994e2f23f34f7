// Gas metering with the Cosmos SDK's semantics and Secret's KV gas table (about 10× below upstream).
import { SdkErrors } from './errors.js';

export class OutOfGasError extends Error {
  constructor(readonly descriptor: string, readonly limit: number, readonly consumed: number) {
    super(`out of gas in location: ${descriptor}; gasWanted: ${limit}, gasUsed: ${consumed}`);
    this.name = 'OutOfGasError';
  }
  toCosmos() {
    return SdkErrors.OutOfGas.wrap(this.message);
  }
}

/**
 * Gas is a uint64 in the SDK. Limits above 2^53 cannot be reached by any real consumption here, so
 * they are clamped to MAX_SAFE_INTEGER, which keeps the meter in fast number arithmetic deterministically.
 */
export function clampGas(limit: bigint): number {
  return limit > MAX_SAFE_GAS ? Number.MAX_SAFE_INTEGER : Number(limit);
}
const MAX_SAFE_GAS = BigInt(Number.MAX_SAFE_INTEGER);

export interface GasMeter {
  readonly limit: number;
  consumed(): number;
  consume(amount: number, descriptor: string): void;
  remaining(): number;
}

export class BasicGasMeter implements GasMeter {
  private used = 0;
  constructor(readonly limit: number) {}
  consumed(): number {
    return this.used;
  }
  remaining(): number {
    return this.used >= this.limit ? 0 : this.limit - this.used;
  }
  consume(amount: number, descriptor: string): void {
    const next = this.used + amount;
    // The SDK records the consumption before panicking, so gasUsed in the error includes it.
    this.used = next > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : next;
    if (this.used > this.limit) throw new OutOfGasError(descriptor, this.limit, this.used);
  }
}

/** A meter for contexts without a limit (genesis, begin/end block, queries of plain modules). */
export class InfiniteGasMeter implements GasMeter {
  private used = 0;
  readonly limit = Number.MAX_SAFE_INTEGER;
  consumed(): number {
    return this.used;
  }
  remaining(): number {
    return Number.MAX_SAFE_INTEGER;
  }
  consume(amount: number): void {
    this.used += amount;
  }
}

export interface KVGasConfig {
  hasCost: number;
  deleteCost: number;
  readCostFlat: number;
  readCostPerByte: number;
  writeCostFlat: number;
  writeCostPerByte: number;
  iterNextCostFlat: number;
}

/** Secret Network's store fork (secretjs-compat §11, secret-protocol §8). */
export const SECRET_KV_GAS: KVGasConfig = {
  hasCost: 100,
  deleteCost: 100,
  readCostFlat: 100,
  readCostPerByte: 1,
  writeCostFlat: 200,
  writeCostPerByte: 5,
  iterNextCostFlat: 5,
};

// Errors of a contract call (as opposed to VmError, which is about code at upload/instrumentation).
// Every code is a deterministic function of the code, inputs and gas limit.

export type VmRuntimeErrorCode =
  /** A gas charge failed (instruction gas or a host-function cost). */
  | 'out_of_gas'
  /** The instrumented stack budget (frames weighted by params + locals) was exhausted. */
  | 'stack_overflow'
  /** The contract passed the host an unusable Region (null, out of bounds, too long, too small). */
  | 'region'
  /** Any other trap (`unreachable`, out-of-bounds access, division by zero, …): "the contract panicked". */
  | 'panic'
  /** The requested entry point is not exported, is not a function, or has the wrong signature. */
  | 'missing_entry'
  /** db_write / db_remove during a query. */
  | 'unauthorized_write'
  /** A host import Secret does not link (db_scan, db_next) or one the caller did not wire (query_chain). */
  | 'unsupported'
  /** A malformed "sections" argument of ed25519_batch_verify. */
  | 'sections'
  /** No compiled module for the code hash and no wasm given, or the wasm does not hash to it. */
  | 'missing_code'
  /** Instrumentation / compilation / instantiation of the module failed. */
  | 'instantiate'
  /** The JSON the contract returned is not a valid result (results.ts). */
  | 'invalid_result';

export class VmRuntimeError extends Error {
  override readonly name = 'VmRuntimeError';
  constructor(
    readonly code: VmRuntimeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

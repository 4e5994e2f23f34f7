// Error types of the vm package. Two layers on purpose: the binary reader speaks only about bytes
// (WasmError, with the byte offset where decoding failed); the upload checks speak about Secret
// Network policy (VmError, with a stable machine-readable `code` so callers can map it to an ABCI
// error without parsing message text).

/** Malformed or unsupported WebAssembly binary. `offset` is the byte position of the problem. */
export class WasmError extends Error {
  override readonly name = 'WasmError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

export type VmErrorCode =
  | 'invalid_wasm'
  | 'unsupported_api'
  | 'missing_export'
  | 'forbidden_import'
  | 'import_signature'
  | 'memory'
  | 'start_section'
  | 'floating_point'
  | 'feature'
  | 'too_large'
  | 'gzip'
  | 'empty';

/** A contract that Secret Network would refuse (or that cannot be decoded at all). */
export class VmError extends Error {
  override readonly name = 'VmError';
  constructor(
    readonly code: VmErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

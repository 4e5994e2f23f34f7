// Typed enclave failures. The texts are the enclave's own (secret-protocol §4.3, "Enclave: <reason>").
import { EnclaveError } from './enclave-error.js';

export const EnclaveErrorCode = {
  decrypt: 'failed to decrypt data',
  validate: 'failed to validate transaction',
  state: 'failed to decrypt contract state',
  badInput: 'invalid enclave input',
} as const;
export type EnclaveErrorCode = keyof typeof EnclaveErrorCode;

/** An EnclaveError whose `code` callers may switch on; `message` is the enclave's error text. */
export class EnclaveCodedError extends EnclaveError {
  constructor(
    readonly code: EnclaveErrorCode,
    detail?: string,
  ) {
    super(detail ? `${EnclaveErrorCode[code]}: ${detail}` : EnclaveErrorCode[code]);
    this.name = 'EnclaveCodedError';
  }
}

/** Constant-time equality of two byte strings (length is not secret). */
export function ctEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

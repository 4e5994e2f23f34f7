/** A failure inside the enclave boundary (never carries secret material in its message). */
export class EnclaveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnclaveError';
  }
}

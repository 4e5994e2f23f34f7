// Turns MsgStoreCode's `wasm_byte_code` into plain wasm bytes (secret-protocol.md §6.1): size
// limits, optional gzip inflation with a hard output cap (so a gzip bomb stops at the cap instead
// of exhausting memory), and the code hash.

import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { VmError } from './errors.js';

/** 2 MiB: MsgStoreCode's raw-bytes limit and the default of the `max_contract_size` param. */
export const DEFAULT_MAX_CONTRACT_SIZE = 2 * 1024 * 1024;
export const MAX_UPLOAD_SIZE = 2 * 1024 * 1024;

export interface UploadOptions {
  /** Limit on the (decompressed) wasm, the `max_contract_size` param. Default 2 MiB. */
  maxSize?: number;
  /** Limit on the bytes as sent in the message (ValidateBasic). Default 2 MiB. */
  maxUploadSize?: number;
}

export interface DecodedUpload {
  wasm: Uint8Array;
  gzipped: boolean;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

/**
 * Applies the upload size rules and inflates gzip input. `maxSize` applies to raw wasm too: an
 * uncompressed upload is its own decompressed form, so it must fit `max_contract_size` as well.
 */
export function decodeUpload(bytes: Uint8Array, options: UploadOptions = {}): DecodedUpload {
  const maxSize = options.maxSize ?? DEFAULT_MAX_CONTRACT_SIZE;
  const maxUpload = options.maxUploadSize ?? MAX_UPLOAD_SIZE;
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new VmError('empty', 'wasm byte code is empty');
  if (bytes.length > maxUpload) {
    throw new VmError('too_large', `uploaded code is ${bytes.length} bytes, more than the ${maxUpload}-byte limit`);
  }
  if (!isGzip(bytes)) {
    if (bytes.length > maxSize) {
      throw new VmError('too_large', `contract code is ${bytes.length} bytes, more than max_contract_size ${maxSize}`);
    }
    return { wasm: bytes, gzipped: false };
  }
  let out: Buffer;
  try {
    out = gunzipSync(bytes, { maxOutputLength: Math.max(1, maxSize) });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new VmError('too_large', `decompressed contract code exceeds max_contract_size ${maxSize}`, { cause: e });
    }
    throw new VmError('gzip', `cannot decompress gzip code: ${(e as Error).message}`, { cause: e });
  }
  if (out.length > maxSize) {
    throw new VmError('too_large', `decompressed contract code exceeds max_contract_size ${maxSize}`);
  }
  if (out.length === 0) throw new VmError('empty', 'decompressed wasm byte code is empty');
  // A plain Uint8Array view, so callers never depend on Buffer semantics.
  return { wasm: new Uint8Array(out.buffer, out.byteOffset, out.length), gzipped: true };
}

/** Code hash: SHA-256 of the decompressed wasm, lower-case hex. */
export function codeHash(wasm: Uint8Array): string {
  return createHash('sha256').update(wasm).digest('hex');
}

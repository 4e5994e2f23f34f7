// On-disk cache of instrumented contract code, so that a restarted node does not re-run analysis
// and instrumentation for every contract it calls. V8 still compiles the wasm on load: Node 20
// exposes no API to persist compiled wasm machine code.
//
// One file per (code hash, INSTRUMENT_VERSION, instrumentation options):
//   "SCRTDVMC" | u32 LE format version | u32 LE header length | header JSON | instrumented wasm
// The header names the code hash, versions and options it was produced for, the export-signature
// table, and the length and SHA-256 of the wasm that follows. A file that does not match in every
// respect is ignored (the caller re-instruments and overwrites it). Files are written atomically
// (temporary file in the same directory, then rename), so a crash leaves either the old file, the
// new one or none, never a torn one. The directory is trusted like the rest of the node's home:
// the hash detects corruption, not an adversary able to write there.

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTRUMENT_VERSION } from './instrument.js';

const MAGIC = new TextEncoder().encode('SCRTDVMC');
/** Version of the file layout itself (independent of INSTRUMENT_VERSION). */
export const MODULE_CACHE_FORMAT = 1;

/** What is cached for one contract: everything a call needs besides V8's compilation. */
export interface CachedCode {
  /** Instrumented wasm. */
  wasm: Uint8Array;
  /** Exported function name → "i32,i32->i32"-style signature in the original module. */
  functions: Map<string, string>;
}

interface Header {
  codeHash: string;
  instrumentVersion: number;
  options: string;
  functions: [string, string][];
  wasmLength: number;
  wasmSha256: string;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export class DiskModuleCache {
  /**
   * @param dir directory of the cache files (created if missing)
   * @param options canonical text of the instrumentation options (part of every key)
   */
  constructor(
    readonly dir: string,
    private readonly options: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Path of the file for a code hash (lower-case hex). */
  path(codeHash: string): string {
    const opts = sha256(new TextEncoder().encode(this.options)).slice(0, 12);
    return join(this.dir, `${codeHash}.i${INSTRUMENT_VERSION}.${opts}.wasmc`);
  }

  /** The cached code, or undefined if absent, unreadable, stale or corrupt. Never throws. */
  load(codeHash: string): CachedCode | undefined {
    let file: Uint8Array;
    try {
      file = readFileSync(this.path(codeHash));
    } catch {
      return undefined;
    }
    try {
      if (file.length < 16 || !MAGIC.every((b, i) => file[i] === b)) return undefined;
      const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
      if (view.getUint32(8, true) !== MODULE_CACHE_FORMAT) return undefined;
      const headerLength = view.getUint32(12, true);
      if (16 + headerLength > file.length) return undefined;
      const h = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(16, 16 + headerLength))) as Header;
      if (h.codeHash !== codeHash || h.instrumentVersion !== INSTRUMENT_VERSION || h.options !== this.options) return undefined;
      const wasm = new Uint8Array(file.buffer, file.byteOffset + 16 + headerLength, file.length - 16 - headerLength);
      if (wasm.length !== h.wasmLength || sha256(wasm) !== h.wasmSha256) return undefined;
      if (!Array.isArray(h.functions) || !h.functions.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string')) return undefined;
      return { wasm, functions: new Map(h.functions) };
    } catch {
      return undefined;
    }
  }

  /** Writes (or replaces) the file for a code hash atomically. Returns false if it could not be written. */
  store(codeHash: string, code: CachedCode): boolean {
    const header: Header = {
      codeHash,
      instrumentVersion: INSTRUMENT_VERSION,
      options: this.options,
      functions: [...code.functions],
      wasmLength: code.wasm.length,
      wasmSha256: sha256(code.wasm),
    };
    const json = new TextEncoder().encode(JSON.stringify(header));
    const prefix = new Uint8Array(16);
    prefix.set(MAGIC);
    const view = new DataView(prefix.buffer);
    view.setUint32(8, MODULE_CACHE_FORMAT, true);
    view.setUint32(12, json.length, true);
    const target = this.path(codeHash);
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(temp, Buffer.concat([prefix, json, code.wasm]));
      renameSync(temp, target);
      return true;
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // best effort
      }
      return false;
    }
  }

  /** Removes the file for a code hash, if any. */
  remove(codeHash: string): void {
    rmSync(this.path(codeHash), { force: true });
  }
}

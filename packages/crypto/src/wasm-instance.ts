// Instantiates one of this package's wasm modules (assembly/*.ts, built into dist/<name>.wasm).
import { readFileSync } from 'node:fs';

// lib ES2022 does not declare the WebAssembly namespace: the minimal typed facade used here.
export interface WasmGlobal {
  value: unknown;
}
const WA = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: Record<string, never>) => { exports: unknown };
    };
  }
).WebAssembly;

/** The exports of dist/`name`.wasm (a module without imports), typed by the caller. */
export function instantiatePackageWasm<T>(name: string): T {
  const bytes = readFileSync(new URL(`../${name}.wasm`, import.meta.url));
  return new WA.Instance(new WA.Module(bytes), {}).exports as T;
}

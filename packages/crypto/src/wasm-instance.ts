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
  const url = new URL(`../${name}.wasm`, import.meta.url);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(url);
  } catch (e) {
    throw new Error(`@scrtd/crypto: ${url.pathname} is missing; \`npm run build\` compiles it (packages/crypto/build-wasm.mjs)`, { cause: e });
  }
  return new WA.Instance(new WA.Module(bytes), {}).exports as T;
}

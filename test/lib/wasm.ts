// Test contracts for e2e tests: the hand-written v0.10 module (WAT, compiled with wabt) and the
// AssemblyScript examples built by `npm run build`.
import { readFileSync } from 'node:fs';

type Wabt = { parseWat(n: string, t: string, f?: object): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void } };

/** WebAssembly text compiled with wabt. */
export async function compileWat(name: string, text: string): Promise<Uint8Array> {
  const wabt = (await ((await import('wabt')).default as unknown as () => Promise<Wabt>)()) as Wabt;
  const m = wabt.parseWat(name, text);
  try {
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

/** packages/app/test/fixtures/echo-v010.wat compiled (its header documents its messages). */
export function echoWasm(): Promise<Uint8Array> {
  return compileWat('echo.wat', readFileSync(new URL('../../../packages/app/test/fixtures/echo-v010.wat', import.meta.url), 'utf8'));
}

/** contracts/examples/build/<name>.wasm. */
export function exampleWasm(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../contracts/examples/build/${name}.wasm`, import.meta.url)));
}

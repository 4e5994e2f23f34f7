// bench: gas-metering overhead — the same wasm work run unmetered and after `instrument()` (gas
// counter in a wasm global, charged per instruction sequence with charges merged across pure
// instructions; one weighted stack budget checked on function entry). The bound is ≤ 2×.
// Plain and metered runs alternate over 5 rounds and the median ratio is reported, so a change of
// machine load during the run skews both sides alike.
// Workloads: a byte loop with a helper call per byte and branches (typical contract parsing code),
// recursive fib (call-heavy), and a tight arithmetic loop (worst case: tiny basic blocks).
// Usage: node bench/dist/vm-gas-overhead.js
import { performance } from 'node:perf_hooks';
import { instrument, MAX_RUNTIME_PAGES, MEMORY_IMPORT } from '@scrtd/vm';

type Fn = (...a: number[]) => number;
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const WAT = `(module
  (memory (export "memory") 2)
  (func $mix (param $h i32) (param $b i32) (result i32)
    (i32.xor (i32.mul (local.get $h) (i32.const 16777619)) (local.get $b)))
  (func (export "checksum") (param $n i32) (result i32)
    (local $i i32) (local $h i32) (local $b i32)
    (local.set $h (i32.const -2128831035))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $b (i32.load8_u (i32.and (local.get $i) (i32.const 65535))))
      (if (i32.gt_u (local.get $b) (i32.const 127))
        (then (local.set $b (i32.sub (local.get $b) (i32.const 128))))
        (else (local.set $b (i32.add (local.get $b) (i32.const 1)))))
      (local.set $h (call $mix (local.get $h) (local.get $b)))
      (i32.store8 (i32.and (local.get $i) (i32.const 65535)) (local.get $h))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $h))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1))) (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "tight") (param $n i32) (result i32)
    (local $i i32) (local $x i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (i32.add (local.get $x) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $x))
)`;

async function compileWat(text: string): Promise<Uint8Array> {
  const wabt = await ((await import('wabt')).default as unknown as () => Promise<{ parseWat(f: string, t: string): { toBinary(o: object): { buffer: Uint8Array } } }>)();
  return wabt.parseWat('bench.wat', text).toBinary({}).buffer;
}

function time(fn: () => void, minMs = 250): number {
  fn();
  let runs = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - t0) / runs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const raw = await compileWat(WAT);
  const metered = instrument(raw);
  const plain = (await wasmApi.instantiate(raw, {})).instance.exports;
  // The instrumented module imports its memory (the runtime hands it one from a pool).
  const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => object } }).WebAssembly;
  const memory = new Memory({ initial: 2, maximum: MAX_RUNTIME_PAGES });
  const inst = (await wasmApi.instantiate(metered.wasm, { env: { [MEMORY_IMPORT]: memory } })).instance.exports;
  const gas = inst['__scrtd_gas_left'] as { value: bigint };
  const cases: [string, string, number][] = [
    ['byte loop with a call per byte (1M bytes)', 'checksum', 1_000_000],
    ['recursive fib(25)', 'fib', 25],
    ['tight arithmetic loop (10M iterations)', 'tight', 10_000_000],
  ];
  console.log('gas metering overhead: the same wasm, unmetered vs instrumented (Node 20 / V8)');
  for (const [label, name, arg] of cases) {
    const f0 = plain[name] as Fn;
    const f1 = inst[name] as Fn;
    const plainMs: number[] = [];
    const meteredMs: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < 5; round++) {
      const a = time(() => f0(arg));
      const b = time(() => {
        gas.value = 10n ** 15n;
        f1(arg);
      });
      plainMs.push(a);
      meteredMs.push(b);
      ratios.push(b / a);
    }
    gas.value = 10n ** 15n;
    f1(arg);
    const used = 10n ** 15n - gas.value;
    const r = ratios.map((x) => x.toFixed(2)).join(' ');
    console.log(`  ${label.padEnd(44)} unmetered ${median(plainMs).toFixed(2)} ms, metered ${median(meteredMs).toFixed(2)} ms: ${median(ratios).toFixed(2)}×  (rounds ${r}; ${used} wasm gas)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// bench: time to the first contract call for a ~200 KB contract — cold (instrument + V8 compile +
// instantiate + call, the upload analysis measured separately), after a restart with the disk
// cache (verify + V8 compile, no instrumentation), and per call once the module is in memory.
// Cold and restart are measured in fresh child processes, so no JIT warm-up or V8 state carries
// over from earlier runs; each is the median of several runs.
// Usage: node bench/dist/vm-cold-cached.js [runs=5]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeUpload, codeHash, createRuntime, instrument, type CallRequest, type Vm } from '@scrtd/vm';

const enc = new TextEncoder();

/** Deterministic xorshift32. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** A v1 contract of about `targetBytes` of code: many integer functions in the shape of compiled Rust. */
function contractWat(functions: number): string {
  const r = rng(42);
  const fns: string[] = [];
  for (let f = 0; f < functions; f++) {
    const body: string[] = [];
    const steps = 6 + (r() % 6);
    for (let s = 0; s < steps; s++) {
      switch (r() % 5) {
        case 0:
          body.push(`local.get $a i32.const ${r() % 1000} i32.add local.get $b i32.xor local.set $a`);
          break;
        case 1:
          body.push(`local.get $b i32.const ${r() % 60000} i32.and i32.load8_u local.get $a i32.add local.set $b`);
          break;
        case 2:
          body.push(`block local.get $a i32.const ${r() % 7} i32.lt_u br_if 0 local.get $a i32.const 1 i32.shr_u local.set $a end`);
          break;
        case 3:
          body.push(`local.get $a if local.get $b i32.const 3 i32.mul local.set $b else local.get $b i32.const 5 i32.add local.set $b end`);
          break;
        default:
          body.push(
            `i32.const 0 local.set $i loop local.get $c local.get $i i32.add local.set $c local.get $i i32.const 1 i32.add local.tee $i i32.const ${2 + (r() % 4)} i32.lt_u br_if 0 end`,
          );
      }
    }
    const callee = f > 0 && r() % 3 === 0 ? `local.get $a local.get $b call $f${r() % f} local.set $a` : '';
    fns.push(`(func $f${f} (param $a i32) (param $b i32) (result i32) (local $c i32) (local $i i32)
    ${body.join('\n    ')}
    ${callee}
    local.get $a local.get $b i32.add local.get $c i32.add)`);
  }
  const calls = Array.from({ length: 64 }, (_, i) => `local.get $x local.get $x i32.const ${i} call $f${(i * 37) % functions} i32.add local.set $x`).join('\n    ');
  return `(module
  (memory (export "memory") 2)
  (data (i32.const 0x100) "\\00\\02\\00\\00\\02\\00\\00\\00\\02\\00\\00\\00")
  (data (i32.const 0x200) "ok")
  (global $heap (mut i32) (i32.const 0x1000))
  (func (export "interface_version_8"))
  (func (export "allocate") (param $size i32) (result i32) (local $r i32)
    global.get $heap local.set $r
    local.get $r local.get $r i32.const 12 i32.add i32.store
    local.get $r local.get $size i32.store offset=4
    local.get $r i32.const 0 i32.store offset=8
    local.get $r local.get $size i32.add i32.const 19 i32.add i32.const -8 i32.and global.set $heap
    local.get $r)
  (func (export "deallocate") (param i32))
  (func (export "instantiate") (param i32 i32 i32) (result i32) i32.const 0x100)
  (func (export "execute") (param $env i32) (param $info i32) (param $msg i32) (result i32) (local $x i32)
    ${calls}
    i32.const 0x300 local.get $x i32.store
    i32.const 0x100)
  ${fns.join('\n  ')}
)`;
}

async function compileWat(text: string): Promise<Uint8Array> {
  const wabt = await ((await import('wabt')).default as unknown as () => Promise<{ parseWat(f: string, t: string): { toBinary(o: object): { buffer: Uint8Array } } }>)();
  return new Uint8Array(wabt.parseWat('bench.wat', text).toBinary({}).buffer);
}

const request = (wasm: Uint8Array, withWasm: boolean): CallRequest => ({
  codeHash: codeHash(wasm),
  wasm: withWasm ? wasm : undefined,
  apiVersion: 'v1',
  entry: 'execute',
  env: '{"block":{"height":1}}',
  info: '{"sender":"secret1x","funds":[]}',
  msg: enc.encode('{}'),
  gasLimit: 10_000_000n,
  storage: { get: () => undefined, set: () => {}, remove: () => {} },
  readOnly: false,
});

function firstCall(vm: Vm, wasm: Uint8Array, withWasm: boolean): number {
  const t0 = performance.now();
  const r = vm.call(request(wasm, withWasm));
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`call failed: ${r.error.code} ${r.error.message}`);
  return ms;
}

/** Child process: one first call, printed as JSON. */
function child(mode: string, wasmPath: string, cacheDir: string): void {
  const wasm = new Uint8Array(readFileSync(wasmPath));
  if (mode === 'analyze') {
    const t0 = performance.now();
    analyzeUpload(wasm);
    console.log(JSON.stringify({ ms: performance.now() - t0, compilations: 0, diskHits: 0 }));
    return;
  }
  const vm = createRuntime({ cacheDir });
  const ms = firstCall(vm, wasm, mode === 'cold');
  console.log(JSON.stringify({ ms, compilations: vm.compilations, diskHits: vm.diskHits }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
  const wasm = await compileWat(contractWat(1150));
  if (process.argv[2] === '--emit') return writeFileSync(process.argv[3]!, wasm); // the contract, for profiling
  const runs = Number(process.argv[2] ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'scrtd-vm-bench-'));
  try {
    const wasmPath = join(dir, 'contract.wasm');
    writeFileSync(wasmPath, wasm);
    const instrumented = instrument(wasm).wasm;
    console.log(`contract: ${(wasm.length / 1024).toFixed(0)} KiB of wasm (${(instrumented.length / 1024).toFixed(0)} KiB instrumented)`);

    const spawn = (mode: string, cacheDir: string) => {
      const p = spawnSync(process.execPath, [process.argv[1]!, '--child', mode, wasmPath, cacheDir], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(p.stderr);
      return JSON.parse(p.stdout) as { ms: number; compilations: number; diskHits: number };
    };
    const cold: number[] = [];
    const warm: number[] = [];
    const analysis: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cacheDir = join(dir, `cache-${i}`);
      const c = spawn('cold', cacheDir);
      if (c.compilations !== 1 || c.diskHits !== 0) throw new Error('cold run did not compile');
      cold.push(c.ms);
      const w = spawn('disk', cacheDir);
      if (w.compilations !== 0 || w.diskHits !== 1) throw new Error('restart did not hit the disk cache');
      warm.push(w.ms);
      analysis.push(spawn('analyze', dir).ms);
    }

    // In memory: per call (a fresh instance each time, as every call gets).
    const vm = createRuntime();
    firstCall(vm, wasm, true);
    for (let i = 0; i < 200; i++) firstCall(vm, wasm, false);
    const per: number[] = [];
    for (let i = 0; i < 1000; i++) per.push(firstCall(vm, wasm, false));

    const fmt = (xs: number[]) => `${median(xs).toFixed(1)} ms (runs: ${xs.map((x) => x.toFixed(1)).join(', ')})`;
    console.log(`  upload analysis (analyzeUpload, first in a process)   ${fmt(analysis)}`);
    console.log(`  cold first call (instrument + compile + call)         ${fmt(cold)}`);
    console.log(`  first call after restart, disk cache (verify + compile + call) ${fmt(warm)}`);
    console.log(`  per call, module in memory (instantiate + call)       ${(median(per) * 1000).toFixed(0)} µs median, ${(per.reduce((a, b) => a + b, 0) / per.length * 1000).toFixed(0)} µs mean`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Bench tool (in lib/ so `npm run bench` does not run it): totals of a node's `--trace-gc --trace-gc-nvp` log, for its busiest isolate (the main
// thread): GC count, pause time, background (helper-thread) time, bytes that survived a scavenge and
// bytes promoted to the old generation. Promoted bytes are a much steadier measure of a change to
// block-lifetime allocation than throughput on a noisy VM.
// Usage: BENCH_NODE_ARGS="--trace-gc --trace-gc-nvp" BENCH_NODE_LOG=/tmp/gc.log node bench/dist/node-token-sustained.js 1500 10
//        node bench/dist/lib/gc-totals.js /tmp/gc.log
import { readFileSync } from 'node:fs';

const path = process.argv[2];
if (!path) {
  console.error('usage: node bench/dist/lib/gc-totals.js <trace-gc-nvp log>');
  process.exit(2);
}
const lines = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.includes(' gc='));
const isolateOf = (l: string) => /\[\d+:(0x[0-9a-f]+)\]/.exec(l)?.[1] ?? '';
const counts = new Map<string, number>();
for (const l of lines) counts.set(isolateOf(l), (counts.get(isolateOf(l)) ?? 0) + 1);
const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
let gcs = 0;
let fullGcs = 0;
let pause = 0;
let background = 0;
let survived = 0;
let promoted = 0;
for (const l of lines) {
  if (isolateOf(l) !== main) continue;
  const kv = new Map([...l.matchAll(/(\S+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
  gcs++;
  if (kv.get('gc') === 'mc') fullGcs++;
  pause += Number(kv.get('pause') ?? 0);
  for (const [k, v] of kv) if (k.startsWith('background.') && !Number.isNaN(Number(v))) background += Number(v);
  survived += Number(kv.get('new_space_survived') ?? 0);
  promoted += Number(kv.get('promoted') ?? 0);
}
const mb = (n: number) => (n / 1e6).toFixed(0);
console.log(`GCs ${gcs} (${fullGcs} full), pause ${pause.toFixed(0)} ms, background ${background.toFixed(0)} ms, survived ${mb(survived)} MB, promoted ${mb(promoted)} MB`);

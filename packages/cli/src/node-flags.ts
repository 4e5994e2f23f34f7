// The Node/V8 flags scrtd runs with: in main.ts's shebang (keep the two in step; a test checks),
// `npm start`, and the benchmarks that start a node.
//
// A larger initial old generation. A busy node's old space is mostly short-lived block data (decoded
// txs waiting for their block, a block's writes and results: tens of KB per tx live a few hundred ms
// and get promoted), while what survives a full GC is ~50 MB. With V8's default sizing that meant a
// mark-compact every few seconds under load (10 in a 10 s run of 1,500 token transfers/s); with this,
// 2–3. Measured (bench/node-token-sustained.js 1700 10, three interleaved pairs): node CPU 868–915
// against 899–951 µs per transfer, main thread 509–535 against 521–553. The cost is memory: the heap
// grows to a few hundred MB between full GCs.
export const NODE_FLAGS: readonly string[] = ['--initial-old-space-size=1024'];

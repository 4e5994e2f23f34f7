// Instances get pooled memories (instrument() makes the memory an import): every call must still
// start from the bytes a fresh memory would have, whatever the previous call left behind.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { codeHash, createRuntime, type Storage } from '../src/index.js';
import { wat } from './support.js';

const storage: Storage = { get: () => undefined, set: () => {}, remove: () => {} };

// execute: returns the 4 bytes at 60000 (via a Region at 50000), then scribbles over them;
// with msg[0] == 1 it also grows the memory by a page first.
const TEXT = `(module
  (memory (export "memory") 2)
  (data (i32.const 1024) "\\07\\07")
  (func (export "interface_version_8"))
  (global $heap (mut i32) (i32.const 30000))
  (func (export "allocate") (param $n i32) (result i32) (local $r i32)
    (local.set $r (global.get $heap))
    (i32.store (local.get $r) (i32.add (local.get $r) (i32.const 12)))
    (i32.store offset=4 (local.get $r) (local.get $n))
    (global.set $heap (i32.add (local.get $r) (i32.add (local.get $n) (i32.const 16))))
    (local.get $r))
  (func (export "deallocate") (param i32))
  (func (export "instantiate") (param i32 i32 i32) (result i32) (i32.const 0))
  (func (export "execute") (param i32 i32 i32) (result i32)
    (if (i32.eq (i32.load8_u (i32.load (local.get 2))) (i32.const 1)) (then (drop (memory.grow (i32.const 1)))))
    (i32.store (i32.const 50000) (i32.const 50100))
    (i32.store (i32.const 50004) (i32.const 8))
    (i32.store (i32.const 50008) (i32.const 8))
    (i32.store (i32.const 50100) (i32.load (i32.const 60000)))
    (i32.store (i32.const 50104) (i32.load16_u (i32.const 1024)))
    (i32.store (i32.const 60000) (i32.const 0xdeadbeef))
    (i32.store (i32.const 1024) (i32.const 0))
    (i32.const 50000)))`;

it('pooled memories are zeroed and data segments re-applied on every call', async () => {
  const wasm = await wat(TEXT);
  const vm = createRuntime();
  const call = (grow: boolean) => {
    const r = vm.call({ codeHash: codeHash(wasm), wasm, apiVersion: 'v1', entry: 'execute', env: '{}', info: '{}', msg: Uint8Array.of(grow ? 1 : 0), gasLimit: 10n ** 9n, storage, readOnly: false });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    return [...r.result];
  };
  const fresh = [0, 0, 0, 0, 7, 7, 0, 0];
  for (let i = 0; i < 5; i++) assert.deepEqual(call(i === 2), fresh, `call ${i}`);
});

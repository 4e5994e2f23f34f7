// Instances are reused between calls (instance-pool.ts): a reused instance must behave exactly as a
// fresh one — memory zeroed and re-initialised, mutable globals reset — whatever the previous call
// did (wrote memory, changed globals, trapped halfway); modules whose state cannot be reset, and
// instances whose memory grew, are not reused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeHash, createRuntime, type CallRequest, type CallResult, type Storage } from '../src/index.js';
import { ALLOCATOR, wat } from './support.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

const storage: Storage = { get: () => undefined, set: () => undefined, remove: () => undefined };

/**
 * execute returns two bytes — '0' + the counter global, then the byte at 0x800 (a data segment "A")
 * — and afterwards bumps the counter, overwrites that byte with "B" and leaves a marker at 0x2000.
 * The first byte of msg then picks an ending: 'g' grows the memory, 't' traps, anything else returns.
 */
const stateful = (extra = '') => `(module
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 7))
  (data (i32.const 0x800) "A")
  (data (i32.const 0x880) "\\00\\09\\00\\00\\02\\00\\00\\00\\02\\00\\00\\00")
  ${extra}
  (func (export "interface_version_8"))
  ${ALLOCATOR}
  (func (export "instantiate") (param i32 i32 i32) (result i32) i32.const 0x880)
  (func (export "execute") (param $env i32) (param $info i32) (param $msg i32) (result i32) (local $c i32)
    i32.const 0x900
    global.get $count
    i32.const 0x30
    i32.add
    i32.store8
    i32.const 0x901
    i32.const 0x800
    i32.load8_u
    i32.store8
    global.get $count
    i32.const 1
    i32.add
    global.set $count
    i32.const 0x800
    i32.const 0x42
    i32.store8
    i32.const 0x2000
    i32.const 0x5a
    i32.store8
    local.get $msg
    call $first
    local.set $c
    local.get $c
    i32.const 0x67
    i32.eq
    if
      i32.const 1
      memory.grow
      drop
    end
    local.get $c
    i32.const 0x74
    i32.eq
    if
      unreachable
    end
    i32.const 0x880)
  (func (export "query") (param i32 i32) (result i32) i32.const 0x880)
)`;

describe('instance reuse', async () => {
  const plain = await wat(stateful());
  const withDrop = await wat(stateful('(data $p "x") (func $never data.drop $p)'));
  const withTableSet = await wat(stateful('(table 1 funcref) (func $never (table.set 0 (i32.const 0) (ref.null func)))'));

  const call = (vm: ReturnType<typeof createRuntime>, wasm: Uint8Array, msg: string): CallResult =>
    vm.call({
      codeHash: codeHash(wasm),
      wasm,
      apiVersion: 'v1',
      entry: 'execute',
      env: '{}',
      info: '{}',
      msg: enc.encode(msg),
      gasLimit: 10_000_000n,
      storage,
      readOnly: false,
    } satisfies CallRequest);
  const text = (r: CallResult) => {
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    return dec.decode(r.result);
  };

  it('a reused instance starts from the fresh state after a call that changed memory and globals', () => {
    const vm = createRuntime();
    const first = call(vm, plain, 'x');
    assert.equal(text(first), '7A');
    for (let i = 0; i < 5; i++) {
      const r = call(vm, plain, 'x');
      assert.equal(text(r), '7A');
      assert.equal(r.gasUsed, first.gasUsed);
    }
    assert.equal(vm.instancesCreated, 1);
    assert.equal(vm.instancesReused, 5);
  });

  it('a call that trapped halfway leaves nothing behind', () => {
    const vm = createRuntime();
    const trapped = call(vm, plain, 't');
    assert.ok(!trapped.ok);
    assert.equal(trapped.error.code, 'panic');
    assert.equal(text(call(vm, plain, 'x')), '7A');
    assert.equal(vm.instancesReused, 1);
  });

  it('an instance whose memory grew is retired, not reused', () => {
    const vm = createRuntime();
    assert.equal(text(call(vm, plain, 'g')), '7A');
    assert.equal(text(call(vm, plain, 'x')), '7A');
    assert.equal(vm.instancesCreated, 2);
    assert.equal(vm.instancesReused, 0);
  });

  it('modules that can drop data segments or change tables get a fresh instance every call', () => {
    for (const wasm of [withDrop, withTableSet]) {
      const vm = createRuntime();
      assert.equal(text(call(vm, wasm, 'x')), '7A');
      assert.equal(text(call(vm, wasm, 'x')), '7A');
      assert.equal(vm.instancesCreated, 2);
      assert.equal(vm.instancesReused, 0);
    }
  });

  it('modules leaving the cache take their idle instances with them', () => {
    const vm = createRuntime({ maxCachedModules: 1 });
    assert.equal(text(call(vm, plain, 'x')), '7A');
    assert.equal(vm.idleInstanceBytes, 65536);
    assert.equal(text(call(vm, withDrop, 'x')), '7A'); // evicts `plain`
    assert.equal(vm.idleInstanceBytes, 0);
    assert.equal(text(call(vm, plain, 'x')), '7A');
    assert.equal(vm.instancesCreated, 3);
    vm.evict(codeHash(plain));
    assert.equal(vm.idleInstanceBytes, 0);
  });
});

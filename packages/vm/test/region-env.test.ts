import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRegion, writeRegion, passToContract, RegionError, REGION_BYTES } from '../src/region.js';
import { envV1, infoV1, envV010 } from '../src/env.js';

/** A memory with a bump "allocate" that writes a Region header after the data. */
function fakeContract(pages = 1) {
  const memory = new (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } } }).WebAssembly.Memory({ initial: pages });
  let next = 1024;
  const allocate = (size: number) => {
    const offset = next;
    next += size;
    const ptr = next;
    next += REGION_BYTES;
    const dv = new DataView(memory.buffer);
    dv.setUint32(ptr, offset, true);
    dv.setUint32(ptr + 4, size, true);
    dv.setUint32(ptr + 8, 0, true);
    return ptr;
  };
  return { memory, allocate };
}

test('data passed to a contract reads back through its region', () => {
  const c = fakeContract();
  const data = new TextEncoder().encode('{"count":{}}');
  const ptr = passToContract(c, data);
  assert.deepEqual(readRegion(c.memory, ptr, 1000), data);
  assert.equal(new DataView(c.memory.buffer).getUint32(ptr + 8, true), data.length);
});

test('hostile regions are refused with RegionError, never a RangeError', () => {
  const c = fakeContract();
  const dv = new DataView(c.memory.buffer);
  const size = c.memory.buffer.byteLength;
  assert.throws(() => readRegion(c.memory, 0, 10), RegionError);
  assert.throws(() => readRegion(c.memory, size - 4, 10), RegionError);
  // offset 0
  dv.setUint32(100, 0, true);
  assert.throws(() => readRegion(c.memory, 100, 10), RegionError);
  // length > capacity
  dv.setUint32(100, 200, true);
  dv.setUint32(104, 4, true);
  dv.setUint32(108, 5, true);
  assert.throws(() => readRegion(c.memory, 100, 10), /exceeds its capacity/);
  // capacity past the end of memory
  dv.setUint32(104, size, true);
  dv.setUint32(108, 1, true);
  assert.throws(() => readRegion(c.memory, 100, 10), /outside memory/);
  // over the host's limit
  dv.setUint32(104, 50, true);
  dv.setUint32(108, 50, true);
  assert.throws(() => readRegion(c.memory, 100, 10), /exceeds the limit/);
  // writing more than the capacity
  dv.setUint32(108, 0, true);
  assert.throws(() => writeRegion(c.memory, 100, new Uint8Array(51)), /too small/);
});

test('v1 env and info JSON have the exact shape of §7.6', () => {
  const block = { height: 123n, timeNs: 1700000000123456789n, chainId: 'secretdev-1' };
  assert.equal(
    envV1({ block, contractAddress: 'secret1c', codeHash: 'ab'.repeat(32), transaction: { index: 0, hash: 'FF' } }),
    `{"block":{"height":123,"time":"1700000000123456789","chain_id":"secretdev-1"},"contract":{"address":"secret1c","code_hash":"${'ab'.repeat(32)}"},"transaction":{"index":0,"hash":"FF"}}`,
  );
  const withRandom = JSON.parse(envV1({ block, random: new Uint8Array(32).fill(5), contractAddress: 'c', codeHash: 'h', transaction: null }));
  assert.equal(withRandom.block.random, Buffer.alloc(32, 5).toString('base64'));
  assert.equal(withRandom.transaction, null);
  assert.equal(infoV1({ sender: 'secret1s', funds: [{ denom: 'uscrt', amount: '1000' }] }), '{"sender":"secret1s","funds":[{"denom":"uscrt","amount":"1000"}]}');
  assert.equal(infoV1({ sender: '', funds: [] }), '{"sender":"","funds":[]}');
});

test('v0.10 env carries seconds, the message and a null contract_key', () => {
  const s = envV010({ block: { height: 7n, timeNs: 1700000000999999999n, chainId: 'secret-4' }, sender: 'secret1s', sentFunds: [], contractAddress: 'secret1c', codeHash: 'aa' });
  assert.equal(
    s,
    '{"block":{"height":7,"time":1700000000,"chain_id":"secret-4"},"message":{"sender":"secret1s","sent_funds":[]},"contract":{"address":"secret1c"},"contract_key":null,"contract_code_hash":"aa","transaction":null}',
  );
});

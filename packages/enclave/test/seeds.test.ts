import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapSeeds, loadSealedSeeds, EnclaveError } from '../src/index.js';

test('bootstrap seals seeds and reloads the same public keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-'));
  try {
    const keys = bootstrapSeeds(dir);
    assert.equal(keys.ioPubKey.length, 32);
    assert.equal(keys.nodeExchPubKey.length, 32);
    assert.notDeepEqual(keys.ioPubKey, keys.nodeExchPubKey);
    assert.deepEqual(loadSealedSeeds(dir), keys);
    assert.throws(() => bootstrapSeeds(dir), EnclaveError);
    assert.deepEqual(readdirSync(dir).sort(), ['node.key', 'seeds.sealed']);
    // 2 seeds × 32 bytes + 16-byte SIV tag.
    assert.equal(readFileSync(join(dir, 'seeds.sealed')).length, 80);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a tampered sealed file is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-'));
  try {
    bootstrapSeeds(dir);
    const p = join(dir, 'seeds.sealed');
    const b = readFileSync(p);
    b[20]! ^= 1;
    writeFileSync(p, b);
    assert.throws(() => loadSealedSeeds(dir), /failed to unseal/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('public master keys follow secret-protocol §11 (seed 00..1f)', async () => {
  const { publicKeys } = await import('../src/seeds.js');
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
  const keys = publicKeys([new Uint8Array(32).fill(9), seed]);
  assert.equal(Buffer.from(keys.ioPubKey).toString('hex'), '4078e5146574a69448c1f1ec617d29f6ba6f0226af6c4578c3727a1c7c8a0e33');
  assert.equal(Buffer.from(keys.nodeExchPubKey).toString('hex'), '31512c093070620504c3ce688c603bb422258e654febc38c030763577a420e2d');
});

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

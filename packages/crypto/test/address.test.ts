import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  AddressError,
  Bech32Prefix,
  bech32Encode,
  ed25519PubkeyToAddress,
  fromBech32Address,
  fromHex,
  isValidAddress,
  pubkeyToAddress,
  toBech32Address,
  toHex,
} from '../src/index.js';
import { loadDevAccounts } from './support.js';

describe('addresses', () => {
  it('has the Secret Network prefixes', () => {
    assert.deepEqual(Bech32Prefix, {
      account: 'secret',
      accountPub: 'secretpub',
      validator: 'secretvaloper',
      validatorPub: 'secretvaloperpub',
      consensus: 'secretvalcons',
      consensusPub: 'secretvalconspub',
    });
  });

  it('derives ripemd160(sha256(pub)) for a compressed key', () => {
    // secp256k1 generator point G, compressed; its Bitcoin hash160 is well known.
    const g = fromHex('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798');
    assert.equal(toHex(pubkeyToAddress(g)), '751e76e8199196d454941c45d1b3a323f1433bd6');
    assert.throws(() => pubkeyToAddress(new Uint8Array(65)), AddressError);
  });

  it('derives an ed25519 consensus address as sha256(pub)[0..20]', () => {
    const pub = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const addr = ed25519PubkeyToAddress(pub);
    assert.equal(addr.length, 20);
    assert.equal(toHex(addr), createHash('sha256').update(pub).digest('hex').slice(0, 40));
    assert.throws(() => ed25519PubkeyToAddress(new Uint8Array(33)), AddressError);
  });

  it('round-trips every dev account address and the validator operator address', () => {
    const { accounts, genesis } = loadDevAccounts();
    for (const a of accounts) {
      const bytes = fromBech32Address(a.address);
      assert.equal(bytes.length, 20);
      assert.equal(toBech32Address(bytes), a.address);
    }
    const valoper = genesis['validator operator address'] as string;
    const validator = accounts.find((a) => a.name === 'validator')!;
    assert.deepEqual(fromBech32Address(valoper, Bech32Prefix.validator), fromBech32Address(validator.address));
    assert.equal(toBech32Address(fromBech32Address(validator.address), Bech32Prefix.validator), valoper);
  });

  it('reports errors with the Cosmos SDK texts', () => {
    const addr = 'secret1ap26qrlp8mcq2pg6r47w43l0y8zkqm8a450s03';
    assert.throws(() => fromBech32Address(''), { name: 'AddressError', message: 'empty address string is not allowed' });
    assert.throws(() => fromBech32Address('   '), { message: 'empty address string is not allowed' });
    const cosmos = toBech32Address(fromBech32Address(addr), 'cosmos');
    assert.throws(() => fromBech32Address(cosmos), { message: 'invalid Bech32 prefix; expected secret, got cosmos' });
    assert.throws(() => fromBech32Address(addr, Bech32Prefix.validator), {
      message: 'invalid Bech32 prefix; expected secretvaloper, got secret',
    });
    const badChecksum = addr.slice(0, -1) + (addr.endsWith('3') ? '4' : '3');
    assert.throws(() => fromBech32Address(badChecksum), /^AddressError: decoding bech32 failed: invalid checksum/);
    assert.throws(() => fromBech32Address('secret1'), { message: 'decoding bech32 failed: invalid bech32 string length 7' });
    assert.throws(() => fromBech32Address('notbech32'), /decoding bech32 failed: invalid separator index -1/);
    assert.throws(() => fromBech32Address(bech32Encode('secret', new Uint8Array(0))), {
      message: 'addresses cannot be empty: unknown address',
    });
  });

  it('accepts addresses longer than 90 characters like the SDK (limit 1023) but caps at 255 bytes', () => {
    const long = toBech32Address(new Uint8Array(255).fill(7));
    assert.ok(long.length > 90);
    assert.equal(fromBech32Address(long).length, 255);
    const tooLong = toBech32Address(new Uint8Array(256));
    assert.throws(() => fromBech32Address(tooLong), { message: 'address max length is 255, got 256: unknown address' });
    assert.ok(isValidAddress('secret1ap26qrlp8mcq2pg6r47w43l0y8zkqm8a450s03'));
    assert.ok(!isValidAddress('secret1ap26qrlp8mcq2pg6r47w43l0y8zkqm8a450s04'));
  });
});

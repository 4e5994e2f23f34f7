import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import {
  deriveKeyFromSeed,
  fromHex,
  generateMnemonic,
  HdError,
  keyFromMnemonic,
  mnemonicToSeed,
  normalizeMnemonic,
  secp256k1PublicKey,
  secretHdPath,
  toHex,
  validateMnemonic,
} from '../src/index.js';
import { devAccountsPath, loadDevAccounts } from './support.js';

describe('BIP-39', () => {
  it('matches the Trezor vectors (passphrase "TREZOR")', () => {
    const vectors: [string, string][] = [
      [
        'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
        'c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04',
      ],
      [
        'legal winner thank year wave sausage worth useful legal winner thank yellow',
        '2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607',
      ],
      [
        'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
        'd71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5c462a0358d18d69fe4f985ec81778c1b370b652a8',
      ],
    ];
    for (const [m, seed] of vectors) {
      assert.ok(validateMnemonic(m));
      assert.equal(toHex(mnemonicToSeed(m, 'TREZOR')), seed);
    }
  });

  it('matches @scure/bip39 seeds, including non-ASCII passphrases', () => {
    const m = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    for (const pass of ['', 'TREZOR', 'pässwörd', 'ｐａｓｓ']) {
      assert.deepEqual(mnemonicToSeed(m, pass), mnemonicToSeedSync(m, pass));
    }
  });

  it('generates valid mnemonics of the requested strength', () => {
    assert.equal(generateMnemonic().split(' ').length, 24);
    assert.equal(generateMnemonic(128).split(' ').length, 12);
    assert.ok(validateMnemonic(generateMnemonic()));
    assert.notEqual(generateMnemonic(), generateMnemonic());
  });

  it('validates checksums and normalises whitespace and case', () => {
    const m = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    assert.ok(!validateMnemonic(m.replace('yellow', 'zoo')));
    assert.ok(!validateMnemonic('legal winner thank'));
    assert.ok(validateMnemonic(`  ${m.toUpperCase().replaceAll(' ', '  \n')} `));
    assert.equal(normalizeMnemonic(' A  b\tc '), 'a b c');
  });
});

describe('BIP-32', () => {
  it('matches test vector 1 and @scure/bip32', () => {
    const seed = fromHex('000102030405060708090a0b0c0d0e0f');
    const xprv: [string, string][] = [
      ['m', 'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi'],
      ["m/0'", 'xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7'],
      ["m/0'/1", 'xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs'],
    ];
    for (const [path, x] of xprv) {
      const expected = HDKey.fromExtendedKey(x);
      const key = deriveKeyFromSeed(seed, path);
      assert.deepEqual(key.privateKey, expected.privateKey, path);
      assert.deepEqual(key.publicKey, expected.publicKey, path);
      assert.deepEqual(key.publicKey, secp256k1PublicKey(key.privateKey));
    }
    assert.throws(() => deriveKeyFromSeed(seed, 'not/a/path'), HdError);
  });

  it('builds the Secret HD path (coin type 529)', () => {
    assert.equal(secretHdPath(), "m/44'/529'/0'/0/0");
    assert.equal(secretHdPath(7), "m/44'/529'/0'/0/7");
    assert.throws(() => secretHdPath(-1), HdError);
    assert.throws(() => secretHdPath(2 ** 31), HdError);
  });
});

describe('dev accounts (dev-accounts.json)', () => {
  it(`derives every address from its mnemonic (${devAccountsPath()})`, () => {
    const { accounts } = loadDevAccounts();
    assert.ok(accounts.length >= 22);
    for (const a of accounts) {
      const key = keyFromMnemonic(a.mnemonic);
      assert.equal(key.address, a.address, `account ${a.index} (${a.name})`);
      assert.equal(key.publicKey.length, 33);
      assert.equal(key.privateKey.length, 32);
    }
  });

  it('gives a different address for another index or a passphrase', () => {
    const a = loadDevAccounts().accounts[0]!;
    assert.notEqual(keyFromMnemonic(a.mnemonic, 1).address, a.address);
    assert.notEqual(keyFromMnemonic(a.mnemonic, 0, 'x').address, a.address);
  });

  it('rejects an invalid mnemonic', () => {
    assert.throws(() => keyFromMnemonic('foo bar baz'), { name: 'HdError', message: 'invalid mnemonic' });
  });
});

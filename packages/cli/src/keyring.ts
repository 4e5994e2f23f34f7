// A file keyring like secretd's `test` backend: one unencrypted JSON file per key. For development
// networks only; the README says so.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFromMnemonic, validateMnemonic, toBase64 } from '@scrtd/crypto';

export interface KeyRecord {
  name: string;
  address: string;
  /** base64 compressed secp256k1 key; derived on first use when imported without it. */
  pubkey?: string;
  mnemonic: string;
  index: number;
}

const NAME_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export class Keyring {
  constructor(private readonly dir: string) {}

  private path(name: string): string {
    if (!NAME_RE.test(name)) throw new Error(`invalid key name ${JSON.stringify(name)}: use letters, digits, '.', '_' or '-'`);
    return join(this.dir, `${name}.json`);
  }

  add(name: string, mnemonic: string, index = 0, overwrite = false): KeyRecord {
    const p = this.path(name);
    if (existsSync(p) && !overwrite) throw new Error(`key ${name} already exists`);
    const words = mnemonic.trim().split(/\s+/).join(' ');
    if (!validateMnemonic(words)) throw new Error('invalid mnemonic');
    const k = keyFromMnemonic(words, index);
    const rec: KeyRecord = { name, address: k.address, pubkey: toBase64(k.publicKey), mnemonic: words, index };
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(p, JSON.stringify(rec, null, 2) + '\n', { mode: 0o600 });
    return rec;
  }

  /** Store a record whose address is already known (the public dev accounts), without deriving keys now. */
  importKnown(rec: KeyRecord): void {
    const p = this.path(rec.name);
    if (existsSync(p)) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(p, JSON.stringify(rec, null, 2) + '\n', { mode: 0o600 });
  }

  /** The record with its public key filled in. */
  complete(rec: KeyRecord): Required<KeyRecord> {
    return { ...rec, pubkey: rec.pubkey ?? toBase64(keyFromMnemonic(rec.mnemonic, rec.index).publicKey) };
  }

  get(name: string): KeyRecord | undefined {
    const p = this.path(name);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as KeyRecord) : undefined;
  }

  list(): KeyRecord[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as KeyRecord);
  }

  /** Find by name or by address. */
  resolve(nameOrAddress: string): KeyRecord | undefined {
    if (NAME_RE.test(nameOrAddress)) {
      const byName = this.get(nameOrAddress);
      if (byName) return byName;
    }
    return this.list().find((k) => k.address === nameOrAddress);
  }
}

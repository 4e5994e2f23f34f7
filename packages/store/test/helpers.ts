// Shared test helpers: run each scenario against both backends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryCommitMultiStore, openCommitMultiStore, type CommitMultiStore, type KVReader } from '../src/index.js';

export const b = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
export const str = (u: Uint8Array | undefined): string | undefined => (u === undefined ? undefined : Buffer.from(u).toString('latin1'));
export const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex');

/** Entries of an iteration as "key=value" strings. */
export function dump(r: KVReader, start?: string, end?: string, reverse = false): string[] {
  const out: string[] = [];
  for (const [k, v] of r.iterate(start === undefined ? undefined : b(start), end === undefined ? undefined : b(end), reverse)) out.push(`${str(k)}=${str(v)}`);
  return out;
}

export interface Harness {
  kind: 'memory' | 'lmdb';
  open(storeNames: readonly string[], options?: { keepRecent?: number }): Promise<CommitMultiStore>;
  /** Close and re-open the same database (lmdb); memory returns the same instance. */
  reopen(cms: CommitMultiStore, storeNames: readonly string[], options?: { keepRecent?: number }): Promise<CommitMultiStore>;
  cleanup(): void;
}

export function harness(kind: 'memory' | 'lmdb'): Harness {
  const dir = kind === 'lmdb' ? mkdtempSync(join(tmpdir(), 'scrtd-store-test-')) : '';
  let n = 0;
  const paths = new WeakMap<CommitMultiStore, string>();
  return {
    kind,
    async open(storeNames, options = {}) {
      if (kind === 'memory') return createMemoryCommitMultiStore(storeNames, options);
      const path = join(dir, `db${n++}`);
      const cms = await openCommitMultiStore({ path, storeNames, ...options });
      paths.set(cms, path);
      return cms;
    },
    async reopen(cms, storeNames, options = {}) {
      if (kind === 'memory') return cms;
      const path = paths.get(cms)!;
      await cms.close();
      const again = await openCommitMultiStore({ path, storeNames, ...options });
      paths.set(again, path);
      return again;
    },
    cleanup() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const KINDS = ['memory', 'lmdb'] as const;

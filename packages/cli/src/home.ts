// The data directory layout of a node home (`--home`).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultHome(): string {
  return process.env.SCRTD_HOME ?? join(homedir(), '.scrtd');
}

export interface HomeLayout {
  root: string;
  config: string;
  genesis: string;
  data: string;
  enclave: string;
  /** Instrumented contract code, so a restart does not redo the work (public data). */
  wasmCache: string;
  keyring: string;
  validatorKey: string;
}

export function homeLayout(home: string): HomeLayout {
  const root = resolve(home);
  return {
    root,
    config: join(root, 'config'),
    genesis: join(root, 'config', 'genesis.json'),
    data: join(root, 'data'),
    enclave: join(root, 'enclave'),
    wasmCache: join(root, 'wasm-cache'),
    keyring: join(root, 'keyring-test'),
    validatorKey: join(root, 'config', 'priv_validator_key.json'),
  };
}

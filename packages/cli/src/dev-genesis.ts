// The genesis of a development network: chain secretdev-1, the dev accounts funded, the enclave's
// public master keys in the registration module.
import { defaultAppState } from '@scrtd/app';
import { toBase64 } from '@scrtd/crypto';
import type { MasterPublicKeys } from '@scrtd/enclave';
import { DEV_ACCOUNTS, GENESIS_BALANCE_USCRT, GENESIS_FUNDED, DEV_CHAIN_ID } from './dev-accounts.js';

export interface GenesisDoc {
  genesis_time: string;
  chain_id: string;
  initial_height: string;
  app_hash: string;
  app_state: Record<string, any>;
  validators: { address: string; pub_key: { type: string; value: string }; power: string; name: string }[];
}

/** RFC 3339 with 9 fractional digits. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export function buildDevGenesis(opts: {
  genesisTimeMs: number;
  keys: MasterPublicKeys;
  validator: { address: Uint8Array; pubKey: Uint8Array; power: bigint };
  chainId?: string;
}): GenesisDoc {
  const state = defaultAppState() as Record<string, any>;
  const funded = GENESIS_FUNDED.map((n) => DEV_ACCOUNTS.find((a) => a.name === n)!);
  state.auth.accounts = funded.map((a) => ({ '@type': '/cosmos.auth.v1beta1.BaseAccount', address: a.address, pub_key: null, account_number: '0', sequence: '0' }));
  state.bank.balances = funded.map((a) => ({ address: a.address, coins: [{ denom: 'uscrt', amount: GENESIS_BALANCE_USCRT }] }));
  state.bank.denom_metadata = [
    {
      description: 'The native token of Secret Network',
      base: 'uscrt',
      display: 'scrt',
      name: 'Secret',
      symbol: 'SCRT',
      denom_units: [
        { denom: 'uscrt', exponent: 0, aliases: [] },
        { denom: 'scrt', exponent: 6, aliases: [] },
      ],
    },
  ];
  state.register.io_master_key = { bytes: toBase64(opts.keys.ioPubKey) };
  state.register.node_exch_master_key = { bytes: toBase64(opts.keys.nodeExchPubKey) };
  return {
    genesis_time: rfc3339Nano(opts.genesisTimeMs),
    chain_id: opts.chainId ?? DEV_CHAIN_ID,
    initial_height: '1',
    app_hash: '',
    app_state: state,
    validators: [
      {
        address: Buffer.from(opts.validator.address).toString('hex').toUpperCase(),
        pub_key: { type: 'tendermint/PubKeyEd25519', value: toBase64(opts.validator.pubKey) },
        power: opts.validator.power.toString(),
        name: 'validator',
      },
    ],
  };
}

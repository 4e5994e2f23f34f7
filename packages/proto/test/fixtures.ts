// Shared test fixtures: dev-chain accounts and offline secretjs clients that sign without a node.

import { SecretNetworkClient, Wallet } from 'secretjs';
import { AminoWallet } from 'secretjs/dist/wallet_amino.js';

// Public LocalSecret dev accounts a and b (secretjs-compat.md §13.2, dev-accounts.json).
export const accountA = {
  mnemonic: 'grant rice replace explain federal release fix clever romance raise often wild taxi quarter soccer fiber love must tape steak together observe swap guitar',
  address: 'secret1ap26qrlp8mcq2pg6r47w43l0y8zkqm8a450s03',
};
export const accountB = {
  mnemonic: 'jelly shadow frog dirt dragon use armed praise universe win jungle close inmate rain oil canvas beauty pioneer chef soccer icon dizzy thunder meadow',
  address: 'secret1fc3fzy78ttp0lwuujw7e52rhspxn8uj52zfyne',
};

export const CHAIN_ID = 'secretdev-1';
export const CODE_HASH = 'af74387e276be8874f07bec3a87023ee49b0e7ebe08178c49d0a49c3c98ed60e';

/** Stands in for secretjs's EncryptionUtils: "encrypts" to a fixed, recognisable 80-byte blob. */
export const fakeEncryption = {
  encrypt: async (_codeHash: string, _msg: object) => new Uint8Array(80).fill(0xab),
  decrypt: async (c: Uint8Array) => c,
  getPubkey: async () => new Uint8Array(32),
  getTxEncryptionKey: async () => new Uint8Array(32),
};

export type SignerKind = 'direct' | 'amino';

/** A secretjs client that never touches the network (explicit signer data, fake encryption). */
export function offlineClient(kind: SignerKind, wallet?: any) {
  const w = wallet ?? (kind === 'direct' ? new Wallet(accountA.mnemonic) : new AminoWallet(accountA.mnemonic));
  const client = new SecretNetworkClient({
    url: 'http://127.0.0.1:1',
    chainId: CHAIN_ID,
    wallet: w,
    walletAddress: accountA.address,
    encryptionUtils: fakeEncryption as any,
  });
  return { client, wallet: w as { getAccounts(): Promise<readonly { pubkey: Uint8Array }[]> } };
}

export const signerData = (accountNumber: number, sequence: number) => ({ accountNumber, sequence, chainId: CHAIN_ID });

export const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

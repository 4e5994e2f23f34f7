// The compute and registration LCD routes the contract commands need.
import { fromBase64 } from '@scrtd/crypto';
import type { LcdClient } from './lcd-client.js';

/** The network's transaction IO public key (x25519), from /registration/v1beta1/tx-key. */
export async function txIoKey(lcd: LcdClient): Promise<Uint8Array> {
  const r = await lcd.get<{ key?: string }>('/registration/v1beta1/tx-key');
  if (typeof r.key !== 'string') throw new Error('the node returned no tx-key');
  const key = fromBase64(r.key);
  if (key.length !== 32) throw new Error(`the node's tx-key has ${key.length} bytes, expected 32`);
  return key;
}

export async function codeHashByContract(lcd: LcdClient, contract: string): Promise<string> {
  const r = await lcd.get<{ code_hash?: string }>(`/compute/v1beta1/code_hash/by_contract_address/${encodeURIComponent(contract)}`);
  if (!r.code_hash) throw new Error(`no code hash for contract ${contract}`);
  return r.code_hash;
}

export async function codeHashByCodeId(lcd: LcdClient, codeId: string | bigint): Promise<string> {
  const r = await lcd.get<{ code_hash?: string }>(`/compute/v1beta1/code_hash/by_code_id/${encodeURIComponent(String(codeId))}`);
  if (!r.code_hash) throw new Error(`no code hash for code id ${codeId}`);
  return r.code_hash;
}

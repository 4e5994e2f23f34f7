// The `env` and `info` JSON a contract receives (secret-protocol §7.6), rendered by hand so key order
// and integer formatting are exact (heights as JSON numbers, v1 times as decimal strings of ns).

export interface JsonCoin {
  denom: string;
  amount: string;
}

export interface BlockInfo {
  height: bigint;
  /** Block time in nanoseconds since the epoch. */
  timeNs: bigint;
  chainId: string;
}

/** Printable ASCII without `"` and `\`: JSON.stringify would only add the quotes. */
const PLAIN_JSON_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
// Chain id, addresses, hashes and denoms are plain: skip JSON.stringify's general escaping for them.
const str = (s: string) => (PLAIN_JSON_STRING.test(s) ? `"${s}"` : JSON.stringify(s));
const coins = (cs: readonly JsonCoin[]) => `[${cs.map((c) => `{"denom":${str(c.denom)},"amount":${str(c.amount)}}`).join(',')}]`;

/** v1 env: block (random only for contracts exporting requires_random), contract, transaction. */
export function envV1(o: {
  block: BlockInfo;
  random?: Uint8Array;
  contractAddress: string;
  codeHash: string;
  /** Null in queries and simulation. */
  transaction: { index: number; hash: string } | null;
}): string {
  const random = o.random ? `,"random":${str(Buffer.from(o.random).toString('base64'))}` : '';
  const block = `{"height":${o.block.height},"time":"${o.block.timeNs}","chain_id":${str(o.block.chainId)}${random}}`;
  const contract = `{"address":${str(o.contractAddress)},"code_hash":${str(o.codeHash)}}`;
  const tx = o.transaction ? `{"index":${o.transaction.index},"hash":${str(o.transaction.hash)}}` : 'null';
  return `{"block":${block},"contract":${contract},"transaction":${tx}}`;
}

/** v1 info: the sender ("" for replies and IBC) and the funds sent with the call. */
export function infoV1(o: { sender: string; funds: readonly JsonCoin[] }): string {
  return `{"sender":${str(o.sender)},"funds":${coins(o.funds)}}`;
}

/** v0.10 env: time in whole seconds, the message (sender and funds) inside env, no random. */
export function envV010(o: { block: BlockInfo; sender: string; sentFunds: readonly JsonCoin[]; contractAddress: string; codeHash: string }): string {
  const block = `{"height":${o.block.height},"time":${o.block.timeNs / 1_000_000_000n},"chain_id":${str(o.block.chainId)}}`;
  const message = `{"sender":${str(o.sender)},"sent_funds":${coins(o.sentFunds)}}`;
  return `{"block":${block},"message":${message},"contract":{"address":${str(o.contractAddress)}},"contract_key":null,"contract_code_hash":${str(o.codeHash)},"transaction":null}`;
}

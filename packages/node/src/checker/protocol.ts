// Messages between the main thread (mempool, blocks) and the CheckTx thread (a second instance of the
// app over a follower of the committed store). One ordered channel each way: a check, a commit notice
// and a query are handled in the order the main thread sent them.
import type { BlockHeaderInfo, RequestQuery, ResponseQuery, VerifiedSignature } from '@scrtd/app';

export interface CheckItem {
  id: number;
  tx: Uint8Array;
  /** Upper-case hex sha256 (the main thread already computed it for dedupe). */
  txhash: string;
}

/** CheckTx's result, trimmed to what the mempool and the broadcast reply use. */
export interface CheckResultFields {
  code: number;
  codespace: string;
  log: string;
  info: string;
  gasWanted: bigint;
  gasUsed: bigint;
}

/** The CheckTx thread's answer to check `id`. */
export interface CheckAnswer extends CheckResultFields {
  id: number;
  /** Signatures the check verified, for the block executor's cache. */
  sigs: VerifiedSignature[];
}

export interface DroppedTx {
  txhash: string;
  code: number;
  codespace: string;
}

/** Main → CheckTx thread. */
export type ToChecker =
  | { t: 'check'; items: CheckItem[] }
  /**
   * Block `header.height` is committed with `included` (hashes): follow it, forget those txs, and
   * (when `recheck`) re-run CheckTx on the others in arrival order.
   */
  | { t: 'committed'; header: BlockHeaderInfo; included: string[]; recheck: boolean }
  /**
   * A query; `atLeast` is the last committed height the main thread knows of. The commit notice may
   * still be on its way (a client can learn of a block before the main thread sends it), so the thread
   * follows that height first.
   */
  | { t: 'query'; id: number; req: RequestQuery; atLeast: number }
  | { t: 'close' };

/** CheckTx thread → main. */
export type FromChecker =
  | { t: 'ready'; height: number }
  | { t: 'checked'; answers: CheckAnswer[] }
  /** Txs the recheck after a block found invalid now. */
  | { t: 'dropped'; txs: DroppedTx[] }
  | { t: 'queried'; id: number; res: ResponseQuery }
  | { t: 'failed'; message: string }
  | { t: 'closed' };

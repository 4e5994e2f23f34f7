// The CheckTx thread's side: a second instance of the app over a follower of the committed store runs
// CheckTx for the mempool (and re-checks after each block), simulations and queries, so the main
// thread only executes and commits blocks. The thread keeps the mempool's txs in arrival order to
// re-check them; the main thread keeps the same set for reaping.
import type { MessagePort } from 'node:worker_threads';
import { CheckTxType, type Application, type BlockHeaderInfo, type VerifiedSignature } from '@scrtd/app';
import { checkTxSafely } from '../mempool.js';
import type { CheckAnswer, CheckItem, DroppedTx, FromChecker, ToChecker } from './protocol.js';
import type { Logger } from '../logger.js';

/** What the thread needs of its app instance beyond ABCI. */
export interface CheckerApp extends Application {
  resetCheckState(header: BlockHeaderInfo): void;
  onSignatureVerified(listener: ((sig: VerifiedSignature) => void) | undefined): void;
}

export interface CheckServiceDeps {
  app: CheckerApp;
  /** Move the follower store to `height` (the main thread committed it). */
  follow(height: number): void;
  /** Current height of the follower store. */
  height(): number;
  logger: Logger;
  close(): Promise<void>;
}

export function serveChecks(port: MessagePort, deps: CheckServiceDeps): void {
  const { app, logger } = deps;
  /** Accepted txs not yet committed, in arrival order (Map keeps insertion order). */
  const pending = new Map<string, Uint8Array>();
  let verified: VerifiedSignature[] = [];
  app.onSignatureVerified((s) => verified.push(s));
  const send = (m: FromChecker) => port.postMessage(m);

  const check = (tx: Uint8Array, type: CheckTxType) => checkTxSafely(app, tx, type, logger);

  const checkAll = (items: CheckItem[]): CheckAnswer[] =>
    items.map(({ id, tx, txhash }) => {
      verified = [];
      const r = check(tx, CheckTxType.New);
      if (r.code === 0) pending.set(txhash, tx);
      return { id, code: r.code, codespace: r.codespace, log: r.log, info: r.info, gasWanted: r.gasWanted, gasUsed: r.gasUsed, sigs: r.code === 0 ? verified : [] };
    });

  const committed = (header: BlockHeaderInfo, included: string[], recheck: boolean): DroppedTx[] => {
    for (const h of included) pending.delete(h);
    // A query may have moved the store to this height already; the thread may also have opened the
    // store after this commit (then a later notice brings the check state up to date).
    if (header.height > deps.height()) deps.follow(header.height);
    if (header.height === deps.height()) app.resetCheckState(header);
    const dropped: DroppedTx[] = [];
    if (!recheck) return dropped;
    for (const [txhash, tx] of [...pending]) {
      const r = check(tx, CheckTxType.Recheck);
      if (r.code !== 0) {
        pending.delete(txhash);
        dropped.push({ txhash, code: r.code, codespace: r.codespace });
      }
    }
    return dropped;
  };

  port.on('message', (m: ToChecker) => {
    try {
      switch (m.t) {
        case 'check':
          return send({ t: 'checked', answers: checkAll(m.items) });
        case 'committed': {
          const dropped = committed(m.header, m.included, m.recheck);
          if (dropped.length > 0) send({ t: 'dropped', txs: dropped });
          return;
        }
        case 'query':
          if (m.atLeast > deps.height()) deps.follow(m.atLeast);
          return send({ t: 'queried', id: m.id, res: app.query(m.req) });
        case 'close':
          app.onSignatureVerified(undefined);
          deps.close().then(
            () => send({ t: 'closed' }),
            () => send({ t: 'closed' }),
          );
          return;
      }
    } catch (e) {
      // The follower could not follow (or worse): the main thread falls back to checking itself.
      logger.error('CheckTx thread failed', { error: (e as Error).message });
      send({ t: 'failed', message: (e as Error).message });
    }
  });
  send({ t: 'ready', height: deps.height() });
}

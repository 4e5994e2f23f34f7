// The CheckTx thread of checker.test.ts: serveChecks over a scripted app. Txs are UTF-8 text:
// "bad…" fails CheckTx (code 2); "stale…" passes CheckTx but fails every recheck (code 32); "crash"
// ends the thread; anything else passes, "verifying" a signature (sha256 of the tx) on the way.
// Queries answer with the height the thread follows and the check state's header height.
import { parentPort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import type { BlockHeaderInfo, RequestCheckTx, ResponseCheckTx, ResponseQuery, VerifiedSignature } from '@scrtd/app';
import { serveChecks, type CheckerApp } from '../src/checker/service.js';
import { silentLogger } from '../src/logger.js';

const dec = new TextDecoder();
const enc = new TextEncoder();
let followed = 0;
let checkHeight = 1;
let listener: ((s: VerifiedSignature) => void) | undefined;
const result = (code: number, log: string, gas: bigint): ResponseCheckTx => ({
  code,
  codespace: code === 0 ? '' : 'sdk',
  log,
  info: '',
  data: new Uint8Array(),
  gasWanted: gas,
  gasUsed: 0n,
  events: [],
  priority: 0n,
  sender: '',
});

const app = {
  checkTx(req: RequestCheckTx): ResponseCheckTx {
    const s = dec.decode(req.tx);
    if (s === 'crash') process.exit(3);
    if (s.startsWith('bad')) return result(2, 'tx parse error', 0n);
    if (req.type === 1 && s.startsWith('stale')) return result(32, 'account sequence mismatch', 0n);
    listener?.({ digest: new Uint8Array(createHash('sha256').update(req.tx).digest()), signature: new Uint8Array(64), pubkey: new Uint8Array(33) });
    return result(0, `checked at ${checkHeight}`, BigInt(req.tx.length));
  },
  query(): ResponseQuery {
    return { code: 0, grpcCode: 0, codespace: '', log: '', value: enc.encode(`followed=${followed} check=${checkHeight}`), height: followed };
  },
  resetCheckState(header: BlockHeaderInfo) {
    checkHeight = header.height + 1;
  },
  onSignatureVerified(l: ((s: VerifiedSignature) => void) | undefined) {
    listener = l;
  },
} as unknown as CheckerApp;

serveChecks(parentPort!, {
  app,
  follow: (h) => {
    followed = h;
  },
  height: () => followed,
  logger: silentLogger,
  close: async () => undefined,
});

// Worker thread of AuxWriterThread: applies batches of aux writes to the same LMDB environment as
// the thread that posts them, each batch in one synchronous write transaction. Only ever the entry
// module of its own thread: importing it elsewhere would answer that thread's messages.
import { parentPort, workerData } from 'node:worker_threads';
import { open } from 'lmdb';
import { decodeAuxBatch, groupPostings, type AuxWriterInit, type AuxWriterReply, type AuxWriterRequest } from './aux-writer-format.js';

const init = workerData as AuxWriterInit;
// Not abortable (a batch has nothing to roll back but the transaction itself) and synchronously
// committed, with the fsync after the write lock is released (overlapping sync), so a block commit
// waiting for the lock never waits for this batch's flush.
const TXN_FLAGS = 0x2 | (init.rootOptions.overlappingSync ? 0x10000 : 0);
const root = open<Uint8Array, Uint8Array>(init.rootOptions);
const aux = root.openDB({ name: 'aux', keyEncoding: 'binary', encoding: 'binary' });

function reply(r: AuxWriterReply): void {
  parentPort!.postMessage(r);
}

parentPort!.on('message', (req: AuxWriterRequest) => {
  if (req.t === 'close') {
    void root.close().finally(() => process.exit(0));
    return;
  }
  try {
    if (req.t === 'postings') {
      const bytes = new Uint8Array(req.buf);
      root.transactionSync(() => {
        groupPostings(bytes, req.ends, req.suffixBytes, (key, value) => aux.putSync(key, value));
      }, TXN_FLAGS);
    } else {
      const bytes = new Uint8Array(req.buf, 0, req.bytes);
      root.transactionSync(() => {
        decodeAuxBatch(bytes, (key, value) => {
          if (value === null) aux.removeSync(key);
          else aux.putSync(key, value);
        });
      }, TXN_FLAGS);
    }
    reply({ t: 'done', id: req.id });
  } catch (err) {
    reply({ t: 'failed', id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
});

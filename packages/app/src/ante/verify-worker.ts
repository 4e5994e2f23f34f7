// Worker thread: verifies batches of secp256k1 signatures. Input records are digest(32) ‖ sig(64) ‖
// pubkey(33); the answer is one byte per record (1 = valid).
import { parentPort } from 'node:worker_threads';
import { secp256k1Verify } from '@scrtd/crypto';

export const RECORD_BYTES = 32 + 64 + 33;

parentPort?.on('message', (msg: { id: number; buf: ArrayBuffer }) => {
  const b = new Uint8Array(msg.buf);
  const n = b.length / RECORD_BYTES;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * RECORD_BYTES;
    out[i] = secp256k1Verify(b.subarray(o, o + 32), b.subarray(o + 32, o + 96), b.subarray(o + 96, o + RECORD_BYTES)) ? 1 : 0;
  }
  parentPort!.postMessage({ id: msg.id, buf: out.buffer }, [out.buffer]);
});

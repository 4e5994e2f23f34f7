// Layout of the ring shared by the verifier pool and one of its workers. Counters are int32 and
// wrap; a slot is counter & (capacity − 1).
export const RECORD_BYTES = 32 + 64 + 33;
/** Records written by the main thread. */
export const CTL_HEAD = 0;
/** Records verified by the worker (results up to here are final). */
export const CTL_DONE = 1;
/** 1 while the worker waits on CTL_HEAD: only then does the main thread need to notify it. */
export const CTL_SLEEPING = 2;
/** Set by close(). */
export const CTL_STOP = 3;

export interface RingBuffers {
  ctl: SharedArrayBuffer;
  records: SharedArrayBuffer;
  results: SharedArrayBuffer;
}

// Serialises access to the Application: ABCI calls must not interleave (CheckTx or Query must not
// run while a block is between FinalizeBlock and the end of Commit). Commit is the only async ABCI
// call, so this is a FIFO promise chain around it.

export class Serializer {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** Run `fn` after everything queued before it; its result or error is passed through. */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(fn);
    // The chain must survive a failing task, so the tail swallows errors (the caller still gets them).
    this.tail = result.then(
      () => { this.pending--; },
      () => { this.pending--; },
    );
    return result;
  }

  /** Tasks queued or running. */
  get length(): number {
    return this.pending;
  }
}

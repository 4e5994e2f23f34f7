// The enclave's per-block message counter MSG_COUNTER = (height, counter) (secret-protocol §2.6).
// It feeds env.block.random and the state-value salt (§5.2). Only executions that end up in a block
// may move it: simulations and queries use a scratch counter, or a node that served a simulate
// would salt later writes differently from its peers.

export class MsgCounter {
  #height = -1n;
  #counter = 0n;

  /** The counter env.block.random is derived with (reset at a new height). */
  forRandom(height: bigint): bigint {
    if (this.#height !== height) {
      this.#height = height;
      this.#counter = 0n;
    }
    return this.#counter;
  }

  /** Advance for an init / handle / migrate and return the value the call's salts use. */
  advance(height: bigint): bigint {
    if (this.#height !== height) {
      this.#height = height;
      this.#counter = 0n;
    } else {
      this.#counter += 1n;
    }
    return this.#counter;
  }
}

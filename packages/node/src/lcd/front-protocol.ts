// Messages between the LCD's front thread (HTTP sockets) and the main thread (the app). One ordered
// channel each way, so a client's async broadcast is handed over before any later request of its.

export interface FrontConfig {
  host: string;
  port: number;
  bodyLimitBytes: number;
  maxUrlBytes: number;
  /** For the signatures verified on arrival (ArrivalVerifier). */
  chainId: string;
}

/** Front thread → main thread. */
export type FromFront =
  | { t: 'listening'; address: string; family: string; port: number }
  | { t: 'listen-error'; message: string; code: string | undefined }
  /**
   * Well-formed async broadcasts, already answered, in arrival order, with their SHA-256 hashes (32
   * bytes each, as computed for the reply) and the signatures the front thread verified
   * (packSignatures), so the main thread neither hashes them again nor pre-verifies them.
   */
  | { t: 'txs'; txs: Uint8Array[]; hashes: Uint8Array; sigs: Uint8Array }
  /** A well-formed sync broadcast, waiting for CheckTx (signatures as for 'txs'). */
  | { t: 'sync'; id: number; tx: Uint8Array; sigs: Uint8Array }
  /** Any other request, for the fastify routes. */
  | { t: 'http'; id: number; method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string | undefined }
  | { t: 'closed' };

/** Main thread → front thread. */
export type ToFront =
  | { t: 'reply'; id: number; status: number; headers: Record<string, string | string[] | number | undefined>; body: Uint8Array }
  | { t: 'checked'; id: number; txhash: string; code: number; codespace: string; log: string }
  /** Signer account numbers the app looked up (latin1 address → number), for ArrivalVerifier. */
  | { t: 'accounts'; entries: [string, bigint][] }
  /** The configuration, first of all messages, to a thread started without it (prestartFrontThread). */
  | { t: 'config'; cfg: FrontConfig }
  /** Start listening (the thread is started early, while the node starts, and listens when told). */
  | { t: 'listen' }
  | { t: 'close' };

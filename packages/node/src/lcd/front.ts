// The main thread's side of the LCD front thread (front-worker.ts): starts it, feeds the broadcasts
// it hands over to the mempool, and answers the requests it forwards with the fastify routes.
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { unpackSignatures, type Application } from '@scrtd/app';
import type { Mempool } from '../mempool.js';
import type { Logger } from '../logger.js';
import { errorBody, GrpcCode } from './errors.js';
import { CORS_HEADERS } from './http-basics.js';
import { rememberTxHash } from '../util/hash.js';
import { takePrestartedFrontThread } from './front-prestart.js';
import type { FromFront, FrontConfig, ToFront } from './front-protocol.js';

export interface FrontAddress {
  address: string;
  family: string;
  port: number;
}

export class LcdFront {
  private worker: Worker | undefined;
  private closed: (() => void) | undefined;
  /** Restarts left after unexpected exits of the front thread. */
  private restarts = 5;
  private closing = false;
  private boundPort = 0;
  /** The started thread's 'listening' answer, once warm() or listen() started it. */
  private starting: Promise<FrontAddress> | undefined;
  private listenCalled = false;
  /** Account numbers the app announced that are not sent to the front thread yet. */
  private unsent: [string, bigint][] = [];

  constructor(
    private readonly cfg: FrontConfig,
    private readonly mods: { server: FastifyInstance; mempool: Mempool; log: Logger; app: Application },
  ) {
    // A front thread restarted after a crash learns only accounts announced from then on; signers
    // it does not know are verified by the app's worker pool as before (slower, same outcome).
    mods.app.onAccountNumber?.((address, n) => {
      if (this.unsent.push([address, n]) === 1) setImmediate(() => this.sendAccounts());
    });
  }

  private sendAccounts(): void {
    const entries = this.unsent;
    this.unsent = [];
    if (entries.length > 0) this.worker?.postMessage({ t: 'accounts', entries } satisfies ToFront);
  }

  /**
   * Start the thread without listening, so loading its modules overlaps the node's start-up on the
   * other core. It does not keep the process alive until listen().
   */
  warm(): void {
    if (this.starting) return;
    this.starting = this.spawn(this.cfg.port);
    this.starting.catch(() => undefined); // reported by listen()
    this.worker?.unref();
  }

  listen(): Promise<FrontAddress> {
    if (this.listenCalled) return Promise.reject(new Error('LCD already listening'));
    this.listenCalled = true;
    this.warm();
    this.worker?.ref();
    this.worker?.postMessage({ t: 'listen' } satisfies ToFront);
    return this.starting!;
  }

  private spawn(port: number): Promise<FrontAddress> {
    const config: FrontConfig = { ...this.cfg, port };
    let w = takePrestartedFrontThread();
    if (w) w.postMessage({ t: 'config', cfg: config } satisfies ToFront);
    // execArgv: [] so a parent started with -e/--eval does not re-run its script in the worker.
    else w = new Worker(new URL('./front-worker.js', import.meta.url), { workerData: config, execArgv: [] });
    this.worker = w;
    return new Promise<FrontAddress>((resolve, reject) => {
      let up = false;
      w.on('message', (m: FromFront) => {
        switch (m.t) {
          case 'listening':
            up = true;
            return resolve({ address: m.address, family: m.family, port: m.port });
          case 'listen-error': {
            this.worker = undefined;
            void w.terminate();
            return reject(Object.assign(new Error(m.message), { code: m.code }));
          }
          case 'closed':
            return this.closed?.();
          default:
            return this.handle(m);
        }
      });
      w.on('error', (e) => this.mods.log.error('LCD front thread failed', { error: e.message }));
      w.on('exit', () => {
        if (!up) return reject(new Error('LCD front thread exited before listening'));
        if (this.closing || this.worker !== w) return;
        // Its sockets are gone with it; serve again on the same port.
        this.worker = undefined;
        if (this.restarts-- <= 0) return this.mods.log.error('LCD front thread exited; not restarting again');
        this.mods.log.warn('LCD front thread exited; restarting it', { port: this.boundPort });
        this.restart();
      });
    }).then((a) => {
      this.boundPort = a.port;
      return a;
    });
  }

  private restart(): void {
    this.spawn(this.boundPort).catch((e: Error) => this.mods.log.error('LCD front thread did not restart', { error: e.message }));
    this.worker?.postMessage({ t: 'listen' } satisfies ToFront);
  }

  /** Stop accepting; requests in flight (and those arriving on busy connections) are answered first. */
  async close(): Promise<void> {
    this.closing = true;
    const w = this.worker;
    if (!w) return;
    await new Promise<void>((resolve) => {
      this.closed = resolve;
      w.postMessage({ t: 'close' } satisfies ToFront);
    });
    this.worker = undefined;
    await w.terminate();
  }

  private reply(m: ToFront): void {
    this.worker?.postMessage(m);
  }

  private handle(m: Exclude<FromFront, { t: 'listening' | 'listen-error' | 'closed' }>): void {
    const { mempool, log, server, app } = this.mods;
    if ((m.t === 'txs' || m.t === 'sync') && m.sigs.length > 0) app.rememberSignatures?.(unpackSignatures(m.sigs));
    if (m.t === 'txs') {
      m.txs.forEach((tx, i) => rememberTxHash(tx, m.hashes.subarray(32 * i, 32 * i + 32)));
      for (const tx of m.txs) {
        mempool.add(tx).then(
          (r) => {
            if (r.code !== 0) log.debug('async tx rejected', { txhash: r.txhash, code: r.code, codespace: r.codespace });
          },
          (e: Error) => log.warn('async CheckTx failed', { error: e.message }),
        );
      }
      return;
    }
    if (m.t === 'sync') {
      mempool.add(m.tx).then(
        (r) => this.reply({ t: 'checked', id: m.id, txhash: r.txhash, code: r.code, codespace: r.codespace, log: r.log }),
        (e: Error) => this.internalError(m.id, e),
      );
      return;
    }
    server.inject({ method: m.method as 'GET', url: m.url, headers: m.headers as Record<string, string>, payload: m.body }).then(
      (res) => this.reply({ t: 'reply', id: m.id, status: res.statusCode, headers: res.headers, body: res.rawPayload }),
      (e: Error) => this.internalError(m.id, e),
    );
  }

  private internalError(id: number, e: Error): void {
    this.mods.log.error('LCD handler failed', { error: e.message });
    const body = Buffer.from(JSON.stringify(errorBody(GrpcCode.Internal, e.message)));
    this.reply({ t: 'reply', id, status: 500, headers: { ...CORS_HEADERS, 'content-type': 'application/json; charset=utf-8' }, body });
  }
}

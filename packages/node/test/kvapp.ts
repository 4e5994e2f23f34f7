// A tiny key-value Application for the node's tests: txs are UTF-8 "key=value". Keys starting with
// "fail" are included in blocks with code 5; malformed txs fail CheckTx with code 2. State history
// is kept per height so queries can ask for old heights, and everything lives in a MemoryDb that
// survives "restarts" (a new app and node over the same db).
import {
  ProposalStatus,
  type Application,
  type ExecTxResult,
  type RequestCheckTx,
  type ResponseCheckTx,
  type ResponseQuery,
  type RestRoute,
  type AbciEvent,
  type ValidatorUpdate,
} from '@scrtd/app';
import type { AuxReader } from '@scrtd/store';
import { createHash } from 'node:crypto';
import { ProtoWriter, readFields } from '../src/util/protowire.js';
import { compareBytes } from '../src/util/bytes.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

export class MemoryAux implements AuxReader {
  readonly map = new Map<string, Uint8Array>();
  get(key: Uint8Array): Uint8Array | undefined {
    return this.map.get(Buffer.from(key).toString('hex'));
  }
  *iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): IterableIterator<[Uint8Array, Uint8Array]> {
    const entries = [...this.map.entries()]
      .map(([k, v]) => [new Uint8Array(Buffer.from(k, 'hex')), v] as [Uint8Array, Uint8Array])
      .filter(([k]) => (!start || compareBytes(k, start) >= 0) && (!end || compareBytes(k, end) < 0))
      .sort((a, b) => compareBytes(a[0], b[0]));
    if (reverse) entries.reverse();
    yield* entries;
  }
}

export class MemoryDb {
  height = 0;
  appHash: Uint8Array = new Uint8Array(32);
  /** Committed state by height (0 = none). */
  readonly history = new Map<number, Map<string, string>>();
  readonly aux = new MemoryAux();
  /** Calls seen, for asserting ABCI order. */
  readonly calls: string[] = [];
  /** Block headers given to FinalizeBlock. */
  readonly finalized: { height: number; time: string; timeNs: bigint; hash: Uint8Array }[] = [];
}

export function kvAppHash(state: Map<string, string>): Uint8Array {
  const h = createHash('sha256');
  for (const k of [...state.keys()].sort()) h.update(`${k}=${state.get(k)}\n`);
  return new Uint8Array(h.digest());
}

function parseTx(tx: Uint8Array): { key: string; value: string } | undefined {
  const s = dec.decode(tx);
  const i = s.indexOf('=');
  if (i <= 0) return undefined;
  return { key: s.slice(0, i), value: s.slice(i + 1) };
}

/** The SDK's TxMsgData{msg_responses: [Any{/kv.MsgSetResponse, key}]}, as clients decode tx data. */
export function txMsgData(key: string): Uint8Array {
  const any = new ProtoWriter().string(1, '/kv.MsgSetResponse').bytes(2, enc.encode(key)).finish();
  return new ProtoWriter().repeatedBytes(2, any).finish();
}

const ok = (gas: bigint): Omit<ExecTxResult, 'events' | 'data'> => ({ code: 0, codespace: '', log: '', info: '', gasWanted: gas, gasUsed: gas });

export interface KvAppOptions {
  /** CheckTx(Recheck) fails for txs this returns true for. */
  rejectOnRecheck?: (tx: string) => boolean;
  /** Validator set InitChain returns (empty = use genesis). */
  initValidators?: ValidatorUpdate[];
  /** Validator updates FinalizeBlock returns at a height. */
  updatesAt?: Map<number, ValidatorUpdate[]>;
}

export class KvApp implements Application {
  private pending: { height: number; state: Map<string, string> } | undefined;
  readonly routes: RestRoute[];
  /** Tests set this to stand in for signature pre-verification. */
  preverify?: (txs: readonly Uint8Array[]) => Promise<void>;

  constructor(readonly db: MemoryDb, private readonly opts: KvAppOptions = {}) {
    this.routes = [
      {
        method: 'GET',
        path: '/kv/v1/value/{key}',
        grpcPath: '/kv.Query/Get',
        request: (params) => enc.encode(params['key'] ?? ''),
        response: (value) => ({ value: dec.decode(value) }),
      },
      {
        method: 'GET',
        path: '/kv/v1/keys',
        grpcPath: '/kv.Query/Keys',
        request: (_params, query) => {
          const l = query['pagination.limit'];
          if (l !== undefined && !/^\d+$/.test(String(l))) throw Object.assign(new Error('bad limit'), { grpcCode: 3 });
          return enc.encode(String(l ?? ''));
        },
        response: (value) => ({ keys: JSON.parse(dec.decode(value)) as string[] }),
      },
      {
        // Shadowed by the node's own route: the node must keep serving its version.
        method: 'GET',
        path: '/cosmos/base/tendermint/v1beta1/syncing',
        grpcPath: '/kv.Query/Never',
        request: () => new Uint8Array(),
        response: () => ({ syncing: 'from app' }),
      },
    ];
  }

  private committed(height = this.db.height): Map<string, string> {
    return this.db.history.get(height) ?? new Map();
  }

  info() {
    this.db.calls.push('info');
    return { data: 'kv', version: '1', appVersion: 0n, lastBlockHeight: this.db.height, lastBlockAppHash: this.db.appHash };
  }

  initChain(req: Parameters<Application['initChain']>[0]) {
    this.db.calls.push('initChain');
    const appState = JSON.parse(dec.decode(req.appStateBytes)) as { kv?: Record<string, string> };
    const state = new Map(Object.entries(appState.kv ?? {}));
    this.pending = { height: 0, state };
    return { validators: this.opts.initValidators ?? [], appHash: kvAppHash(state) };
  }

  checkTx(req: RequestCheckTx): ResponseCheckTx {
    this.db.calls.push(req.type === 1 ? 'recheck' : 'checkTx');
    const p = parseTx(req.tx);
    const base = { data: new Uint8Array(), events: [] as AbciEvent[], priority: 0n, sender: '' };
    if (!p) return { ...base, code: 2, codespace: 'sdk', log: 'tx parse error', info: '', gasWanted: 0n, gasUsed: 0n };
    if (req.type === 1 && this.opts.rejectOnRecheck?.(dec.decode(req.tx))) {
      return { ...base, code: 32, codespace: 'sdk', log: 'incorrect account sequence', info: '', gasWanted: 0n, gasUsed: 0n };
    }
    return { ...base, ...ok(BigInt(req.tx.length)) };
  }

  prepareProposal(req: Parameters<Application['prepareProposal']>[0]) {
    this.db.calls.push('prepareProposal');
    return { txs: req.txs.filter((t) => parseTx(t) !== undefined) };
  }

  processProposal() {
    this.db.calls.push('processProposal');
    return { status: ProposalStatus.Accept };
  }

  private execTx(state: Map<string, string>, tx: Uint8Array): ExecTxResult {
    const p = parseTx(tx);
    if (!p) return { code: 2, codespace: 'sdk', log: 'tx parse error', info: '', gasWanted: 0n, gasUsed: 0n, data: new Uint8Array(), events: [] };
    const gas = BigInt(tx.length);
    const events: AbciEvent[] = [
      { type: 'message', attributes: [{ key: 'action', value: 'set', index: true }, { key: 'msg_index', value: '0', index: true }] },
      {
        type: 'kv',
        attributes: [
          { key: 'key', value: p.key, index: true },
          { key: 'value', value: p.value, index: true },
          { key: 'len', value: String(p.value.length), index: true },
          { key: 'hidden', value: p.value, index: false },
          { key: 'msg_index', value: '0', index: true },
        ],
      },
    ];
    if (p.key.startsWith('fail')) {
      return { code: 5, codespace: 'kv', log: 'failing on purpose', info: '', gasWanted: gas, gasUsed: gas, data: new Uint8Array(), events: [] };
    }
    state.set(p.key, p.value);
    return { ...ok(gas), data: txMsgData(p.key), events };
  }

  finalizeBlock(req: Parameters<Application['finalizeBlock']>[0]) {
    this.db.calls.push('finalizeBlock');
    this.db.finalized.push({ height: req.header.height, time: req.header.time, timeNs: req.header.timeNs, hash: req.header.hash });
    const state = new Map(this.pending?.height === 0 ? this.pending.state : this.committed());
    const txResults = req.txs.map((tx) => this.execTx(state, tx));
    this.pending = { height: req.header.height, state };
    return {
      events: [{ type: 'block', attributes: [{ key: 'height', value: String(req.header.height), index: true }] }],
      txResults,
      validatorUpdates: this.opts.updatesAt?.get(req.header.height) ?? [],
      appHash: kvAppHash(state),
    };
  }

  async commit(aux?: Iterable<[Uint8Array, Uint8Array]>) {
    this.db.calls.push('commit');
    const p = this.pending;
    if (!p || p.height === 0) throw new Error('commit without finalizeBlock');
    await new Promise((r) => setImmediate(r)); // commit is really async in the real store
    this.db.history.set(p.height, p.state);
    this.db.height = p.height;
    this.db.appHash = kvAppHash(p.state);
    for (const [k, v] of aux ?? []) this.db.aux.map.set(Buffer.from(k).toString('hex'), v);
    this.pending = undefined;
    return { retainHeight: 0 };
  }

  query(req: Parameters<Application['query']>[0]): ResponseQuery {
    this.db.calls.push('query');
    const height = req.height === 0 ? this.db.height : req.height;
    const grpcOf: Record<number, number> = { 22: 5, 26: 3, 6: 3 };
    const fail = (code: number, log: string): ResponseQuery => ({ code, grpcCode: grpcOf[code] ?? 0, codespace: 'sdk', log, value: new Uint8Array(), height });
    if (height > this.db.height) return fail(26, `height ${height} is in the future: invalid height`);
    const state = this.committed(height);
    switch (req.path) {
      case '/kv.Query/Get': {
        const key = dec.decode(req.data);
        const v = state.get(key);
        if (v === undefined) return fail(22, `key ${key} not found: key not found`);
        return { code: 0, grpcCode: 0, codespace: '', log: '', value: enc.encode(v), height };
      }
      case '/kv.Query/Keys':
        return { code: 0, grpcCode: 0, codespace: '', log: '', value: enc.encode(JSON.stringify([...state.keys()].sort())), height };
      case '/cosmos.tx.v1beta1.Service/Simulate': {
        let tx: Uint8Array = new Uint8Array();
        for (const f of readFields(req.data)) if (f.field === 2) tx = f.bytes;
        const r = this.execTx(new Map(state), tx);
        if (r.code !== 0) return { ...fail(r.code, r.log), codespace: r.codespace, grpcCode: 2 };
        const gasInfo = new ProtoWriter().varint(1, r.gasWanted).varint(2, r.gasUsed).finish();
        const any = new ProtoWriter().string(1, '/kv.MsgSetResponse').bytes(2, enc.encode(dec.decode(tx).split('=')[0])).finish();
        const result = new ProtoWriter().bytes(1, r.data);
        for (const ev of r.events) {
          const e = new ProtoWriter().string(1, ev.type);
          for (const a of ev.attributes) e.repeatedBytes(2, new ProtoWriter().string(1, a.key).string(2, a.value).varint(3, a.index).finish());
          result.repeatedBytes(3, e.finish());
        }
        result.repeatedBytes(4, any);
        const value = new ProtoWriter().message(1, gasInfo, true).message(2, result.finish(), true).finish();
        return { code: 0, grpcCode: 0, codespace: '', log: '', value, height };
      }
      case '/kv.Query/Boom':
        throw new Error('boom');
      default:
        return fail(6, `unknown query path ${req.path}: unknown request`);
    }
  }
}

/** A GatewayJson for KV txs (they are not protobuf): the tx text as the memo. */
export const kvGateway = {
  any(typeUrl: string, value: Uint8Array): Record<string, unknown> {
    if (typeUrl === '/cosmos.tx.v1beta1.Tx') {
      return { '@type': typeUrl, body: { messages: [], memo: dec.decode(value) }, auth_info: {}, signatures: [] };
    }
    return { '@type': typeUrl, value: Buffer.from(value).toString('base64') };
  },
};

export const utf8 = (s: string): Uint8Array => enc.encode(s);

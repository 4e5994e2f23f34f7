// Tx search with CometBFT's query language (libs/pubsub/query, 0.38): conditions `tag OP operand`
// joined by AND. Operators =, <, <=, >, >=, CONTAINS, EXISTS; operands 'quoted strings', numbers,
// DATE yyyy-mm-dd and TIME <RFC 3339>. Special tags: tx.height and tx.hash. A condition matches a tx
// when any indexed attribute with that composite key ("type.key") satisfies it; conditions need not
// match the same event (CometBFT's default semantics).
import { isIndexed, type TxIndex, type TxPosition } from './txindex.js';
import type { TxRecord } from './records.js';
import { fromHex, toHexUpper } from './util/bytes.js';
import { NS_PER_MS, parseRfc3339 } from './util/time.js';

/** An invalid query or page: the LCD answers gRPC InvalidArgument (3). */
export class TxSearchError extends Error {
  readonly grpcCode = 3;
  constructor(message: string) {
    super(message);
    this.name = 'TxSearchError';
  }
}

export type Operator = '=' | '<' | '<=' | '>' | '>=' | 'CONTAINS' | 'EXISTS';

export type Operand =
  | { type: 'string'; value: string }
  | { type: 'number'; value: string }
  | { type: 'date' | 'time'; ns: bigint; text: string };

export interface Condition {
  tag: string;
  op: Operator;
  operand?: Operand;
}

// ---------------------------------------------------------------- lexer

type Token = { kind: 'string'; text: string; pos: number } | { kind: 'op'; text: string; pos: number } | { kind: 'word'; text: string; pos: number };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const end = q.indexOf("'", i + 1);
      if (end < 0) throw new TxSearchError(`invalid query: unterminated string at offset ${i}`);
      out.push({ kind: 'string', text: q.slice(i + 1, end), pos: i });
      i = end + 1;
    } else if (c === '<' || c === '>') {
      const two = q[i + 1] === '=';
      out.push({ kind: 'op', text: two ? `${c}=` : c, pos: i });
      i += two ? 2 : 1;
    } else if (c === '=') {
      out.push({ kind: 'op', text: '=', pos: i });
      i++;
    } else {
      const start = i;
      while (i < q.length && !/[\s'<>=]/.test(q[i]!)) i++;
      out.push({ kind: 'word', text: q.slice(start, i), pos: start });
    }
  }
  return out;
}

// ---------------------------------------------------------------- parser

const TAG = /^[A-Za-z_][A-Za-z0-9_.\-/:]*$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isKeyword = (t: Token | undefined, kw: string) => t?.kind === 'word' && t.text.toUpperCase() === kw;

function parseDate(s: string): bigint | undefined {
  const m = DATE.exec(s);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (Number.isNaN(ms) || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) return undefined;
  return BigInt(ms) * NS_PER_MS;
}

/** Parse a query; throws TxSearchError with the reason. */
export function parseQuery(query: string): Condition[] {
  const toks = tokenize(query);
  let i = 0;
  const fail = (why: string): never => {
    throw new TxSearchError(`invalid query ${JSON.stringify(query)}: ${why}`);
  };
  const conditions: Condition[] = [];
  if (toks.length === 0) fail('empty query');
  for (;;) {
    const tagTok = toks[i++];
    if (!tagTok || tagTok.kind !== 'word' || isKeyword(tagTok, 'AND')) fail(`expected a tag at ${tagTok ? `offset ${tagTok.pos}` : 'end'}`);
    const tag = tagTok!.text;
    if (!TAG.test(tag)) fail(`invalid tag ${JSON.stringify(tag)}`);
    const opTok = toks[i++];
    if (isKeyword(opTok, 'EXISTS')) {
      conditions.push({ tag, op: 'EXISTS' });
    } else {
      let op: Operator;
      if (isKeyword(opTok, 'CONTAINS')) op = 'CONTAINS';
      else if (opTok?.kind === 'op') op = opTok.text as Operator;
      else return fail(`expected an operator after ${JSON.stringify(tag)}`);
      const argTok = toks[i++];
      let operand: Operand;
      if (argTok?.kind === 'string') {
        operand = { type: 'string', value: argTok.text };
      } else if (argTok?.kind === 'word' && NUMBER.test(argTok.text)) {
        operand = { type: 'number', value: argTok.text };
      } else if (isKeyword(argTok, 'DATE') || isKeyword(argTok, 'TIME')) {
        const isDate = isKeyword(argTok, 'DATE');
        const lit = toks[i++];
        const ns = lit?.kind === 'word' ? (isDate ? parseDate(lit.text) : parseRfc3339(lit.text)) : undefined;
        if (ns === undefined) return fail(`invalid ${isDate ? 'date' : 'time'} after ${JSON.stringify(tag)}`);
        operand = { type: isDate ? 'date' : 'time', ns, text: (lit as Token).text };
      } else {
        return fail(`expected a value after ${JSON.stringify(tag)} ${op}`);
      }
      // The operator/operand combinations CometBFT accepts (opTypeMap).
      if (op === 'CONTAINS' && operand.type !== 'string') fail('CONTAINS needs a string operand');
      if ((op === '<' || op === '<=' || op === '>' || op === '>=') && operand.type === 'string') {
        fail(`${op} needs a number, date or time operand`);
      }
      conditions.push({ tag, op, operand });
    }
    if (i >= toks.length) break;
    if (!isKeyword(toks[i], 'AND')) fail(`expected AND at offset ${toks[i]!.pos}`);
    i++;
  }
  return conditions;
}

// ---------------------------------------------------------------- matching

/** A decimal as a scaled bigint: value = n / 10^scale. */
function toScaled(s: string): { n: bigint; scale: number } | undefined {
  if (!NUMBER.test(s)) return undefined;
  const neg = s.startsWith('-');
  const body = s.replace(/^[+-]/, '');
  const [intPart = '', frac = ''] = body.split('.');
  const n = BigInt((intPart || '0') + frac);
  return { n: neg ? -n : n, scale: frac.length };
}

export function compareDecimal(a: string, b: string): number | undefined {
  const x = toScaled(a);
  const y = toScaled(b);
  if (!x || !y) return undefined;
  const scale = Math.max(x.scale, y.scale);
  const xn = x.n * 10n ** BigInt(scale - x.scale);
  const yn = y.n * 10n ** BigInt(scale - y.scale);
  return xn === yn ? 0 : xn < yn ? -1 : 1;
}

function cmpResult(op: Operator, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    default:
      return false;
  }
}

/** Does one attribute value satisfy the condition? */
export function matchValue(cond: Condition, value: string): boolean {
  const { op, operand } = cond;
  if (op === 'EXISTS') return true;
  if (!operand) return false;
  switch (operand.type) {
    case 'string':
      return op === 'CONTAINS' ? value.includes(operand.value) : op === '=' && value === operand.value;
    case 'number': {
      const c = compareDecimal(value, operand.value);
      return c !== undefined && cmpResult(op, c);
    }
    case 'date':
    case 'time': {
      const v = operand.type === 'date' ? parseDate(value) : parseRfc3339(value);
      if (v === undefined) return false;
      return cmpResult(op, v === operand.ns ? 0 : v < operand.ns ? -1 : 1);
    }
  }
}

const TX_HEIGHT = 'tx.height';
const TX_HASH = 'tx.hash';

function recordMatches(cond: Condition, rec: TxRecord): boolean {
  if (cond.tag === TX_HEIGHT) return matchValue(cond, String(rec.height));
  if (cond.tag === TX_HASH) return matchHash(cond, rec.hash);
  for (const ev of rec.result.events) {
    for (const a of ev.attributes) {
      // Only what the index holds can match, whichever condition drives the search.
      if (`${ev.type}.${a.key}` === cond.tag && isIndexed(cond.tag, a.value, a.index) && matchValue(cond, a.value)) return true;
    }
  }
  return false;
}

function matchHash(cond: Condition, hash: Uint8Array): boolean {
  // Hashes are hex; compare case-insensitively as CometBFT decodes the hex operand.
  if (cond.op === '=' && cond.operand?.type === 'string') return cond.operand.value.toUpperCase() === toHexUpper(hash);
  return matchValue(cond, toHexUpper(hash));
}

// ---------------------------------------------------------------- search

export interface SearchRequest {
  query: string;
  /** 1-based; default 1. */
  page?: number;
  /** Default and maximum 100 (CometBFT clamps larger values). */
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface SearchResult {
  total: number;
  records: TxRecord[];
}

export const DEFAULT_SEARCH_LIMIT = 100;
export const MAX_SEARCH_LIMIT = 100;

const posKey = (p: TxPosition) => p.height * 2 ** 20 + p.index; // index < 2^20 txs per block
const cmpPos = (a: TxPosition, b: TxPosition) => a.height - b.height || a.index - b.index;

/** Candidate positions from the most selective condition; the others are checked per tx. */
function candidates(index: TxIndex, conds: Condition[]): { positions: TxPosition[]; driver: number } {
  const pick = (pred: (c: Condition) => boolean) => conds.findIndex(pred);
  let d = pick((c) => c.tag === TX_HASH && c.op === '=' && c.operand?.type === 'string');
  if (d >= 0) {
    const hash = fromHex((conds[d]!.operand as { value: string }).value);
    const rec = hash && hash.length === 32 ? index.get(hash) : undefined;
    return { positions: rec ? [{ height: rec.height, index: rec.index }] : [], driver: d };
  }
  d = pick((c) => c.tag !== TX_HEIGHT && c.tag !== TX_HASH && c.op === '=' && c.operand?.type === 'string');
  if (d >= 0) {
    const c = conds[d]!;
    return { positions: [...index.eventHits(c.tag, (c.operand as { value: string }).value)], driver: d };
  }
  d = pick((c) => c.tag === TX_HEIGHT && c.operand?.type === 'number');
  if (d >= 0) {
    const c = conds[d]!;
    const x = Number((c.operand as { value: string }).value);
    let min = 1;
    let max = Number.MAX_SAFE_INTEGER;
    if (c.op === '=' || c.op === '<' || c.op === '<=') max = Math.min(max, Math.max(0, Math.ceil(x)));
    if (c.op === '=' || c.op === '>' || c.op === '>=') min = Math.min(Math.max(min, Math.floor(x)), Number.MAX_SAFE_INTEGER);
    const out: TxPosition[] = [];
    if (min <= max) for (const p of index.positions(min, max)) if (matchValue(c, String(p.height))) out.push(p);
    return { positions: out, driver: d };
  }
  d = pick((c) => c.tag !== TX_HEIGHT && c.tag !== TX_HASH);
  if (d >= 0) {
    const c = conds[d]!;
    const seen = new Map<number, TxPosition>();
    for (const hit of index.eventHits(c.tag)) {
      if (matchValue(c, hit.value)) seen.set(posKey(hit), { height: hit.height, index: hit.index });
    }
    return { positions: [...seen.values()], driver: d };
  }
  // Only tx.height / tx.hash conditions of other shapes: walk every tx.
  return { positions: [...index.positions()], driver: -1 };
}

export function searchTxs(index: TxIndex, req: SearchRequest): SearchResult {
  const conds = parseQuery(req.query);
  const limit = Math.min(req.limit && req.limit > 0 ? req.limit : DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT);
  const page = req.page && req.page > 0 ? req.page : 1;

  const { positions, driver } = candidates(index, conds);
  const rest = conds.filter((_, i) => i !== driver);
  const loaded = new Map<number, TxRecord>();
  const matches: TxPosition[] = [];
  for (const p of positions) {
    if (rest.length > 0) {
      const rec = index.recordAt(p);
      if (!rec || !rest.every((c) => recordMatches(c, rec))) continue;
      loaded.set(posKey(p), rec);
    }
    matches.push(p);
  }
  matches.sort(cmpPos);
  if (req.order === 'desc') matches.reverse();

  const total = matches.length;
  const pages = Math.max(1, Math.ceil(total / limit));
  if (page > pages) throw new TxSearchError(`page should be within [1, ${pages}] range, given ${page}`);
  const records: TxRecord[] = [];
  for (const p of matches.slice((page - 1) * limit, page * limit)) {
    const rec = loaded.get(posKey(p)) ?? index.recordAt(p);
    if (rec) records.push(rec);
  }
  return { total, records };
}

// Block time as nanoseconds since the Unix epoch (bigint), and its RFC 3339 rendering with exactly
// nine fractional digits (clients rebuild the contract-visible ns timestamp from that string).

export const NS_PER_SEC = 1_000_000_000n;
export const NS_PER_MS = 1_000_000n;

/** Go's zero time.Time (0001-01-01T00:00:00Z), used by CometBFT for absent commit signatures. */
export const GO_ZERO_TIME_NS = -62135596800n * NS_PER_SEC;

/** A source of wall-clock time in ns. Injected so tests can drive time. */
export type Clock = () => bigint;

/**
 * A wall clock with sub-millisecond resolution: Date.now() anchored once, advanced by the monotonic
 * hrtime, so successive readings never go backwards even if the system clock is adjusted.
 */
export function systemClock(): Clock {
  const baseWall = BigInt(Date.now()) * NS_PER_MS;
  const baseMono = process.hrtime.bigint();
  return () => baseWall + (process.hrtime.bigint() - baseMono);
}

/** seconds (floor) and non-negative nanos, as google.protobuf.Timestamp holds them. */
export function splitNs(ns: bigint): { seconds: bigint; nanos: number } {
  let seconds = ns / NS_PER_SEC;
  let nanos = ns % NS_PER_SEC;
  if (nanos < 0n) {
    seconds -= 1n;
    nanos += NS_PER_SEC;
  }
  return { seconds, nanos: Number(nanos) };
}

/** RFC 3339, UTC, exactly 9 fractional digits: 2026-11-21T10:13:53.123456789Z. */
export function formatRfc3339Nano(ns: bigint): string {
  const { seconds, nanos } = splitNs(ns);
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${base}.${nanos.toString().padStart(9, '0')}Z`;
}

/** RFC 3339 without fractional seconds, as the SDK formats tx_response.timestamp (time.RFC3339). */
export function formatRfc3339Seconds(ns: bigint): string {
  const { seconds } = splitNs(ns);
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parse RFC 3339 with up to nanosecond precision; undefined when malformed. */
export function parseRfc3339(s: string): bigint | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  if (Number.isNaN(ms)) return undefined;
  let ns = BigInt(ms) * NS_PER_MS;
  // Date.UTC maps years 0..99 to 1900+; genesis times never use them, but stay exact anyway.
  if (Number(y) < 100) {
    const dt = new Date(ms);
    dt.setUTCFullYear(Number(y));
    ns = BigInt(dt.getTime()) * NS_PER_MS;
  }
  if (frac) ns += BigInt(frac.slice(1).padEnd(9, '0'));
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1n : 1n;
    const offMin = BigInt(Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    ns -= sign * offMin * 60n * NS_PER_SEC;
  }
  return ns;
}

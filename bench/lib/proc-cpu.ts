// CPU time of another process, split by thread, from /proc (Linux): read at the start and end of a
// timed phase, so the figure covers exactly that phase and costs nothing in between.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux architecture Node supports. */
const USER_HZ = 100;

/** Clock ticks (utime + stime) per thread id; threads that exited in between are simply absent. */
export function threadTicks(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1');
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(f[11]) + Number(f[12]));
    } catch {
      /* thread gone */
    }
  }
  return out;
}

export interface CpuSplit {
  /** CPU seconds of the whole process over the phase. */
  total: number;
  /** CPU seconds of the main thread (thread id = pid). */
  main: number;
  /** CPU seconds of each other thread (id relative to the pid, in start order), busiest first. */
  others: [number, number][];
}

/** CPU used between two threadTicks() snapshots. */
export function cpuBetween(pid: number, before: Map<number, number>, after: Map<number, number>): CpuSplit {
  let total = 0;
  const others: [number, number][] = [];
  for (const [tid, t] of after) {
    const d = t - (before.get(tid) ?? 0);
    total += d;
    if (tid !== pid && d > 0) others.push([tid - pid, d / USER_HZ]);
  }
  others.sort((a, b) => b[1] - a[1]);
  const main = (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
  return { total: total / USER_HZ, main: main / USER_HZ, others };
}

/** One line on the node's CPU over a phase of `txs` transactions lasting `ms`. */
export function describeNodeCpu({ total, main, others }: CpuSplit, txs: number, ms: number): string {
  const s = ms / 1000;
  const perTx = (sec: number) => ((sec * 1e6) / txs).toFixed(0);
  // Node 20 names every thread "node"; the offset from the pid tells them apart (start order).
  const busiest = others
    .filter(([, sec]) => sec / s >= 0.02)
    .map(([id, sec]) => `+${id}: ${perTx(sec)}`)
    .join(', ');
  return `node CPU: ${(total / s).toFixed(2)} cores, ${perTx(total)} µs per tx (main thread ${perTx(main)} µs, ${((100 * main) / s).toFixed(0)} % busy; other threads ${perTx(total - main)} µs${busiest ? ` — by thread, µs per tx: ${busiest}` : ''})`;
}

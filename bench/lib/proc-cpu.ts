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
}

/** CPU used between two threadTicks() snapshots. */
export function cpuBetween(pid: number, before: Map<number, number>, after: Map<number, number>): CpuSplit {
  let total = 0;
  for (const [tid, t] of after) total += t - (before.get(tid) ?? 0);
  const main = (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
  return { total: total / USER_HZ, main: main / USER_HZ };
}

/** One line on the node's CPU over a phase of `txs` transactions lasting `ms`. */
export function describeNodeCpu({ total, main }: CpuSplit, txs: number, ms: number): string {
  const s = ms / 1000;
  const perTx = (sec: number) => ((sec * 1e6) / txs).toFixed(0);
  return `node CPU: ${(total / s).toFixed(2)} cores, ${perTx(total)} µs per tx (main thread ${perTx(main)} µs, ${((100 * main) / s).toFixed(0)} % busy; other threads ${perTx(total - main)} µs)`;
}

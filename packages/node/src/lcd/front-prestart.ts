// Starting the LCD's front thread before the node's own modules are loaded. The thread's start-up is
// mostly loading its modules (≈ 350 ms on this project's machine); started by the node it began only
// after the main thread had loaded everything, and was the last thing `scrtd dev` waited for. Started
// here, first thing, it loads them on the other core meanwhile. This module imports nothing else, so
// a command can call it before importing the node. LcdFront takes the thread and sends it its
// configuration; a thread never taken does not keep the process alive.
import { Worker } from 'node:worker_threads';

let early: Worker | undefined;

/** Start a front thread (without configuration) for the next LcdFront to take. */
export function prestartFrontThread(): void {
  if (early) return;
  // execArgv: [] so a parent started with -e/--eval does not re-run its script in the worker.
  early = new Worker(new URL('./front-worker.js', import.meta.url), { workerData: null, execArgv: [] });
  early.unref();
  const w = early;
  w.once('exit', () => {
    if (early === w) early = undefined;
  });
}

/** The prestarted thread, once: the caller must post it { t: 'config' } before anything else. */
export function takePrestartedFrontThread(): Worker | undefined {
  const w = early;
  early = undefined;
  return w;
}

// Logs as data: a small Logger interface, bound to pino here (the node is the shell). Callers pass
// context objects, never tx payloads, keys or decrypted data.
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';

export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(msg: string, ctx?: LogContext): void;
  info(msg: string, ctx?: LogContext): void;
  warn(msg: string, ctx?: LogContext): void;
  error(msg: string, ctx?: LogContext): void;
  /** A logger whose records carry `bindings` (one per subsystem: { module: 'driver' }). */
  child(bindings: LogContext): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

function wrap(p: PinoLogger): Logger {
  return {
    debug: (msg, ctx) => (ctx ? p.debug(ctx, msg) : p.debug(msg)),
    info: (msg, ctx) => (ctx ? p.info(ctx, msg) : p.info(msg)),
    warn: (msg, ctx) => (ctx ? p.warn(ctx, msg) : p.warn(msg)),
    error: (msg, ctx) => (ctx ? p.error(ctx, msg) : p.error(msg)),
    child: (bindings) => wrap(p.child(bindings)),
  };
}

/** A pino-backed logger; quiet by default (level 'warn'). */
export function createLogger(opts: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  const p = opts.destination ? pino({ level: opts.level ?? 'warn' }, opts.destination) : pino({ level: opts.level ?? 'warn' });
  return wrap(p);
}

/** Discards everything (tests, embedding). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

// HTTP-level behaviour shared by the fastify server and the LCD's front thread: path normalisation,
// CORS headers on every reply, and JSON errors for requests that never became requests (malformed HTTP).
import type { Socket } from 'node:net';
import { errorBody, GrpcCode } from './errors.js';

export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-cosmos-block-height, grpc-metadata-x-cosmos-block-height',
} as const;

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' };

/** The node http server's clientError handler: errors raised before a request object exists still get JSON. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(errorBody(GrpcCode.InvalidArgument, STATUS_TEXT[status] ?? 'Bad Request'));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Collapse runs of slashes in the path (clients built with a trailing-slash base URL send `//////cosmos/...`). */
export function collapseSlashes(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rest = q < 0 ? '' : url.slice(q);
  return path.replace(/\/{2,}/g, '/') + rest;
}

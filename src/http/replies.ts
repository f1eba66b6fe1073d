import type { ServerResponse } from 'node:http';
import type { Reply } from '../apis/types.js';
import type { OperationIndex } from '../spec/operations.js';
import { CORS_HEADERS } from './cors.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', ...CORS_HEADERS };

/** Writes the reply as JSON; returns the body's size in bytes (the journal bounds what it keeps by it). */
export function sendJson(res: ServerResponse, reply: Reply, extraHeaders?: Record<string, string>): number {
  const text = JSON.stringify(reply.body);
  const headers: Record<string, string | number> = extraHeaders ? { ...JSON_HEADERS, ...extraHeaders } : { ...JSON_HEADERS };
  // A length instead of chunked framing: fewer bytes and less work per response.
  const bytes = text === undefined ? 0 : Buffer.byteLength(text);
  if (text !== undefined) headers['content-length'] = bytes;
  res.writeHead(reply.status, headers);
  res.end(text);
  return bytes;
}

/** Whether the operation's spec lists this status (exactly, or as a `4XX`/`5XX` range). */
export const declaresStatus = (op: OperationIndex, status: number): boolean =>
  String(status) in op.responses || `${String(status)[0]}XX` in op.responses;

/** The spec's own example for a status (by name, else the first), as Prism's `Prefer: code=` does. */
export function exampleReply(op: OperationIndex, status: number, name?: string): Reply | null {
  const examples = op.examples[String(status)];
  if (!examples) return null;
  const body = name !== undefined ? examples[name] : Object.values(examples)[0];
  return body === undefined ? null : { status, body: structuredClone(body) };
}

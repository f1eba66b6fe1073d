import type { ServerResponse } from 'node:http';
import type { Reply } from '../apis/types.js';
import type { OperationIndex } from '../spec/operations.js';
import { CORS_HEADERS } from './cors.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', ...CORS_HEADERS };

export function sendJson(res: ServerResponse, reply: Reply, extraHeaders?: Record<string, string>): void {
  const text = JSON.stringify(reply.body);
  const headers: Record<string, string | number> = extraHeaders ? { ...JSON_HEADERS, ...extraHeaders } : { ...JSON_HEADERS };
  // A length instead of chunked framing: fewer bytes and less work per response.
  if (text !== undefined) headers['content-length'] = Buffer.byteLength(text);
  res.writeHead(reply.status, headers);
  res.end(text);
}

/**
 * Whether the operation's spec lists this status: exactly, as a `4XX`/`5XX` range (admin.yaml), or,
 * for a 5xx, as `default` — the API specs list 500 and 503 and leave any other server fault to
 * `default` (openapi/README.md), so `Prefer: code=418` stays a status no operation declares.
 */
export const declaresStatus = (op: OperationIndex, status: number): boolean =>
  String(status) in op.responses || `${String(status)[0]}XX` in op.responses || (status >= 500 && status <= 599 && 'default' in op.responses);

/** The spec's own example for a status (by name, else the first), as Prism's `Prefer: code=` does. */
export function exampleReply(op: OperationIndex, status: number, name?: string): Reply | null {
  const examples = op.examples[String(status)];
  if (!examples) return null;
  const body = name !== undefined ? examples[name] : Object.values(examples)[0];
  return body === undefined ? null : { status, body: structuredClone(body) };
}

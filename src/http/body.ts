import type { IncomingMessage } from 'node:http';
import { PayloadTooLarge, UnsupportedMediaType, ValidationFailed } from '../core/errors.js';

/** Deeper than this is refused before validation: no real order payload nests past a dozen. */
export const MAX_JSON_DEPTH = 64;

const isJson = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);

function depthExceeds(value: unknown, max: number): boolean {
  // Iterative on purpose: a recursive walk is what a hostile body would use to blow the stack.
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** A chunked body, refused as soon as it passes the limit. */
async function readChunked(req: IncomingMessage, limitBytes: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      req.resume();
      throw new PayloadTooLarge(limitBytes);
    }
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * A body of declared length (already checked against the limit; the HTTP parser holds the body to
 * it). Plain listeners: an async iterator costs a few µs a request, which shows on small requests.
 */
function readDeclared(req: IncomingMessage): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks));
    req.once('error', reject);
    // 'close' follows 'end' on every request; only one without the whole body is an error.
    req.once('close', () => req.complete || reject(new Error('the client closed the connection before the body ended')));
  });
}

/**
 * Reads a JSON request body, or `undefined` when none was sent. Refuses an oversized body (413)
 * as soon as it is known, a non-JSON content type (415), and malformed or too-deep JSON (400).
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!declared && !chunked) return undefined;
  if (declared > limitBytes) {
    req.resume();
    throw new PayloadTooLarge(limitBytes);
  }
  const chunks = chunked ? await readChunked(req, limitBytes) : await readDeclared(req);
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (size === 0) return undefined;
  const contentType = String(req.headers['content-type'] ?? '');
  if (!isJson(contentType)) throw new UnsupportedMediaType(contentType);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
  } catch (error) {
    throw new ValidationFailed('body', `is not valid JSON (${(error as Error).message})`, 'body');
  }
  if (depthExceeds(parsed, MAX_JSON_DEPTH)) throw new ValidationFailed('body', `nests deeper than ${MAX_JSON_DEPTH} levels`, 'body');
  return parsed;
}

import type { IncomingMessage } from 'node:http';
import { PayloadTooLarge } from '../core/errors.js';

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
 * A node:http request's body bytes, or `undefined` when none was sent. Refuses an oversized body
 * (413) as soon as it is known: from Content-Length before reading, or mid-stream when chunked.
 */
export async function readNodeBody(req: IncomingMessage, limitBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!declared && !chunked) return undefined;
  if (declared > limitBytes) {
    req.resume();
    throw new PayloadTooLarge(limitBytes);
  }
  const chunks = chunked ? await readChunked(req, limitBytes) : await readDeclared(req);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

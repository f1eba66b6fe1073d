import type { Reply } from '../apis/types.js';
import { PayloadTooLarge } from '../core/errors.js';
import { readText } from './read-texts.js';

/**
 * A request as every transport can hand it over: node:http, MSW's `Request`, a direct call. Plain
 * data, so the server path builds no WHATWG objects and the core imports no runtime.
 */
export type PlainRequest = {
  method: string;
  /** Path and query as sent (`/dirtylemon/v1/orders/1?x=y`), not decoded. */
  url: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  /**
   * The body's bytes, or undefined when there is none; throws PayloadTooLarge past `limitBytes`
   * as soon as the transport can tell. Called at most once.
   */
  readBody(limitBytes: number): Promise<Uint8Array | undefined>;
  /** The client's address; undefined for an in-process caller (MSW, the programmatic API), which is trusted. */
  remoteAddress?: string;
};

/** What the core answers. `drop: true` asks the transport to cut the connection without a reply. */
export type PlainReply = { status: number; headers: Record<string, string>; body?: string | Uint8Array; drop?: boolean };

/** The one header value of a request (the first, when a client repeated it). */
export const headerOf = (req: PlainRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const JSON_TYPE = 'application/json; charset=utf-8';

function bodyText(reply: Reply, read: boolean): string {
  const { body } = reply;
  return read && reply.status < 300 && typeof body === 'object' && body !== null ? readText(body) : JSON.stringify(body);
}

/**
 * A handler's reply serialized as JSON (the core adds the headers every answer carries). `read`:
 * the body is stored state answered to a GET, whose text may be kept for the next read.
 */
export const jsonReply = (reply: Reply, read = false): PlainReply => ({ status: reply.status, headers: { 'content-type': JSON_TYPE }, body: bodyText(reply, read) });

/** Bytes of a body already in memory (MSW, direct calls), refused past the limit like a streamed one. */
export function bodyFromBytes(bytes: Uint8Array | undefined): (limitBytes: number) => Promise<Uint8Array | undefined> {
  return async (limitBytes) => {
    if (!bytes || bytes.byteLength === 0) return undefined;
    if (bytes.byteLength > limitBytes) throw new PayloadTooLarge(limitBytes);
    return bytes;
  };
}

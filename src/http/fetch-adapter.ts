import { bodyFromBytes, type PlainReply, type PlainRequest } from './exchange.js';

/**
 * The WHATWG edge of the request core, for transports that hand over a `Request` and want a
 * `Response` back (MSW, the programmatic `mock.fetch`). The server path never comes here.
 */

/** A `Request` as the core's plain request; `url` is the path (and query) in the core's layout. */
export function plainRequestOf(request: Request, url: string): PlainRequest {
  const headers: Record<string, string> = {};
  // Headers iterates with lower-case names and joins repeated values, as node:http does.
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    url,
    headers,
    readBody: async (limitBytes) => bodyFromBytes(new Uint8Array(await request.arrayBuffer()))(limitBytes),
    // No remote address: an in-process caller, trusted by the admin API like a loopback client.
  };
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** The core's reply as a `Response`: a network error for a dropped connection, no body for HEAD. */
export function responseOf(reply: PlainReply, method: string): Response {
  if (reply.drop) return Response.error();
  const body = method === 'HEAD' || NULL_BODY_STATUSES.has(reply.status) ? null : (reply.body ?? null);
  return new Response(body as BodyInit | null, { status: reply.status, headers: reply.headers });
}

import type { PlainReply, PlainRequest } from './exchange.js';

/** Headers every response carries so a browser app on another origin can call the mock. */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-type, x-ordermock-tenant',
};

const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, prefer, x-ordermock-admin-token',
  'access-control-max-age': '600',
};

/** The CORS headers of an ordinary response to this request. */
export const corsHeaders = (_req: PlainRequest): Record<string, string> => CORS_HEADERS;

/** The answer to a CORS preflight (an OPTIONS request with Access-Control-Request-Method). */
export const preflightReply = (_req: PlainRequest): PlainReply => ({ status: 204, headers: { ...PREFLIGHT_HEADERS } });

import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers every response carries so a browser app on another origin can call the mock. */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-type, x-ordermock-tenant',
};

const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, prefer, x-ordermock-admin-token',
  'access-control-max-age': '600',
};

/** Answers a CORS preflight; returns false for a plain OPTIONS request (left to the router). */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  res.writeHead(204, PREFLIGHT_HEADERS);
  res.end();
  return true;
}

import { headerOf, type PlainReply, type PlainRequest } from './exchange.js';

/**
 * Which origins may call the mock from a browser: any (the default, as Prism does), a list, or
 * none (`--no-cors`: no CORS headers at all, for a mock behind a gateway that adds its own).
 */
export type CorsPolicy = { origins: 'any' | readonly string[] } | false;

/** Headers a client may read beyond the CORS-safelisted ones. */
const EXPOSED = 'allow, retry-after, x-request-id';

// A requested header list is echoed back only when it is a plain list of header names.
const HEADER_LIST = /^[\w!#$%&'*+.^`|~-]+(?:\s*,\s*[\w!#$%&'*+.^`|~-]+)*$/;

const NO_ORIGIN: Record<string, string> = Object.freeze({ 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED }) as Record<string, string>;

/**
 * CORS for apps as they run in production: the request's Origin is reflected with credentials
 * allowed (`*` can never satisfy `credentials: 'include'`), and a preflight allows whatever headers
 * it asks for (Sentry's `sentry-trace`/`baggage`, OpenTelemetry's `traceparent`, `x-request-id`…).
 */
export function createCors(policy: CorsPolicy) {
  const allowed = (origin: string) => policy !== false && (policy.origins === 'any' || policy.origins.includes(origin));

  /** The CORS headers of an ordinary response; a refused origin gets none, so the browser blocks it. */
  const headersFor = (req: PlainRequest): Record<string, string> | null => {
    if (policy === false) return null;
    const origin = headerOf(req, 'origin');
    // Not a browser's cross-origin call: `*` keeps curl and server-side clients unaffected.
    if (origin === undefined) return policy.origins === 'any' ? NO_ORIGIN : { vary: 'Origin' };
    if (!allowed(origin)) return { vary: 'Origin' };
    return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': EXPOSED, vary: 'Origin' };
  };

  /** A preflight's answer, allowing the methods the path has (every method for an unknown path, so the app reads its 404). */
  const preflight = (req: PlainRequest, methods: readonly string[]): PlainReply => {
    const origin = headerOf(req, 'origin') ?? '';
    const vary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
    if (!allowed(origin)) return { status: 204, headers: { vary } };
    const requested = headerOf(req, 'access-control-request-headers')?.trim() ?? '';
    const headers: Record<string, string> = {
      'access-control-allow-origin': origin || '*',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
      'access-control-max-age': '600',
      vary,
    };
    if (requested && HEADER_LIST.test(requested)) headers['access-control-allow-headers'] = requested;
    // Chrome's Private Network Access: a public page calling a mock on localhost asks this first.
    if (headerOf(req, 'access-control-request-private-network') === 'true') headers['access-control-allow-private-network'] = 'true';
    return { status: 204, headers };
  };

  return { headersFor, preflight };
}

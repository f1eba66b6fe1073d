import { MatchersV3 as M } from '@pact-foundation/pact';
import type { V4ResponseBuilder } from '@pact-foundation/pact/src/v4/http/types.js';

/**
 * RFC 3339 date-time, with `Z` or an offset (Estoka's documents use `-03:00`). A regex rather than
 * Pact's `datetime`: its Java-style patterns cannot say "Z or offset" in one format.
 */
const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';

export const dateTime = (example: string) => M.regex(RFC3339, example);

/** Every API answers JSON; the charset parameter is optional. */
export const JSON_RESPONSE_HEADERS = { 'Content-Type': M.regex('^application/json(; ?charset=utf-8)?$', 'application/json; charset=utf-8') };

/** A header sent as is but matched by shape: a provider verified with its own token still matches. */
export const authorization = (example: string) => M.regex(`^${example.split(' ')[0]} \\S+$`, example);

/** `.willRespondWith(status, jsonReply(body))`: a JSON answer with this body. */
export const jsonReply = (body: unknown) => (b: V4ResponseBuilder) => b.headers(JSON_RESPONSE_HEADERS).jsonBody(body);

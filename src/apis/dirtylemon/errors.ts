import * as E from '../../core/errors.js';
import type { Reply } from '../types.js';

/** Dirty Lemon's error body: `{"error": {code, message, param, …}}` (chosen in the spec's info). */
const reply = (status: number, code: string, message: string, param: string | null = null, extra = {}): Reply => ({
  status,
  body: { error: { code, message, param, ...extra } },
});

export function errorReply(error: E.MockError): Reply {
  if (error instanceof E.ValidationFailed) return reply(400, 'invalid_request', error.message, error.field);
  if (error instanceof E.Unauthorized) return reply(401, 'unauthorized', error.message);
  if (error instanceof E.NotFound) {
    // An unknown SKU is a problem with the body, not a missing resource at the URL.
    if (error.resource === 'sku') return reply(422, 'sku_not_found', error.message, error.field);
    return reply(404, `${error.resource}_not_found`, error.message, error.field);
  }
  if (error instanceof E.IllegalTransition) {
    return reply(422, 'invalid_state_transition', error.message, 'status', { current_status: error.current, allowed_from: error.allowedFrom });
  }
  if (error instanceof E.PreconditionFailed) return reply(422, error.code, error.message, 'customer_id');
  if (error instanceof E.MethodNotAllowed) return reply(405, 'method_not_allowed', error.message);
  if (error instanceof E.NotAcceptable) return reply(406, 'not_acceptable', error.message, 'Accept');
  if (error instanceof E.PayloadTooLarge) return reply(413, 'payload_too_large', error.message);
  if (error instanceof E.UnsupportedMediaType) return reply(415, 'unsupported_media_type', error.message);
  if (error instanceof E.LimitReached) return reply(429, 'limit_reached', error.message);
  if (error instanceof E.StoreUnavailable) return reply(503, 'service_unavailable', error.message);
  const status = error instanceof E.ServerFault ? error.status : 500;
  return reply(status, 'internal_error', error.message);
}

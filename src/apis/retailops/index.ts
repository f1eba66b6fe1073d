import * as E from '../../core/errors.js';
import type { components } from '../../generated/retailops.js';
import { loadSpec } from '../../spec/load.js';
import { readStateMachine } from '../../spec/state-machine.js';
import { bearerToken, PUBLIC_TENANT } from '../auth.js';
import { flatOrders } from '../flat-orders.js';
import type { ApiModule, Reply } from '../types.js';

type Order = components['schemas']['Order'];
type OrderStatus = components['schemas']['OrderStatus'];
type OrderCancelRequest = components['schemas']['OrderCancelRequest'];

/** The document's order `4897` is open; the others cover the remaining states. */
export const RETAILOPS_FIXTURES: Record<string, OrderStatus> = { '4897': 'open', '4898': 'shipped', '4899': 'canceled' };


const order = (id: string, status: OrderStatus): Order => ({ id, status, channel_refnum: 496, grand_total: 35 });

const machine = readStateMachine(loadSpec('retailops'));

const event = (status: number, error_code: string, error_message: string, diagnostic_data: unknown[] = []): Reply => ({
  status,
  body: { events: [{ status: 'error', error_code, error_message, diagnostic_data, associations: [] }] },
});

/** Business refusals are 200 with an error event, as the document's example; bad payloads are 400. */
function errorReply(error: E.MockError): Reply {
  if (error instanceof E.ValidationFailed) return event(400, 'INVALID_PAYLOAD', error.message, [{ field: error.field, problem: error.problem }]);
  if (error instanceof E.NotFound && error.resource === 'route') return event(404, 'ROUTE_NOT_FOUND', error.message, [{ path: error.id }]);
  if (error instanceof E.NotFound) return event(200, 'ORDER_NOT_FOUND', error.message, [{ field: 'data.order.id', value: error.id }]);
  if (error instanceof E.IllegalTransition) {
    return event(200, 'ORDER_NOT_CANCELLABLE', `Order is ${error.current} and cannot be canceled (cancel accepts orders that are: ${error.allowedFrom.join(', ')})`, [
      { current_status: error.current, allowed_from: error.allowedFrom },
    ]);
  }
  if (error instanceof E.MethodNotAllowed) return event(405, 'METHOD_NOT_ALLOWED', error.message, [{ allow: error.allow }]);
  if (error instanceof E.NotAcceptable) return event(406, 'NOT_ACCEPTABLE', error.message, [{ accept: error.accept }]);
  if (error instanceof E.PayloadTooLarge) return event(413, 'PAYLOAD_TOO_LARGE', error.message);
  if (error instanceof E.UnsupportedMediaType) return event(415, 'UNSUPPORTED_MEDIA_TYPE', error.message);
  if (error instanceof E.LimitReached) return event(429, 'LIMIT_REACHED', error.message);
  if (error instanceof E.StoreUnavailable) return event(503, 'SERVICE_UNAVAILABLE', error.message);
  return event(error instanceof E.ServerFault ? error.status : 500, 'INTERNAL_ERROR', error.message);
}

export const retailops: ApiModule = {
  name: 'retailops',
  // Never null: the document gives RetailOPS webhooks no auth, so without a Bearer token the
  // request belongs to the shared public tenant.
  tokenFrom: (header) => bearerToken(header) ?? PUBLIC_TENANT,
  ...flatOrders(RETAILOPS_FIXTURES, order, 5000),
  handlers: {
    cancelOrder: (ctx) => {
      const id = (ctx.body as OrderCancelRequest).data.order.id;
      ctx.transition(ctx.findOrder(id, 'data.order.id'));
      return { status: 200, body: { events: [{ status: 'success', associations: [{ type: 'order', identity: id }] }] } };
    },
  },
  checks: {},
  effects: {},
  errorReply,
  machine,
};

import * as E from '../../core/errors.js';
import type { components } from '../../generated/sfox.js';
import { loadSpec } from '../../spec/load.js';
import { readStateMachine } from '../../spec/state-machine.js';
import { bearerToken } from '../auth.js';
import { flatOrders } from '../flat-orders.js';
import type { ApiModule, Reply } from '../types.js';

type Order = components['schemas']['Order'];
type OrderStatus = components['schemas']['OrderStatus'];

const FIXTURE_TIME = '2024-01-02T15:04:05.000Z';

/** Fixture ids: the document's `123` is open; the rest cover every other state. */
export const SFOX_FIXTURES: Record<string, OrderStatus> = { '123': 'open', '124': 'working', '125': 'done', '126': 'canceled', '127': 'cancel_pending' };

// Working orders are algorithmic (their cancel is asynchronous); resting ones are plain limits.
const order = (id: string, status: OrderStatus): Order => ({
  id,
  status,
  pair: 'btcusd',
  action: 'Buy',
  algorithm: status === 'working' || status === 'cancel_pending' ? 'TWAP' : 'Limit',
  quantity: 0.5,
  price: 42000,
  filled: status === 'done' ? 0.5 : 0,
  created_at: FIXTURE_TIME,
});

const machine = readStateMachine(loadSpec('sfox'));

/**
 * sFOX's only documented error is `400 {"error": "internal error"}` for an order not in your
 * account; every error keeps that `{error: string}` shape.
 */
function errorReply(error: E.MockError): Reply {
  const reply = (status: number, message: string): Reply => ({ status, body: { error: message } });
  // Unknown paths are not an order lookup: a plain 404, still in the `{error}` shape.
  if (error instanceof E.NotFound && error.resource === 'route') return reply(404, 'not found');
  if (error instanceof E.NotFound) return reply(400, 'internal error');
  if (error instanceof E.ValidationFailed) return reply(400, `invalid ${error.field}: ${error.problem}`);
  if (error instanceof E.Unauthorized) return reply(401, 'invalid api key');
  if (error instanceof E.MethodNotAllowed) return reply(405, 'method not allowed');
  if (error instanceof E.NotAcceptable) return reply(406, 'not acceptable');
  if (error instanceof E.PayloadTooLarge) return reply(413, error.message);
  if (error instanceof E.UnsupportedMediaType) return reply(415, error.message);
  if (error instanceof E.LimitReached) return reply(429, error.message);
  if (error instanceof E.StoreUnavailable) return reply(503, 'service unavailable');
  return reply(error instanceof E.ServerFault ? error.status : 500, error instanceof E.ServerFault ? error.message : 'internal error');
}

export const sfox: ApiModule = {
  name: 'sfox',
  tokenFrom: bearerToken,
  ...flatOrders(SFOX_FIXTURES, order, 1000),
  handlers: {
    cancelOrder: (ctx) => {
      const { rule } = ctx.transition(ctx.findOrder(ctx.params.order_id, 'order_id'));
      return { status: 200, body: { status: rule.outcome } };
    },
  },
  checks: {},
  effects: {},
  errorReply,
  machine,
};

import * as E from '../../core/errors.js';
import { loadSpec } from '../../spec/load.js';
import { readStateMachine } from '../../spec/state-machine.js';
import { railsToken } from '../auth.js';
import type { ApiModule, Handler, Reply } from '../types.js';
import { cancelHistory, generatedOrder, nextEstokaId, provisionEstoka, STATUS_FIXTURE_BASE, type Order, type OrderStatus } from './fixtures.js';

const machine = readStateMachine(loadSpec('estoka'));

const cancelOrder: Handler = (ctx) => {
  const order: Order = ctx.findOrder(ctx.params.order_id, 'order_id');
  // An order of another organization is as unknown as a missing one: the URL names both.
  if (order.organization_id !== ctx.params.organization_id) throw new E.NotFound('order', String(ctx.params.order_id), 'order_id');
  return { status: 200, body: { order: ctx.transition(order).order } };
};

/** Estoka's error body: `{"error": <mensagem>, "code": …}` (chosen in the spec's info). */
const reply = (status: number, code: string, error: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { error, code, ...extra },
});

function errorReply(error: E.MockError): Reply {
  if (error instanceof E.ValidationFailed) return reply(400, 'invalid_request', `Parâmetro inválido: ${error.message}`, { field: error.field });
  if (error instanceof E.Unauthorized) return reply(401, 'unauthorized', 'Acesso não autorizado: envie Authorization: Token token=<token>');
  if (error instanceof E.NotFound && error.resource === 'route') return reply(404, 'route_not_found', `Rota não encontrada: ${error.id}`, { field: error.field });
  if (error instanceof E.NotFound) return reply(404, 'order_not_found', `Pedido ${error.id} não encontrado nesta organização`, { field: error.field });
  if (error instanceof E.IllegalTransition) {
    return reply(422, 'cancel_not_allowed', `Pedido com status ${error.current} não pode ser cancelado; permitido a partir de: ${error.allowedFrom.join(', ')}`, {
      current_status: error.current,
      allowed_from: error.allowedFrom,
    });
  }
  if (error instanceof E.MethodNotAllowed) return reply(405, 'method_not_allowed', `Método ${error.method} não permitido em ${error.path}; permitidos: ${error.allow.join(', ')}`);
  if (error instanceof E.NotAcceptable) return reply(406, 'not_acceptable', `Esta operação responde apenas application/json, que Accept: ${error.accept} não admite`, { field: 'Accept' });
  if (error instanceof E.PayloadTooLarge) return reply(413, 'payload_too_large', `Corpo da requisição maior que ${error.limitBytes} bytes`);
  if (error instanceof E.UnsupportedMediaType) return reply(415, 'unsupported_media_type', 'O corpo da requisição deve ser application/json');
  if (error instanceof E.LimitReached) return reply(429, 'limit_reached', `Limite do mock atingido: ${error.max} ${error.limit}; aumente com --max-${error.limit} ou faça reset`);
  if (error instanceof E.StoreUnavailable) return reply(503, 'service_unavailable', `Serviço temporariamente indisponível; tente novamente (${error.message})`);
  return reply(error instanceof E.ServerFault ? error.status : 500, 'internal_error', `Erro interno do servidor (${error.message})`);
}

export const estoka: ApiModule = {
  name: 'estoka',
  tokenFrom: railsToken,
  provision: (seed) => provisionEstoka(seed, machine.states),
  handlers: { cancelOrder },
  checks: {},
  effects: {
    'history.completed_cancel': (draft: Order, now, world) => {
      // The document lists histories newest first.
      const entry = cancelHistory(world, draft.id, now);
      draft.order_histories = [entry, ...draft.order_histories];
      return { history_id: entry.id, message: entry.message };
    },
  },
  errorReply,
  seedOrder(world, { status, id, overrides }) {
    const orderId = id === undefined ? nextEstokaId(world) : Number(id);
    if (!Number.isSafeInteger(orderId) || orderId < 1) throw new E.ValidationFailed('id', 'must be a positive integer (Estoka order ids are numbers)', 'body');
    const organizationId = Number(overrides.organization_id ?? 1);
    return { ...generatedOrder(world, orderId, organizationId, status as OrderStatus), ...overrides, id: orderId, status };
  },
  tryIt: [
    { label: 'organization 4, order (document request)', value: '4/orders/100' },
    { label: 'organization 1, order (document response)', value: '1/orders/340' },
    ...machine.states.map((s, i) => ({ label: `organization 1, order ${s}`, value: `1/orders/${STATUS_FIXTURE_BASE + i}` })),
  ],
  machine,
};

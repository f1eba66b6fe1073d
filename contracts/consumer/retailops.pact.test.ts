/**
 * RetailOPS's contract with an integrator for the `order_cancel` webhook: RetailOPS is the
 * consumer here, and the events it must be able to read back — success, error events for an
 * unknown or shipped order, and the refusal of a payload that breaks the spec.
 */
import { MatchersV3 as M, type V3MockServer } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createRetailopsClient } from '../../src/client/index.js';
import type { components } from '../../src/generated/retailops.js';
import { loadSpec } from '../../src/spec/load.js';
import { indexOperations } from '../../src/spec/operations.js';
import { authorization, jsonReply } from '../support/matchers.js';
import { consumerPact, PACT_TOKEN, states, verifyInteraction } from '../support/pact.js';

type OrderCancelRequest = components['schemas']['OrderCancelRequest'];

const pact = consumerPact('retailops');
const given = states('retailops');
// The document gives webhooks no auth; the optional Bearer token keeps verification in its own tenant.
const AUTH = { Authorization: authorization(`Bearer ${PACT_TOKEN}`), 'Content-Type': 'application/json' };

/** The document's payload (the spec's request example) for order `id`. */
const documentPayload = (() => {
  const op = indexOperations(loadSpec('retailops')).find((o) => o.operationId === 'cancelOrder')!;
  return op.operation.requestBody.content['application/json'].examples.documentExample.value as OrderCancelRequest;
})();
const payload = (id: string): OrderCancelRequest => ({ ...documentPayload, data: { ...documentPayload.data, order: { ...documentPayload.data.order, id } } });

const send = (mock: V3MockServer, body: OrderCancelRequest) => createRetailopsClient({ baseUrl: mock.url, token: PACT_TOKEN }).POST('/order_cancel', { body });

const errorEvent = (code: string, message: string, diagnostic: unknown) => ({
  events: [{ status: 'error', error_code: code, error_message: M.string(message), diagnostic_data: M.like(diagnostic), associations: [] }],
});

describe('order_cancel', () => {
  it.each([
    { id: '4897', from: 'open' },
    { id: '4899', from: 'canceled' },
  ])('answers a success event for an order that is $from', ({ id, from }) =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.orderInState(id, from))
        .uponReceiving(`an order_cancel action for an order that is ${from}`)
        .withRequest('POST', '/order_cancel', (b) => b.headers(AUTH).jsonBody(payload(id)))
        .willRespondWith(200, jsonReply({ events: [{ status: 'success', associations: [{ type: 'order', identity: id }] }] })),
      async (mock) => {
        const { data } = await send(mock, payload(id));
        expect(data?.events[0]?.status).toBe('success');
      }),
  );

  it('answers an ORDER_NOT_FOUND error event for an unknown order', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.noOrder('nope'))
        .uponReceiving('an order_cancel action for an order the integrator does not have')
        .withRequest('POST', '/order_cancel', (b) => b.headers(AUTH).jsonBody(payload('nope')))
        .willRespondWith(200, jsonReply(errorEvent('ORDER_NOT_FOUND', 'No order with id nope', [{ field: 'data.order.id', value: 'nope' }]))),
      async (mock) => {
        const { data } = await send(mock, payload('nope'));
        expect(data?.events[0]?.error_code).toBe('ORDER_NOT_FOUND');
      }));

  it('answers an ORDER_NOT_CANCELLABLE error event for a shipped order', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.orderInState('4898', 'shipped'))
        .uponReceiving('an order_cancel action for an order that has shipped')
        .withRequest('POST', '/order_cancel', (b) => b.headers(AUTH).jsonBody(payload('4898')))
        .willRespondWith(
          200,
          jsonReply(errorEvent('ORDER_NOT_CANCELLABLE', 'Order is shipped; only orders in open, canceled can be canceled', [{ current_status: 'shipped', allowed_from: ['open', 'canceled'] }])),
        ),
      async (mock) => {
        const { data } = await send(mock, payload('4898'));
        expect(data?.events[0]?.error_code).toBe('ORDER_NOT_CANCELLABLE');
      }));

  it('answers 400 INVALID_PAYLOAD for a payload that breaks the spec, naming the field', () => {
    // An order id sent as a number, as a sender that forgot to stringify it would.
    const broken = payload('4897') as any;
    broken.data.order.id = 4897;
    return verifyInteraction(
      pact
        .addInteraction()
        .given(...given.orderInState('4897', 'open'))
        .uponReceiving('an order_cancel action whose order id is a number')
        .withRequest('POST', '/order_cancel', (b) => b.headers(AUTH).jsonBody(broken))
        .willRespondWith(400, jsonReply(errorEvent('INVALID_PAYLOAD', 'data.order.id must be string', [{ field: 'data.order.id', problem: 'must be string' }]))),
      async (mock) => {
        const { error, response } = await send(mock, broken);
        expect(response.status).toBe(400);
        expect(error?.events[0]?.diagnostic_data).toEqual([{ field: 'data.order.id', problem: 'must be string' }]);
      });
  });
});

/**
 * An Estoka client's contract for "Solicita o cancelamento de um pedido": cancellable statuses
 * (quotation included), refused ones, an unknown order and missing credentials.
 */
import { MatchersV3 as M, type V3MockServer } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createEstokaClient } from '../../src/client/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { readStateMachine } from '../../src/spec/state-machine.js';
import { authorization, dateTime, jsonReply } from '../support/matchers.js';
import { consumerPact, PACT_TOKEN, states, verifyInteraction } from '../support/pact.js';

const pact = consumerPact('estoka');
const given = states('estoka');
const AUTH = { Authorization: authorization(`Token token=${PACT_TOKEN}`) };
const ORGANIZATION = 1;
const cancelPath = (id: number) => `/api/v1/organizations/${ORGANIZATION}/orders/${id}/cancel`;

/** Estoka order ids are per organization, so the state names both. */
const orderOfOrganization = (id: number, status: string) =>
  given.state('an order {id} of organization {organization_id} in state {status}', { id, status, organization_id: ORGANIZATION, overrides: { organization_id: ORGANIZATION } });

const cancel = (mock: V3MockServer, id: number, token: string | undefined = PACT_TOKEN) =>
  createEstokaClient({ baseUrl: mock.url, token }).POST('/api/v1/organizations/{organization_id}/orders/{order_id}/cancel', {
    params: { path: { organization_id: ORGANIZATION, order_id: id } },
  });

const AT = '2018-08-22T11:34:55.466-03:00';
const address = {
  city: M.string('Rio de Janeiro'),
  state: M.string('RJ'),
  detail: M.string('ap 99'),
  number: M.string('999'),
  street: M.string('Rua São Francisco Xavier'),
  country: M.string('BR'),
  zipcode: M.string('20550012'),
  city_code: null,
  neighborhood: M.string('Tijuca'),
};

/** The order as the cancel answers it: status, and the completed_cancel history entry it adds. */
const cancelledOrder = (id: number, status: string) => ({
  order: {
    id,
    organization_id: ORGANIZATION,
    data: {
      code: M.string('2815308660008'),
      items: M.eachLike({ quantity: M.integer(10), item_value: M.number(30), unit_price: M.number(3), product_sku_id: M.integer(112) }),
      comments: null,
      customer: { name: M.string('Felipe Flores'), email: M.string('17653481612@email.com.br'), phones: M.eachLike('21 999999999'), document: M.string('01527675173') },
      discount: M.number(0),
      payments: M.eachLike({ value: M.number(120), method: M.string('3'), installments: M.integer(1) }),
      shipping: M.number(0),
      placed_at: dateTime('2018-08-22T15:11:06.000-03:00'),
      total_value: M.number(62),
      billing_address: address,
      emission_status: null,
      shipping_address: address,
    },
    created_at: dateTime(AT),
    updated_at: dateTime('2018-11-13T17:45:12.432-02:00'),
    status,
    stock_id: M.integer(1),
    sale_channel_id: M.integer(1),
    order_histories: M.eachLike({
      id: M.integer(591),
      user_id: null,
      order_id: id,
      reported_at: dateTime('2018-11-13T17:45:12.417-02:00'),
      status: M.string('completed_cancel'),
      message: M.string('Cancelamento realizado com sucesso'),
      created_at: dateTime('2018-11-13T17:45:12.419-02:00'),
      updated_at: dateTime('2018-11-13T17:45:12.419-02:00'),
    }),
    // Nothing is packed or returned before invoicing, and only un-invoiced orders can be cancelled.
    order_volumes: [],
    order_returns: [],
  },
});

const error = (code: string, message: string, extra: Record<string, unknown> = {}) => ({ error: M.string(message), code, ...extra });

/** A cancel request for order `id` of the organization, seeded in `from`. */
const cancelOrderIn = (id: number, from: string) =>
  pact
    .addInteraction()
    .given(...orderOfOrganization(id, from))
    .uponReceiving(`a request to cancel a ${from} order`)
    .withRequest('POST', cancelPath(id), (b) => b.headers(AUTH));

describe('cancel', () => {
  const rules = readStateMachine(loadSpec('estoka')).operations.cancelOrder!.rules;
  const allowedFrom = rules.flatMap((r) => r.from);

  it.each([
    { id: 1001, from: 'new', to: 'cancelled' },
    { id: 1003, from: 'budget', to: 'budget_cancelled' },
  ])('cancels a $from order: it becomes $to', ({ id, from, to }) =>
    verifyInteraction(
      cancelOrderIn(id, from)
        .willRespondWith(200, jsonReply(cancelledOrder(id, to))),
      async (mock) => {
        const { data } = await cancel(mock, id);
        expect(data?.order.status).toBe(to);
        expect(data?.order.order_histories[0]?.status).toBe('completed_cancel');
      }),
  );

  it.each([
    { id: 1008, from: 'nfe_issued' },
    { id: 1014, from: 'delivered' },
  ])('refuses to cancel a $from order with cancel_not_allowed', ({ id, from }) =>
    verifyInteraction(
      cancelOrderIn(id, from)
        .willRespondWith(
          422,
          jsonReply(error('cancel_not_allowed', `Pedido com status ${from} não pode ser cancelado`, { current_status: from, allowed_from: allowedFrom })),
        ),
      async (mock) => {
        const { error: failure, response } = await cancel(mock, id);
        expect(response.status).toBe(422);
        expect(failure).toMatchObject({ code: 'cancel_not_allowed', current_status: from });
      }),
  );

  it('reports an unknown order as order_not_found', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.noOrder(999, { organization_id: ORGANIZATION }))
        .uponReceiving('a request to cancel an order that does not exist')
        .withRequest('POST', cancelPath(999), (b) => b.headers(AUTH))
        .willRespondWith(404, jsonReply(error('order_not_found', 'Pedido 999 não encontrado nesta organização', { field: 'order_id' }))),
      async (mock) => {
        const { error: failure } = await cancel(mock, 999);
        expect(failure?.code).toBe('order_not_found');
      }));

  it('refuses a request without a token', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .uponReceiving('a request to cancel an order without credentials')
        .withRequest('POST', cancelPath(1001))
        .willRespondWith(401, jsonReply(error('unauthorized', 'Acesso não autorizado'))),
      async (mock) => {
        const { error: failure } = await cancel(mock, 1001, undefined);
        expect(failure?.code).toBe('unauthorized');
      }));
});

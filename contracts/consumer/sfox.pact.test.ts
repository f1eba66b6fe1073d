/**
 * An sFOX trading client's contract for Cancel Order: every outcome the body's `status` can
 * report, an order not in the account, and a missing API key.
 */
import type { V3MockServer } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createSfoxClient } from '../../src/client/index.js';
import { authorization, jsonReply } from '../support/matchers.js';
import { consumerPact, PACT_TOKEN, states, verifyInteraction } from '../support/pact.js';

const pact = consumerPact('sfox');
const given = states('sfox');
const AUTH = { Authorization: authorization(`Bearer ${PACT_TOKEN}`) };

const cancel = (mock: V3MockServer, id: string, token: string | undefined = PACT_TOKEN) =>
  createSfoxClient({ baseUrl: mock.url, token }).DELETE('/v1/orders/{order_id}', { params: { path: { order_id: id } } });

describe('cancel order', () => {
  it.each([
    { id: '123', from: 'open', outcome: 'canceled' },
    { id: '124', from: 'working', outcome: 'cancel pending' },
    { id: '127', from: 'cancel_pending', outcome: 'cancel pending' },
    { id: '125', from: 'done', outcome: 'order already finished' },
    { id: '126', from: 'canceled', outcome: 'order already finished' },
  ])('answers "$outcome" for a $from order', ({ id, from, outcome }) =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.orderInState(id, from))
        .uponReceiving(`a request to cancel a ${from} order`)
        .withRequest('DELETE', `/v1/orders/${id}`, (b) => b.headers(AUTH))
        .willRespondWith(200, jsonReply({ status: outcome })),
      async (mock) => {
        const { data } = await cancel(mock, id);
        expect(data?.status).toBe(outcome);
      }),
  );

  it('answers 400 "internal error" for an order not in the account', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.noOrder('999'))
        .uponReceiving('a request to cancel an order that is not in the account')
        .withRequest('DELETE', '/v1/orders/999', (b) => b.headers(AUTH))
        .willRespondWith(400, jsonReply({ error: 'internal error' })),
      async (mock) => {
        const { error, response } = await cancel(mock, '999');
        expect(response.status).toBe(400);
        expect(error?.error).toBe('internal error');
      }));

  it('answers 401 without an API key', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .uponReceiving('a request to cancel an order without an API key')
        .withRequest('DELETE', '/v1/orders/123')
        .willRespondWith(401, jsonReply({ error: 'invalid api key' })),
      async (mock) => {
        const { error } = await cancel(mock, '123', undefined);
        expect(error?.error).toBe('invalid api key');
      }));
});

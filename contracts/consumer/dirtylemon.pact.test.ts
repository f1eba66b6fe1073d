/**
 * The Dirty Lemon storefront's contract: every operation, through the typed client a frontend
 * uses, in every state that changes what the storefront shows.
 */
import type { V3MockServer } from '@pact-foundation/pact';
import type { V4RequestBuilder } from '@pact-foundation/pact/src/v4/http/types.js';
import { describe, expect, it } from 'vitest';
import { PRECONDITION_FIXTURES } from '../../src/apis/dirtylemon/fixtures.js';
import { createDirtyLemonClient } from '../../src/client/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { readStateMachine } from '../../src/spec/state-machine.js';
import { authorization, jsonReply } from '../support/matchers.js';
import { consumerPact, PACT_TOKEN, states, verifyInteraction } from '../support/pact.js';
import { DOC_CUSTOMER_ID, DOC_SKU, error, order } from './dirtylemon-bodies.js';

const pact = consumerPact('dirtylemon');
const given = states('dirtylemon');
const AUTH = { Authorization: authorization(`Bearer ${PACT_TOKEN}`) };
const ORDER = '44024b51-742a-4598-8311-d9a629631987';
const UNKNOWN = '6b1c2d3e-0000-4000-8000-000000000000';

const client = (mock: V3MockServer, token: string | undefined = PACT_TOKEN) => createDirtyLemonClient({ baseUrl: mock.url, token });

type Transition = 'pay' | 'cancel' | 'fulfill' | 'return';
const transition = (mock: V3MockServer, action: Transition, id: string) =>
  client(mock).POST(`/v1/orders/{order_id}/${action}`, { params: { path: { order_id: id } } });

describe('retrieve', () => {
  it('shows an order in its current state', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.orderInState(ORDER, 'created'))
        .uponReceiving('a request to retrieve a created order')
        .withRequest('GET', `/v1/orders/${ORDER}`, (b) => b.headers(AUTH))
        .willRespondWith(200, jsonReply(order({ id: ORDER, status: 'created', shipped: false }))),
      async (mock) => {
        const { data } = await client(mock).GET('/v1/orders/{order_id}', { params: { path: { order_id: ORDER } } });
        expect(data?.status).toBe('created');
        expect(data?.line_items[0]?.sku.id).toBe(DOC_SKU);
      }));

  it('reports an unknown order as order_not_found', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.noOrder(UNKNOWN))
        .uponReceiving('a request to retrieve an order that does not exist')
        .withRequest('GET', `/v1/orders/${UNKNOWN}`, (b) => b.headers(AUTH))
        .willRespondWith(404, jsonReply(error('order_not_found', 'order_id', `No order with id ${UNKNOWN}`))),
      async (mock) => {
        const { error: failure, response } = await client(mock).GET('/v1/orders/{order_id}', { params: { path: { order_id: UNKNOWN } } });
        expect(response.status).toBe(404);
        expect(failure?.error.code).toBe('order_not_found');
      }));

  it('refuses a request without a Bearer token', () =>
    verifyInteraction(
      pact
        .addInteraction()
        .uponReceiving('a request to retrieve an order without credentials')
        .withRequest('GET', `/v1/orders/${ORDER}`)
        .willRespondWith(401, jsonReply(error('unauthorized', null, 'Missing or malformed Authorization header.'))),
      async (mock) => {
        const { error: failure } = await client(mock, undefined).GET('/v1/orders/{order_id}', { params: { path: { order_id: ORDER } } });
        expect(failure?.error.code).toBe('unauthorized');
      }));
});

describe('create', () => {
  const create = (mock: V3MockServer, customerId: string, body: { line_items: { quantity: number; sku: string }[]; coupon?: string }) =>
    client(mock).POST('/v1/customers/{customer_id}/orders', { params: { path: { customer_id: customerId } }, body });
  const customerState = (id: string) => given.state('a customer {customer_id} and SKU {sku}', { customer_id: id, sku: DOC_SKU });
  const post = (customerId: string, body: unknown) => ['POST', `/v1/customers/${customerId}/orders`, (b: V4RequestBuilder) => b.headers(AUTH).jsonBody(body)] as const;

  it('creates an order for a customer', () => {
    const body = { line_items: [{ quantity: 1, sku: DOC_SKU }], coupon: '50%OFF' };
    return verifyInteraction(
      pact
        .addInteraction()
        .given(...customerState(DOC_CUSTOMER_ID))
        .uponReceiving('a request to create an order of one six-pack with a coupon')
        .withRequest(...post(DOC_CUSTOMER_ID, body))
        .willRespondWith(201, jsonReply(order({ id: ORDER, status: 'created', shipped: false, coupon: '50%OFF' }))),
      async (mock) => {
        const { data, response } = await create(mock, DOC_CUSTOMER_ID, body);
        expect(response.status).toBe(201);
        expect(data?.coupon_id).toBe('50%OFF');
      });
  });

  it('reports an unknown customer as customer_not_found', () => {
    const body = { line_items: [{ quantity: 1, sku: DOC_SKU }] };
    return verifyInteraction(
      pact
        .addInteraction()
        .given(...given.state('no customer {customer_id}', { customer_id: UNKNOWN }))
        .uponReceiving('a request to create an order for a customer that does not exist')
        .withRequest(...post(UNKNOWN, body))
        .willRespondWith(404, jsonReply(error('customer_not_found', 'customer_id', `No customer with id ${UNKNOWN}`))),
      async (mock) => {
        const { error: failure } = await create(mock, UNKNOWN, body);
        expect(failure?.error.code).toBe('customer_not_found');
      });
  });

  it('reports an unknown SKU as sku_not_found', () => {
    const body = { line_items: [{ quantity: 1, sku: '000000000000' }] };
    return verifyInteraction(
      pact
        .addInteraction()
        .given(...customerState(DOC_CUSTOMER_ID))
        .uponReceiving('a request to create an order of a SKU that does not exist')
        .withRequest(...post(DOC_CUSTOMER_ID, body))
        .willRespondWith(422, jsonReply(error('sku_not_found', 'line_items[0].sku', 'No sku with id 000000000000'))),
      async (mock) => {
        const { error: failure } = await create(mock, DOC_CUSTOMER_ID, body);
        expect(failure?.error.param).toBe('line_items[0].sku');
      });
  });

  it('names the field of a body the spec refuses', () => {
    // The types allow quantity 0; only the spec's `minimum: 1` refuses it, as a form bug would send it.
    const body = { line_items: [{ quantity: 0, sku: DOC_SKU }] };
    return verifyInteraction(
      pact
        .addInteraction()
        .given(...customerState(DOC_CUSTOMER_ID))
        .uponReceiving('a request to create an order with a quantity of zero')
        .withRequest(...post(DOC_CUSTOMER_ID, body))
        .willRespondWith(400, jsonReply(error('invalid_request', 'line_items[0].quantity', 'line_items[0].quantity must be >= 1'))),
      async (mock) => {
        const { error: failure, response } = await create(mock, DOC_CUSTOMER_ID, body);
        expect(response.status).toBe(400);
        expect(failure?.error.param).toBe('line_items[0].quantity');
      });
  });
});

describe('lifecycle transitions', () => {
  const cases: { action: Transition; from: string; to: string; shippedAfter: boolean }[] = [
    { action: 'pay', from: 'created', to: 'paid', shippedAfter: true },
    { action: 'cancel', from: 'created', to: 'canceled', shippedAfter: false },
    { action: 'cancel', from: 'paid', to: 'canceled', shippedAfter: true },
    { action: 'fulfill', from: 'paid', to: 'fulfilled', shippedAfter: true },
    { action: 'return', from: 'fulfilled', to: 'returned', shippedAfter: true },
  ];
  it.each(cases)('$action moves a $from order to $to', ({ action, from, to, shippedAfter }) =>
    verifyInteraction(
      pact
        .addInteraction()
        .given(...given.orderInState(ORDER, from))
        .uponReceiving(`a request to ${action} a ${from} order`)
        .withRequest('POST', `/v1/orders/${ORDER}/${action}`, (b) => b.headers(AUTH))
        .willRespondWith(200, jsonReply(order({ id: ORDER, status: to, shipped: shippedAfter }))),
      async (mock) => {
        const { data } = await transition(mock, action, ORDER);
        expect(data?.status).toBe(to);
      }),
  );

  const machine = readStateMachine(loadSpec('dirtylemon')).operations;
  const illegal: { action: Transition; from: string }[] = [
    { action: 'return', from: 'paid' },
    { action: 'fulfill', from: 'created' },
  ];
  it.each(illegal)('$action is refused from $from with the statuses it accepts', ({ action, from }) => {
    const allowed = machine[`${action}Order`]!.rules.flatMap((r) => r.from);
    return verifyInteraction(
      pact
        .addInteraction()
        .given(...given.orderInState(ORDER, from))
        .uponReceiving(`a request to ${action} a ${from} order`)
        .withRequest('POST', `/v1/orders/${ORDER}/${action}`, (b) => b.headers(AUTH))
        .willRespondWith(
          422,
          jsonReply(error('invalid_state_transition', 'status', `${action}Order is not allowed on an order whose status is '${from}'`, { current_status: from, allowed_from: allowed })),
        ),
      async (mock) => {
        const { error: failure } = await transition(mock, action, ORDER);
        expect(failure?.error).toMatchObject({ code: 'invalid_state_transition', current_status: from, allowed_from: allowed });
      });
  });
});

describe('pay preconditions', () => {
  // Codes and messages come from the spec's x-preconditions; the mock's fixture customers fail one each.
  const preconditions = readStateMachine(loadSpec('dirtylemon')).operations.payOrder!.preconditions;
  it.each(preconditions)('pay is refused with $code when $check fails', ({ check, code, message }) => {
    const fixture = PRECONDITION_FIXTURES.find((f) => f.check === check)!;
    return verifyInteraction(
      pact
        .addInteraction()
        .given(...given.state('an order {id} in state {status} whose customer fails {check}', { id: fixture.orderId, status: 'created', check, overrides: { customer_id: fixture.customerId } }))
        .uponReceiving(`a request to pay an order whose customer fails ${check}`)
        .withRequest('POST', `/v1/orders/${fixture.orderId}/pay`, (b) => b.headers(AUTH))
        .willRespondWith(422, jsonReply(error(code, 'customer_id', message))),
      async (mock) => {
        const { error: failure } = await transition(mock, 'pay', fixture.orderId);
        expect(failure?.error.code).toBe(code);
      });
  });
});

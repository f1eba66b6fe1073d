import { describe, expect, it } from 'vitest';
import { DOC_CUSTOMER_ID, FIXTURE_ORDERS, PRECONDITION_FIXTURES } from '../../src/apis/dirtylemon/fixtures.js';
import { loadSpec } from '../../src/spec/load.js';
import { indexOperations } from '../../src/spec/operations.js';
import { forEachTransport } from '../helpers/transports.js';

const operations = indexOperations(loadSpec('dirtylemon'));
const example = (operationId: string, status: string) => Object.values(operations.find((o) => o.operationId === operationId)!.examples[status]!)[0] as any;
const requestExample = (operationId: string) =>
  Object.values<any>(operations.find((o) => o.operationId === operationId)!.operation.requestBody.content['application/json'].examples)[0].value;

/** The document's example minus what must differ per call (ids, reference, timestamps). */
const stable = (order: any) => {
  const { id, reference, created_at, updated_at, line_items, shipments, ...rest } = order;
  return {
    ...rest,
    line_items: line_items.map(({ id: _i, created_at: _c, updated_at: _u, ...li }: any) => li),
    shipments: shipments.map(({ created_at: _c, updated_at: _u, ...s }: any) => s),
  };
};

forEachTransport((transport) => {
  describe('the document curl examples', () => {
    it('create, pay, fulfill and return the way the document shows', async () => {
      const token = transport.newToken();
      const created = await transport.call('POST', `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders`, { token, body: requestExample('createOrder') });
      expect(created.status).toBe(201);
      expect(stable(created.body)).toEqual(stable(example('createOrder', '201')));
      expect(created.body.reference).toMatch(/^[0-9a-f]{6}$/);

      const paid = await transport.call('POST', `/dirtylemon/v1/orders/${created.body.id}/pay`, { token, headers: { 'content-type': 'application/json' } });
      expect(paid.status).toBe(200);
      expect(stable(paid.body)).toEqual(stable(example('payOrder', '200')));

      const fulfilled = await transport.call('POST', `/dirtylemon/v1/orders/${created.body.id}/fulfill`, { token });
      expect(stable(fulfilled.body)).toEqual(stable(example('fulfillOrder', '200')));
      const returned = await transport.call('POST', `/dirtylemon/v1/orders/${created.body.id}/return`, { token });
      expect(stable(returned.body)).toEqual(stable(example('returnOrder', '200')));

      const outbox = (await transport.call('GET', `/__mock/outbox?order_id=${created.body.id}`, { token })).body.entries;
      expect(outbox.map((e: any) => e.type)).toEqual(['charge', 'shipments.create', 'email.confirmation', 'refund']);
      expect(outbox[0].data).toMatchObject({ amount: 6500, currency: 'usd' });
      expect(outbox[2].data.to).toMatch(/@/);
    });

    it('retrieves the document order and cancels a paid one with refund, shipment cancelation and email', async () => {
      const token = transport.newToken();
      const got = await transport.call('GET', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`, { token });
      expect(got.status).toBe(200);
      expect(got.body.shipping).toEqual(example('retrieveOrder', '200').shipping);
      await transport.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.createdWithCoupon}/pay`, { token });
      const canceled = await transport.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.createdWithCoupon}/cancel`, { token });
      expect(canceled.status).toBe(200);
      expect(stable(canceled.body)).toEqual(stable(example('cancelOrder', '200')));
      const types = (await transport.call('GET', `/__mock/outbox?order_id=${FIXTURE_ORDERS.createdWithCoupon}`, { token })).body.entries.map((e: any) => e.type);
      expect(types).toEqual(['charge', 'shipments.create', 'email.confirmation', 'refund', 'shipments.cancel', 'email.cancelation']);
    });
  });

  describe('pay preconditions', () => {
    const preconditions = operations.find((o) => o.operationId === 'payOrder')!.operation['x-preconditions'] as { check: string; code: string }[];
    it.each(PRECONDITION_FIXTURES.map((f) => [f.check, f] as const))('%s fails with its own code and changes nothing', async (check, fixture) => {
      const token = transport.newToken();
      const res = await transport.call('POST', `/dirtylemon/v1/orders/${fixture.orderId}/pay`, { token });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe(preconditions.find((p) => p.check === check)!.code);
      const order = (await transport.call('GET', `/dirtylemon/v1/orders/${fixture.orderId}`, { token })).body;
      expect(order.status).toBe('created');
      expect((await transport.call('GET', '/__mock/outbox', { token })).body.entries).toEqual([]);
    });
  });

  describe('bad requests get the documented error shape, naming the field', () => {
    it('401 without a Bearer token', async () => {
      const res = await transport.call('GET', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`, { auth: 'Token token=abc' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });

    it('400 for an order id that is not a uuid', async () => {
      const res = await transport.call('GET', '/dirtylemon/v1/orders/not-a-uuid', { token: transport.newToken() });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', param: 'order_id' });
    });

    it.each([
      [{}, 'line_items'],
      [{ line_items: [] }, 'line_items'],
      [{ line_items: [{ sku: '868137000115' }] }, 'line_items[0].quantity'],
      [{ line_items: [{ sku: '868137000115', quantity: '1' }] }, 'line_items[0].quantity'],
      [{ line_items: [{ sku: '868137000115', quantity: 1 }], cupon: 'x' }, 'cupon'],
    ])('400 for body %j naming %s', async (body, param) => {
      const res = await transport.call('POST', `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders`, { token: transport.newToken(), body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', param });
    });

    it('404 for an unknown customer, 422 for an unknown SKU', async () => {
      const token = transport.newToken();
      const body = { line_items: [{ sku: '868137000115', quantity: 1 }] };
      const noCustomer = await transport.call('POST', '/dirtylemon/v1/customers/00000000-0000-4000-8000-00000000dead/orders', { token, body });
      expect(noCustomer.status).toBe(404);
      expect(noCustomer.body.error).toMatchObject({ code: 'customer_not_found', param: 'customer_id' });
      const noSku = await transport.call('POST', `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders`, { token, body: { line_items: [{ sku: 'nope', quantity: 1 }] } });
      expect(noSku.status).toBe(422);
      expect(noSku.body.error).toMatchObject({ code: 'sku_not_found', param: 'line_items[0].sku' });
    });

    it('computes amounts and totals from SKU prices and quantities', async () => {
      const res = await transport.call('POST', `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders`, {
        token: transport.newToken(),
        body: { line_items: [{ sku: '868137000115', quantity: 2 }, { sku: '868137000146', quantity: 1 }] },
      });
      expect(res.status).toBe(201);
      expect(res.body.line_items.map((li: any) => [li.description, li.amount])).toEqual([
        ['2 six-packs of [skin+hair]', 13000],
        ['1 box of [charcoal]', 3900],
      ]);
      expect(res.body.total).toBe(16900);
    });
  });
});

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOrderCancel } from '../../src/cli/webhook.js';
import { loadSpec } from '../../src/spec/load.js';
import { indexOperations } from '../../src/spec/operations.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { forEachTransport } from '../helpers/transports.js';

forEachTransport((transport) => {
  const estokaAuth = (token: string) => `Token token=${token}`;

  describe('estoka', () => {
    it('cancels the document order: status, a completed_cancel history first, updated_at', async () => {
      const token = transport.newToken();
      const res = await transport.call('POST', '/estoka/api/v1/organizations/1/orders/340/cancel', { auth: estokaAuth(token), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(200);
      expect(res.body.order.status).toBe('cancelled');
      expect(res.body.order.order_histories[0]).toMatchObject({ status: 'completed_cancel', message: 'Cancelamento realizado com sucesso', order_id: 340 });
      expect(res.body.order.order_histories).toHaveLength(3);
      expect(res.body.order.updated_at).not.toBe('2018-08-22T11:35:06.872-03:00');
      const doc = Object.values<any>(indexOperations(loadSpec('estoka'))[0]!.examples['200']!)[0].order;
      expect(res.body.order.data).toEqual(doc.data);
    });

    it('cancels the document request order (organization 4, order 100)', async () => {
      const res = await transport.call('POST', '/estoka/api/v1/organizations/4/orders/100/cancel', { auth: estokaAuth(transport.newToken()) });
      expect(res.status).toBe(200);
      expect(res.body.order).toMatchObject({ id: 100, organization_id: 4, status: 'cancelled' });
    });

    it('404 for an order of another organization, 401 for a Bearer header, 400 for a non-numeric id', async () => {
      const auth = estokaAuth(transport.newToken());
      const other = await transport.call('POST', '/estoka/api/v1/organizations/4/orders/340/cancel', { auth });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('order_not_found');
      const bearer = await transport.call('POST', '/estoka/api/v1/organizations/1/orders/340/cancel', { auth: 'Bearer abc' });
      expect(bearer.status).toBe(401);
      const bad = await transport.call('POST', '/estoka/api/v1/organizations/1/orders/abc/cancel', { auth });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'invalid_request', field: 'order_id' });
    });

    it('accepts the Rails quoted form Token token="…" as the same tenant', async () => {
      const token = transport.newToken();
      await transport.call('POST', '/estoka/api/v1/organizations/4/orders/100/cancel', { auth: `Token token="${token}"` });
      const again = await transport.call('POST', '/estoka/api/v1/organizations/4/orders/100/cancel', { auth: estokaAuth(token) });
      expect(again.status).toBe(422);
      expect(again.body.current_status).toBe('cancelled');
    });
  });

  describe('sfox', () => {
    it('answers the three documented outcomes and the 400 for an order not in the account', async () => {
      const token = transport.newToken();
      const cancel = (id: string) => transport.call('DELETE', `/sfox/v1/orders/${id}`, { token });
      expect((await cancel('123')).body).toEqual({ status: 'canceled' });
      expect((await cancel('124')).body).toEqual({ status: 'cancel pending' });
      expect((await cancel('125')).body).toEqual({ status: 'order already finished' });
      const missing = await cancel('999999');
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ error: 'internal error' });
    });

    it('settles cancel pending into canceled when the virtual clock passes the delay', async () => {
      const token = transport.newToken();
      // Frozen, so only advance_ms moves time and the 1 ms boundary is exact.
      await transport.call('POST', '/__mock/clock', { token, body: { freeze_at: '2024-05-01T10:00:00Z' } });
      expect((await transport.call('DELETE', '/sfox/v1/orders/124', { token })).body.status).toBe('cancel pending');
      await transport.call('POST', '/__mock/clock', { token, body: { advance_ms: 1999 } });
      expect((await transport.call('GET', '/__mock/sfox/orders/124', { token })).body.status).toBe('cancel_pending');
      expect((await transport.call('DELETE', '/sfox/v1/orders/124', { token })).body.status).toBe('cancel pending');
      await transport.call('POST', '/__mock/clock', { token, body: { advance_ms: 1 } });
      expect((await transport.call('GET', '/__mock/sfox/orders/124', { token })).body.status).toBe('canceled');
      expect((await transport.call('DELETE', '/sfox/v1/orders/124', { token })).body.status).toBe('order already finished');
      const settled = (await transport.call('GET', '/__mock/outbox?type=settle', { token })).body.entries;
      expect(settled).toHaveLength(1);
      expect(settled[0].data).toEqual({ from: 'cancel_pending', to: 'canceled' });
    });

    it('keeps one token from canceling another token\'s order', async () => {
      const [a, b] = [transport.newToken(), transport.newToken()];
      await transport.call('POST', '/__mock/sfox/orders', { token: a, body: { status: 'open', id: 'only-a' } });
      const res = await transport.call('DELETE', '/sfox/v1/orders/only-a', { token: b });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'internal error' });
      expect((await transport.call('GET', '/__mock/sfox/orders/only-a', { token: a })).body.status).toBe('open');
    });
  });

  describe('retailops: the mock as integrator', () => {
    const payload = () => structuredClone(Object.values<any>(indexOperations(loadSpec('retailops'))[0]!.operation.requestBody.content['application/json'].examples)[0].value);

    it('cancels the document order 4897 with a success event, and is idempotent on retry', async () => {
      const token = transport.newToken();
      const first = await transport.call('POST', '/retailops/order_cancel', { token, body: payload() });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ events: [{ status: 'success', associations: [{ type: 'order', identity: '4897' }] }] });
      const retry = await transport.call('POST', '/retailops/order_cancel', { token, body: payload() });
      expect(retry.body.events[0].status).toBe('success');
    });

    it('answers error events for unknown and shipped orders, and 400 INVALID_PAYLOAD naming the field', async () => {
      const token = transport.newToken();
      const unknown = payload();
      unknown.data.order.id = 'nope';
      expect((await transport.call('POST', '/retailops/order_cancel', { token, body: unknown })).body.events[0].error_code).toBe('ORDER_NOT_FOUND');
      const shipped = payload();
      shipped.data.order.id = '4898';
      const refused = await transport.call('POST', '/retailops/order_cancel', { token, body: shipped });
      expect(refused.status).toBe(200);
      expect(refused.body.events[0]).toMatchObject({ status: 'error', error_code: 'ORDER_NOT_CANCELLABLE' });
      const invalid = payload();
      invalid.data.order.id = 4897;
      const bad = await transport.call('POST', '/retailops/order_cancel', { token, body: invalid });
      expect(bad.status).toBe(400);
      expect(bad.body.events[0].error_code).toBe('INVALID_PAYLOAD');
      expect(bad.body.events[0].error_message).toContain('data.order.id');
    });
  });
});

// The server only: the webhook sender speaks HTTP to a URL.
describe('ordermock webhook send', () => {
  let mock: RunningMock;
  let integrator: Server;
  let url: string;
  let answer: { status: number; body: unknown };
  beforeAll(async () => {
    mock = await startMock();
    integrator = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => integrator.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(integrator.address() as any).port}/order_cancel`;
  });
  afterAll(async () => {
    await mock?.close();
    await new Promise<void>((r) => integrator.close(() => r()));
  });

  it('passes a conforming integrator', async () => {
    answer = { status: 200, body: { events: [{ status: 'success', associations: [{ type: 'order', identity: '4897' }] }] } };
    const result = await sendOrderCancel(url, '4897');
    expect(result.violations).toEqual([]);
    expect((result.payload as any).data.order.id).toBe('4897');
  });

  it('reports every violation of a non-conforming integrator', async () => {
    answer = { status: 200, body: { events: [{ status: 'ok', associations: 'order' }] } };
    const result = await sendOrderCancel(url);
    expect(result.violations.join('\n')).toMatch(/events\[0\]\.status/);
    expect(result.violations.join('\n')).toMatch(/events\[0\]\.associations/);
  });

  it('passes the mock itself, which plays a conforming integrator', async () => {
    const result = await sendOrderCancel(`${mock.base}/retailops/order_cancel`, '4897', mock.newToken());
    expect(result.status).toBe(200);
    expect(result.violations).toEqual([]);
  });
});

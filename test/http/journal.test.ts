import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_CUSTOMER_ID, FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { JOURNAL_BODY_LIMIT } from '../../src/core/journal.js';
import { loadSpec } from '../../src/spec/load.js';
import { indexOperations } from '../../src/spec/operations.js';
import { readStateMachine } from '../../src/spec/state-machine.js';
import { startMock, type RunningMock } from '../helpers/mock.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const journal = async (token: string, query = '') => (await mock.call('GET', `/__mock/journal${query}`, { token })).body;
const lastEntry = async (token: string) => (await journal(token)).entries.at(-1);
const createPath = `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders`;
const lineItem = { sku: '868137000115', quantity: 1 };

describe('journal entries carry the bodies and the error code', () => {
  it('Dirty Lemon: the parsed request, the order created, no code; then a refusal with its code', async () => {
    const token = mock.newToken();
    const created = await mock.call('POST', createPath, { token, body: { line_items: [lineItem] } });
    const ok = await lastEntry(token);
    expect(ok).toMatchObject({ operationId: 'createOrder', status: 201, request_body: { line_items: [lineItem] }, response_body: created.body, error_code: null });

    const refused = await mock.call('POST', `/dirtylemon/v1/orders/${created.body.id}/fulfill`, { token });
    expect(await lastEntry(token)).toMatchObject({ status: 422, request_body: null, response_body: refused.body, error_code: 'invalid_state_transition' });
  });

  it('Estoka: the top-level code next to the message', async () => {
    const token = mock.newToken();
    // Order 1019 is budget_cancelled: nothing cancels it.
    await mock.call('POST', '/estoka/api/v1/organizations/1/orders/1019/cancel', { auth: `Token token=${token}` });
    expect(await lastEntry(token)).toMatchObject({ status: 422, error_code: 'cancel_not_allowed' });
  });

  it('sFOX: errors are text only, so no code, but the body is there', async () => {
    const token = mock.newToken();
    await mock.call('DELETE', '/sfox/v1/orders/999', { token });
    expect(await lastEntry(token)).toMatchObject({ status: 400, response_body: { error: 'internal error' }, error_code: null });
  });

  it('RetailOPS: the error event of a 200 refusal; a success event has no code', async () => {
    const token = mock.newToken();
    // The spec's own example payload, pointed at each order.
    const example = Object.values<any>(indexOperations(loadSpec('retailops'))[0]!.operation.requestBody.content['application/json'].examples)[0].value;
    const cancel = (id: string) => mock.call('POST', '/retailops/order_cancel', { token, body: { ...example, data: { ...example.data, order: { ...example.data.order, id } } } });
    await cancel('4898');
    expect(await lastEntry(token)).toMatchObject({ status: 200, error_code: 'ORDER_NOT_CANCELLABLE' });
    await cancel('4897');
    expect(await lastEntry(token)).toMatchObject({ status: 200, error_code: null });
  });

  it('a dropped connection has no response body', async () => {
    const token = mock.newToken();
    await mock.call('POST', '/__mock/faults', { token, body: { drop: true, remaining: 1 } });
    await expect(mock.call('GET', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`, { token })).rejects.toThrow();
    expect(await lastEntry(token)).toMatchObject({ status: 0, response_body: null, error_code: null });
  });
});

describe('bodies over 16 KB are kept as a note', () => {
  const cut = expect.stringMatching(new RegExp(`^\\[cut: \\d+ bytes of JSON, over the journal's ${JOURNAL_BODY_LIMIT}-byte limit\\]$`));
  const manyItems = { line_items: Array.from({ length: 600 }, () => lineItem) };

  it('a large request, sized by its Content-Length', async () => {
    const token = mock.newToken();
    await mock.call('POST', createPath, { token, body: manyItems });
    const entry = await lastEntry(token);
    expect(entry.request_body).toEqual(cut);
    expect(entry.request_body).toContain(`${Buffer.byteLength(JSON.stringify(manyItems))} bytes`);
  });

  it('a large chunked request, sized by measuring it', async () => {
    const token = mock.newToken();
    const url = new URL(createPath, mock.base);
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => res.resume().on('end', resolve));
      req.on('error', reject);
      // Two writes without a length: Node frames the body as chunked.
      const text = JSON.stringify(manyItems);
      req.write(text.slice(0, 100));
      req.end(text.slice(100));
    });
    expect((await lastEntry(token)).request_body).toEqual(cut);
  });

  it('a large response', async () => {
    const token = mock.newToken();
    const seeded = await mock.call('POST', '/__mock/dirtylemon/orders', { token, body: { status: 'created' } });
    const { id, line_items } = seeded.body.orders[0];
    await mock.call('POST', '/__mock/dirtylemon/orders', { token, body: { status: 'created', id, overrides: { line_items: Array.from({ length: 100 }, () => line_items[0]) } } });
    const small = await mock.call('GET', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`, { token });
    expect((await lastEntry(token)).response_body).toEqual(small.body);
    await mock.call('GET', `/dirtylemon/v1/orders/${id}`, { token });
    expect((await lastEntry(token)).response_body).toEqual(cut);
  });
});

describe('following the journal with since', () => {
  it('answers only newer entries, and last_id shows a reset', async () => {
    const token = mock.newToken();
    const get = () => mock.call('GET', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`, { token });
    expect(await journal(token)).toEqual({ entries: [], last_id: 0, dropped: 0 });
    await get();
    await get();
    const first = await journal(token);
    expect(first.last_id).toBe(2);
    expect((await journal(token, `?since=${first.last_id}`)).entries).toEqual([]);
    await get();
    const next = await journal(token, `?since=${first.last_id}`);
    expect(next.entries.map((e: any) => e.id)).toEqual([3]);
    expect(next.last_id).toBe(3);
    expect((await journal(token, '?since=1&limit=1')).entries.map((e: any) => e.id)).toEqual([3]);

    await mock.call('POST', '/__mock/reset', { token });
    await get();
    const after = await journal(token, `?since=${next.last_id}`);
    expect(after.last_id).toBeLessThan(next.last_id);
    expect((await journal(token, '?since=0')).entries.map((e: any) => e.id)).toEqual([1]);
    expect((await mock.call('GET', '/__mock/journal?since=-1', { token })).status).toBe(400);
  });

  it('entries restored from a snapshot without bodies read as null', async () => {
    const token = mock.newToken();
    await mock.call('GET', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`, { token });
    const snapshot = (await mock.call('GET', '/__mock/snapshot', { token })).body;
    const tenant = snapshot.tenants.find((t: any) => t.token === token);
    for (const entry of tenant.journal.entries) for (const field of ['request_body', 'response_body', 'error_code']) delete entry[field];
    expect((await mock.call('PUT', '/__mock/snapshot', { token, body: snapshot })).status).toBe(200);
    expect(await lastEntry(token)).toMatchObject({ operationId: 'retrieveOrder', request_body: null, response_body: null, error_code: null });
  });
});

describe('GET /__mock/order-counts', () => {
  it('counts every state of every API, zeros included, and follows a transition', async () => {
    const token = mock.newToken();
    const counts = async () => (await mock.call('GET', '/__mock/order-counts', { token })).body.apis;
    const before = await counts();
    for (const api of ['dirtylemon', 'estoka', 'sfox', 'retailops'] as const) {
      expect(Object.keys(before[api])).toEqual(readStateMachine(loadSpec(api)).states);
    }
    expect(before.sfox).toEqual({ open: 1, working: 1, cancel_pending: 1, done: 1, canceled: 1 });
    await mock.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/pay`, { token });
    const after = await counts();
    expect(after.dirtylemon.created).toBe(before.dirtylemon.created - 1);
    expect(after.dirtylemon.paid).toBe(before.dirtylemon.paid + 1);
  });

  it('counts only the APIs served', async () => {
    const single = await startMock({ apis: ['sfox'] });
    try {
      expect(Object.keys((await single.call('GET', '/__mock/order-counts', { token: 'x' })).body.apis)).toEqual(['sfox']);
    } finally {
      await single.close();
    }
  });
});

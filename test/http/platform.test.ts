import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { loadStateFile, saveStateFile } from '../../src/cli/state-file.js';
import { createTenantStore } from '../../src/core/tenants.js';
import type { MemoryStore } from '../../src/store/memory.js';
import { startMock, type RunningMock } from '../helpers/mock.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const order = `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`;

describe('fault rules', () => {
  it('fail N requests with a declared status, then stop', async () => {
    const token = mock.newToken();
    const added = await mock.call('POST', '/__mock/faults', { token, body: { api: 'sfox', operationId: 'cancelOrder', status: 503, remaining: 2 } });
    expect(added.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await mock.call('DELETE', '/sfox/v1/orders/123', { token })).status);
    expect(statuses).toEqual([503, 503, 200]);
    const journal = (await mock.call('GET', '/__mock/journal', { token })).body.entries;
    expect(journal.map((e: any) => e.fault !== null)).toEqual([true, true, false]);
  });

  it('refuse a status the operation does not declare', async () => {
    const res = await mock.call('POST', '/__mock/faults', { token: mock.newToken(), body: { api: 'sfox', operationId: 'cancelOrder', status: 404 } });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('status');
  });

  it('delay requests', async () => {
    const token = mock.newToken();
    await mock.call('POST', '/__mock/faults', { token, body: { api: 'dirtylemon', delay_ms: 150, remaining: 1 } });
    await mock.call('GET', order, { token });
    const [entry] = (await mock.call('GET', '/__mock/journal', { token })).body.entries;
    expect(entry.latency_ms).toBeGreaterThanOrEqual(140);
  });

  it('drop the connection', async () => {
    const token = mock.newToken();
    await mock.call('POST', '/__mock/faults', { token, body: { drop: true, remaining: 1 } });
    await expect(mock.call('GET', order, { token })).rejects.toThrow();
    expect((await mock.call('GET', order, { token })).status).toBe(200);
  });

  it('apply with a probability, deterministically per token', async () => {
    const run = async (token: string) => {
      await mock.call('POST', '/__mock/faults', { token, body: { api: 'dirtylemon', status: 503, probability: 0.5 } });
      const statuses = [];
      for (let i = 0; i < 20; i++) statuses.push((await mock.call('GET', order, { token })).status);
      await mock.call('POST', '/__mock/reset', { token });
      return statuses;
    };
    const first = await run('probability-token');
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run('probability-token')).toEqual(first);
  });
});

describe('Prefer header', () => {
  it('code= answers the spec example for that status without touching state', async () => {
    const token = mock.newToken();
    const res = await mock.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/pay`, { token, headers: { prefer: 'code=404' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('order_not_found');
    expect((await mock.call('GET', order, { token })).body.status).toBe('created');
  });

  it('code= for an undeclared status is a 400 naming Prefer', async () => {
    const res = await mock.call('GET', order, { token: mock.newToken(), headers: { prefer: 'code=418' } });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('Prefer');
  });

  it('delay= slows the answer', async () => {
    const token = mock.newToken();
    await mock.call('GET', order, { token, headers: { prefer: 'delay=120' } });
    const [entry] = (await mock.call('GET', '/__mock/journal', { token })).body.entries;
    expect(entry.latency_ms).toBeGreaterThanOrEqual(110);
  });
});

describe('CORS', () => {
  const preflight = (path: string, headers: Record<string, string>) => fetch(`${mock.base}${path}`, { method: 'OPTIONS', headers });

  it("answers a preflight with the origin, the requested headers and the path's methods", async () => {
    const res = await preflight(order, {
      origin: 'http://localhost:3000',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization, sentry-trace, baggage, traceparent, x-request-id',
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, sentry-trace, baggage, traceparent, x-request-id');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('reflects the origin on ordinary answers, with credentials and readable headers', async () => {
    const res = await mock.call('GET', order, { token: mock.newToken(), headers: { origin: 'https://app.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toContain('allow');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('keeps * for clients that send no Origin (curl, servers)', async () => {
    const res = await mock.call('GET', order, { token: mock.newToken() });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('with an origin list, answers listed origins only', async () => {
    const listed = await startMock({ cors: { origins: ['http://localhost:5173'] } });
    try {
      const ok = await listed.call('GET', order, { token: listed.newToken(), headers: { origin: 'http://localhost:5173' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const foreign = await listed.call('GET', order, { token: listed.newToken(), headers: { origin: 'http://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const refused = await fetch(`${listed.base}${order}`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await listed.close();
    }
  });

  it('--no-cors sends no CORS header at all', async () => {
    const plain = await startMock({ cors: false });
    try {
      const res = await plain.call('GET', order, { token: plain.newToken(), headers: { origin: 'http://localhost:5173' } });
      expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});

describe('method and content negotiation', () => {
  it('a known path with a method it lacks is 405 with Allow, in the API error shape, journaled', async () => {
    const token = mock.newToken();
    const res = await mock.call('PUT', order, { token, body: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.body.error.code).toBe('method_not_allowed');
    const sfox = await mock.call('POST', '/sfox/v1/orders/123', { token });
    expect([sfox.status, sfox.headers.get('allow'), typeof sfox.body.error]).toEqual([405, 'DELETE', 'string']);
    const [entry] = (await mock.call('GET', '/__mock/journal', { token })).body.entries;
    expect(entry).toMatchObject({ method: 'PUT', status: 405, api: 'dirtylemon', operationId: null });
  });

  it('an Accept without JSON is 406 in the API error shape; */* and JSON with parameters are fine', async () => {
    const token = mock.newToken();
    const refused = await mock.call('GET', order, { token, headers: { accept: 'application/xml' } });
    expect(refused.status).toBe(406);
    expect(refused.body.error.code).toBe('not_acceptable');
    const estoka = await mock.call('POST', '/estoka/api/v1/organizations/4/orders/100/cancel', { auth: `Token token=${token}`, headers: { accept: 'text/html' } });
    expect([estoka.status, estoka.body.code]).toEqual([406, 'not_acceptable']);
    for (const accept of ['*/*', 'application/json; charset=utf-8', 'text/html, application/json;q=0.9', 'application/*']) {
      expect((await mock.call('GET', order, { token, headers: { accept } })).status, accept).toBe(200);
    }
    expect((await mock.call('GET', order, { token, headers: { accept: 'application/json;q=0' } })).status).toBe(406);
  });

  it('HEAD on a GET operation answers its status and headers without a body, and is journaled', async () => {
    const token = mock.newToken();
    const res = await fetch(`${mock.base}${order}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await res.text()).toBe('');
    const [entry] = (await mock.call('GET', '/__mock/journal', { token })).body.entries;
    expect(entry).toMatchObject({ method: 'HEAD', status: 200, operationId: 'retrieveOrder' });
  });
});

describe('tenants', () => {
  it('see only their own orders, in the APIs and the admin API', async () => {
    const [a, b] = [mock.newToken(), mock.newToken()];
    const created = await mock.call('POST', '/dirtylemon/v1/customers/294e03d6-df4f-4ee1-94be-e334c420381a/orders', { token: a, body: { line_items: [{ sku: '868137000115', quantity: 1 }] } });
    expect((await mock.call('GET', `/dirtylemon/v1/orders/${created.body.id}`, { token: b })).status).toBe(404);
    expect((await mock.call('GET', `/__mock/dirtylemon/orders/${created.body.id}`, { token: b })).status).toBe(404);
    await mock.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/cancel`, { token: a });
    expect((await mock.call('GET', order, { token: b })).body.status).toBe('created');
  });

  it('get the same fixture world for the same token and seed', async () => {
    const token = mock.newToken();
    const first = (await mock.call('GET', `/__mock/dirtylemon/orders?limit=1000`, { token })).body;
    await mock.call('POST', '/__mock/reset', { token });
    expect((await mock.call('GET', `/__mock/dirtylemon/orders?limit=1000`, { token })).body).toEqual(first);
  });
});

describe('state', () => {
  it('round-trips through a state file', async () => {
    const token = mock.newToken();
    await mock.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/pay`, { token });
    await mock.call('DELETE', '/sfox/v1/orders/124', { token });
    const file = join(mkdtempSync(join(tmpdir(), 'ordermock-')), 'state.json');
    saveStateFile(file, (mock.mock.store as MemoryStore).tenants);
    const restored = createTenantStore();
    loadStateFile(file, restored);
    const again = await startMock({}, restored);
    try {
      expect((await again.call('GET', order, { token })).body.status).toBe('paid');
      expect((await again.call('GET', '/__mock/outbox', { token })).body.entries.map((e: any) => e.type)).toContain('charge');
      expect((await again.call('GET', '/__mock/clock', { token })).body.pending).toHaveLength(1);
    } finally {
      await again.close();
    }
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('ordermock-state');
  });

  it('snapshots and restores through the admin API', async () => {
    const token = mock.newToken();
    const snapshot = (await mock.call('GET', '/__mock/snapshot', { token })).body;
    await mock.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/cancel`, { token });
    const restored = await mock.call('PUT', '/__mock/snapshot', { token, body: snapshot });
    expect(restored.status).toBe(200);
    expect((await mock.call('GET', order, { token })).body.status).toBe('created');
    expect((await mock.call('PUT', '/__mock/snapshot', { token, body: { format: 'other', version: 1, seed: 'x', tenants: [] } })).status).toBe(400);
  });
});

/**
 * Caps on tenants and on orders per tenant and API, so a runaway test cannot eat the machine's
 * memory: past a cap every API answers 429 in its own error shape, and nothing is half-done.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_CUSTOMER_ID, DOC_SKU_ID } from '../../src/apis/dirtylemon/fixtures.js';
import { API_NAMES, type SpecName } from '../../src/spec/load.js';
import { requireBuiltCli, startServe } from './helpers/cli.js';
import { errorCode, errorShapeProblems } from './helpers/error-shape.js';
import { withMock } from './helpers/harness.js';
import { rawClient, type RawClient, type RawResponse } from './helpers/raw-client.js';
import { targetFor } from './helpers/targets.js';

/** One request per API that provisions the caller's tenant. */
const TOUCH: Record<SpecName, { method: string; path: string; body?: string }> = {
  dirtylemon: { method: 'GET', path: '/dirtylemon/v1/orders/1526b746-6a39-4958-91bf-a80bba41cdc3' },
  estoka: { method: 'POST', path: '/estoka/api/v1/organizations/1/orders/340/cancel' },
  sfox: { method: 'DELETE', path: '/sfox/v1/orders/123' },
  retailops: { method: 'POST', path: '/retailops/order_cancel', body: JSON.stringify(Object.values<any>(targetFor('retailops').operations[0]!.operation.requestBody.content['application/json'].examples)[0].value) },
  admin: { method: 'GET', path: '/__mock/clock' },
};

const touch = (client: RawClient, name: SpecName, token: string) =>
  client.send({ ...TOUCH[name], headers: { authorization: targetFor(name).authForms(token)[0]!, 'content-type': 'application/json' } });

/** A 429 whose body is the API's error shape and says which limit. */
function expectLimitReached(name: SpecName, res: RawResponse) {
  expect(res.status, res.text).toBe(429);
  expect(errorShapeProblems(name, res.body)).toEqual([]);
  const code = errorCode(name, res.body);
  if (name === 'sfox') expect(code).toMatch(/limit/);
  else expect(code?.toLowerCase()).toBe('limit_reached');
}

describe('--max-tenants (createMock({limits}))', () => {
  it('refuses a new token in every API and the admin API with 429, until a tenant is reset', () =>
    withMock({ limits: { maxTenants: 2, maxOrders: 1000 } }, async (_, client) => {
      const [a, b, c] = ['cap-a', 'cap-b', 'cap-c'];
      expect((await touch(client, 'sfox', a)).status).toBe(200);
      expect((await touch(client, 'dirtylemon', b)).status).toBe(200);
      for (const name of [...API_NAMES, 'admin'] as SpecName[]) expectLimitReached(name, await touch(client, name, c));
      // Known tenants carry on; admin calls that provision nothing still answer.
      expect((await touch(client, 'estoka', a)).status).toBe(200);
      expect((await client.send({ method: 'GET', path: '/__mock/tenants' })).status).toBe(200);
      expect((await client.send({ method: 'POST', path: '/__mock/reset', headers: { authorization: `Bearer ${a}` } })).status).toBe(200);
      expect((await touch(client, 'sfox', c)).status).toBe(200);
    }));
});

describe('--max-orders (createMock({limits}))', () => {
  const MAX = 20;

  it('refuses the order past the cap with 429, per tenant and API', () =>
    withMock({ limits: { maxTenants: 100, maxOrders: MAX } }, async (_, client) => {
      const token = `orders-${randomUUID()}`;
      const create = () =>
        client.send({
          method: 'POST',
          path: `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ line_items: [{ sku: DOC_SKU_ID, quantity: 1 }] }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < MAX; i++) statuses.push((await create()).status);
      const fixtures = statuses.indexOf(429);
      expect(fixtures).toBeGreaterThan(0);
      expect(statuses.slice(0, fixtures).every((s) => s === 201)).toBe(true);
      expectLimitReached('dirtylemon', await create());
      const listed = await client.send({ method: 'GET', path: '/__mock/dirtylemon/orders?limit=1', headers: { authorization: `Bearer ${token}` } });
      expect((listed.body as any).total).toBe(MAX);
      // Another API of the same tenant, and another tenant, have their own room.
      expect((await touch(client, 'sfox', token)).status).toBe(200);
      expect((await create()).status).toBe(429);
      expect((await touch(client, 'dirtylemon', `orders-${randomUUID()}`)).status).toBe(200);
    }));

  it('refuses an admin seed that would pass the cap, seeding none of it', () =>
    withMock({ limits: { maxTenants: 100, maxOrders: MAX } }, async (_, client) => {
      const headers = { authorization: `Bearer seed-${randomUUID()}`, 'content-type': 'application/json' };
      const list = async () => (await client.send({ method: 'GET', path: '/__mock/sfox/orders?limit=1', headers })).body as any;
      const before = (await list()).total;
      const seed = await client.send({ method: 'POST', path: '/__mock/sfox/orders', headers, body: JSON.stringify({ status: 'open', count: MAX }) });
      expectLimitReached('admin', seed);
      expect((await list()).total).toBe(before);
      const fits = await client.send({ method: 'POST', path: '/__mock/sfox/orders', headers, body: JSON.stringify({ status: 'open', count: MAX - before }) });
      expect(fits.status).toBe(201);
      expect((await list()).total).toBe(MAX);
    }));
});

describe('the CLI flags', () => {
  beforeAll(requireBuiltCli);
  let served: Awaited<ReturnType<typeof startServe>>;
  let client: RawClient;
  beforeAll(async () => {
    served = await startServe('--max-tenants', '1', '--max-orders', '5');
    client = rawClient(served.base);
  });
  afterAll(async () => {
    client.close();
    served.child.kill('SIGTERM');
    await served.exited;
  });

  it('--max-tenants 1 refuses the second token', async () => {
    expect((await touch(client, 'sfox', 'first')).status).toBe(200);
    expectLimitReached('sfox', await touch(client, 'sfox', 'second'));
  });

  it('--max-orders 5 refuses a seed past five sFOX orders (the five fixtures)', async () => {
    const res = await client.send({ method: 'POST', path: '/__mock/sfox/orders', headers: { authorization: 'Bearer first', 'content-type': 'application/json' }, body: '{"status": "open"}' });
    expectLimitReached('admin', res);
  });
});

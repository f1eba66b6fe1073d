/**
 * Caps on tenants and on orders per tenant and API, so a runaway test cannot eat the machine's
 * memory: a full tenant table evicts its least recently used tenant (and refuses a new token, with
 * 429 in each API's own error shape, only when every tenant is pinned); past the order cap every
 * API answers 429, and nothing is half-done.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_CUSTOMER_ID, DOC_SKU_ID } from '../../src/apis/dirtylemon/fixtures.js';
import { createTenantStore } from '../../src/core/tenants.js';
import { rssMb } from '../bench/servers.js';
import { startMock } from '../helpers/mock.js';
import { API_NAMES, type SpecName } from '../../src/spec/load.js';
import { requireBuiltCli, runCli, startServe, stderrShows } from './helpers/cli.js';
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

const health = async (client: RawClient) => ((await client.send({ method: 'GET', path: '/__mock/health' })).body as any).tenants;
const seedMark = (client: RawClient, token: string) =>
  client.send({ method: 'POST', path: '/__mock/sfox/orders', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'open', id: 'mark' }) });
const hasMark = async (client: RawClient, token: string) => (await client.send({ method: 'GET', path: '/__mock/sfox/orders/mark', headers: { authorization: `Bearer ${token}` } })).status === 200;

describe('--max-tenants (createMock({limits}))', () => {
  it('answers every new token in every API and the admin API, evicting the least recently used tenant', () =>
    withMock({ limits: { maxTenants: 2, maxOrders: 1000 } }, async (_, client) => {
      const names = [...API_NAMES, 'admin'] as SpecName[];
      for (const [i, name] of names.entries()) expect((await touch(client, name, `cap-${i}`)).status).toBe(200);
      expect(await health(client)).toEqual({ live: 2, pinned: 0, evicted: names.length - 2 });
      const listed = (await client.send({ method: 'GET', path: '/__mock/tenants' })).body as any;
      expect(listed.tenants.map((t: any) => t.token).sort()).toEqual([`cap-${names.length - 2}`, `cap-${names.length - 1}`]);
    }));

  it("gives an evicted token a fresh world, and keeps the recently used one's", () =>
    withMock({ limits: { maxTenants: 2 } }, async (_, client) => {
      expect((await seedMark(client, 'old')).status).toBe(201);
      expect((await seedMark(client, 'used')).status).toBe(201);
      expect((await touch(client, 'sfox', 'old')).status).toBe(200);
      expect((await touch(client, 'sfox', 'used')).status).toBe(200);
      expect((await touch(client, 'sfox', 'new')).status).toBe(200);
      expect(await hasMark(client, 'used')).toBe(true);
      expect(await hasMark(client, 'old')).toBe(false);
    }));

  it('refuses a new token with 429 in every API and the admin API only when every tenant is pinned', async () => {
    const store = createTenantStore('ordermock', { maxTenants: 2 }, { keepTokens: ['pin-a', 'pin-b'] });
    const mock = await startMock({}, store);
    const client = rawClient(mock.base);
    try {
      expect((await touch(client, 'sfox', 'pin-a')).status).toBe(200);
      expect((await touch(client, 'dirtylemon', 'pin-b')).status).toBe(200);
      for (const name of [...API_NAMES, 'admin'] as SpecName[]) expectLimitReached(name, await touch(client, name, 'pin-c'));
      // Known tenants carry on; admin calls that provision nothing still answer.
      expect((await touch(client, 'estoka', 'pin-a')).status).toBe(200);
      expect((await client.send({ method: 'GET', path: '/__mock/tenants' })).status).toBe(200);
      expect(await health(client)).toEqual({ live: 2, pinned: 2, evicted: 0 });
      const dropped = await client.send({ method: 'DELETE', path: '/__mock/tenant', headers: { authorization: 'Bearer pin-a' } });
      expect(dropped.body).toEqual({ deleted: true });
      expect((await touch(client, 'sfox', 'pin-c')).status).toBe(200);
    } finally {
      client.close();
      await mock.close();
    }
  });
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
    served = await startServe('--max-tenants', '1', '--max-orders', '5', '--log-level', 'debug');
    client = rawClient(served.base);
  });
  afterAll(async () => {
    client.close();
    served.child.kill('SIGTERM');
    await served.exited;
  });

  it('--max-tenants 1 evicts the first token for the second, logging it once at debug level', async () => {
    expect((await touch(client, 'sfox', 'first')).status).toBe(200);
    expect((await touch(client, 'sfox', 'second')).status).toBe(200);
    expect((await touch(client, 'sfox', 'second')).status).toBe(200);
    expect(await health(client)).toEqual({ live: 1, pinned: 0, evicted: 1 });
    await stderrShows(served, '"tenant evicted"');
    const lines = served.stderr().split('\n').filter((l) => l.includes('tenant evicted')).map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ level: 'debug', msg: 'tenant evicted', token: 'first', reason: 'lru' })]);
  });

  it('--max-orders 5 refuses a seed past five sFOX orders (the five fixtures)', async () => {
    const res = await client.send({ method: 'POST', path: '/__mock/sfox/orders', headers: { authorization: 'Bearer second', 'content-type': 'application/json' }, body: '{"status": "open"}' });
    expectLimitReached('admin', res);
  });

  it('--keep-token pins a token: with every tenant pinned a new token gets 429; evictions stay out of the default log', async () => {
    const pinned = await startServe('--max-tenants', '2', '--keep-token', 'k1', '--keep-token', 'k2');
    const pinnedClient = rawClient(pinned.base);
    try {
      for (const token of ['k1', 'other', 'k2']) expect((await touch(pinnedClient, 'sfox', token)).status).toBe(200);
      expectLimitReached('sfox', await touch(pinnedClient, 'sfox', 'more'));
      expect(await health(pinnedClient)).toEqual({ live: 2, pinned: 2, evicted: 1 });
      const listed = (await pinnedClient.send({ method: 'GET', path: '/__mock/tenants' })).body as any;
      expect(listed.tenants.map((t: any) => [t.token, t.pinned])).toEqual([['k1', true], ['k2', true]]);
    } finally {
      pinnedClient.close();
      pinned.child.kill('SIGTERM');
      await pinned.exited;
    }
    expect(pinned.stderr()).not.toContain('tenant evicted');
  });

  it('refuse a bad --tenant-ttl, --pack-idle-after, --max-outbox, --max-journal or --log-level with one line and exit code 2', async () => {
    for (const args of [
      ['--tenant-ttl', '24'],
      ['--tenant-ttl', '1 day'],
      ['--pack-idle-after', '30'],
      ['--max-outbox', '0'],
      ['--max-journal=-1'],
      ['--max-tenants', '0'],
      ['--log-level', 'loud'],
    ]) {
      const run = await runCli('serve', '--port', '0', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(args[0]!.split('=')[0]!)]);
    }
  });

  // The case (25,000 new tokens against a default start, RSS < 400 MB) at a tenth of the
  // scale and a fiftieth of the table, so that it runs in seconds and evicts most of the way.
  it('answers 2,000 new tokens in a row, all 200, with --max-tenants 200 and RSS under 400 MB', async () => {
    const churn = await startServe('--max-tenants', '200', '--tenant-ttl', '30m');
    const churnClient = rawClient(churn.base, { sockets: 32 });
    try {
      const statuses = new Map<number, number>();
      let next = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (next < 2000) {
            const res = await touch(churnClient, 'dirtylemon', `churn-${next++}`);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }),
      );
      expect(Object.fromEntries(statuses)).toEqual({ 200: 2000 });
      expect(await health(churnClient)).toEqual({ live: 200, pinned: 0, evicted: 1800 });
      expect(rssMb(churn.child.pid!)).toBeLessThan(400);
    } finally {
      churnClient.close();
      churn.child.kill('SIGTERM');
      await churn.exited;
    }
  }, 60_000);
});

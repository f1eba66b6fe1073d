/**
 * The Redis store with two in-process instances on one real redis-server: one consistent mock
 * whichever instance answers — state, counted faults, the shared clock, tenant expiry and caps,
 * snapshots, key layout — and what happens when Redis goes away and comes back.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRestoredWorld } from '../../src/apis/engine.js';
import { FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { API_MODULES } from '../../src/apis/registry.js';
import { createRedisStore, type RedisStoreOptions } from '../../src/store/redis.js';
import { authFor, startMock, type RunningMock } from '../helpers/mock.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { replay } from '../robustness/helpers/replay.js';

let redis: RedisServer;
let raw: ReturnType<typeof createClient>;
beforeAll(async () => {
  redis = await startRedisServer();
  raw = createClient({ url: redis.url });
  await raw.connect();
});
afterAll(async () => {
  await raw.close();
  await redis.stop();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Instances = { a: RunningMock; b: RunningMock; prefix: string; logs: string[] };

/** Two mocks (strict) on one Redis key prefix, as two `ordermock serve --store redis://…` would be. */
async function twoInstances(settings: Partial<RedisStoreOptions> & { server?: RedisServer } = {}): Promise<Instances> {
  const prefix = settings.prefix ?? `t-${randomUUID().slice(0, 8)}:`;
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  const open = () =>
    createRedisStore({ url: (settings.server ?? redis).url, prefix, seed: 'ordermock', checkWorld: checkRestoredWorld, log, ...settings });
  const [storeA, storeB] = [await open(), await open()];
  const [a, b] = [await startMock({}, storeA), await startMock({}, storeB)];
  cleanups.push(async () => {
    await a.close();
    await b.close();
    await storeA.close();
    await storeB.close();
  });
  return { a, b, prefix, logs };
}

const ORDER = `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}`;

describe('two instances on one Redis', () => {
  it('are one mock: create on one, pay on the other, and either shows the same order, outbox and journal', async () => {
    const { a, b } = await twoInstances();
    const token = a.newToken();
    // Frozen, so both instances' clock views name the same instant.
    await b.call('POST', '/__mock/clock', { token, body: { freeze_at: '2030-01-01T00:00:00.000Z' } });
    const created = await a.call('POST', '/dirtylemon/v1/customers/294e03d6-df4f-4ee1-94be-e334c420381a/orders', { token, body: { line_items: [{ sku: '868137000115', quantity: 2 }] } });
    expect(created.status).toBe(201);
    expect((await b.call('POST', `/dirtylemon/v1/orders/${created.body.id}/pay`, { token })).status).toBe(200);
    expect((await a.call('GET', `/dirtylemon/v1/orders/${created.body.id}`, { token })).body.status).toBe('paid');
    for (const view of ['/__mock/outbox', '/__mock/journal', '/__mock/dirtylemon/orders?limit=1000', '/__mock/clock']) {
      const [fromA, fromB] = [await a.call('GET', view, { token }), await b.call('GET', view, { token })];
      expect(fromA.status, view).toBe(200);
      expect(fromA.body, view).toEqual(fromB.body);
    }
    const outbox = (await a.call('GET', `/__mock/outbox?order_id=${created.body.id}`, { token })).body.entries;
    expect(outbox.map((e: any) => [e.id, e.type])).toEqual([
      [1, 'charge'],
      [2, 'shipments.create'],
      [3, 'email.confirmation'],
    ]);
    // The API calls in order, numbered once between the two instances (admin reads are not journaled).
    const journal = (await b.call('GET', '/__mock/journal', { token })).body.entries;
    expect(journal.map((e: any) => e.operationId)).toEqual(['createOrder', 'payOrder', 'retrieveOrder']);
    expect(journal.map((e: any) => e.id)).toEqual([1, 2, 3]);
  });

  it('catch up on what the other changed, not by reloading the whole tenant', async () => {
    const { a, b } = await twoInstances();
    const token = a.newToken();
    expect((await a.call('POST', '/__mock/sfox/orders', { token, body: { status: 'open', count: 300 } })).status).toBe(201);
    // B reads the tenant whole once; from then on each instance's copy falls behind by the other's step.
    expect((await b.call('GET', '/__mock/sfox/orders/123', { token })).status).toBe(200);
    const ids: string[] = (await a.call('GET', '/__mock/sfox/orders?status=open&limit=20', { token })).body.orders.map((o: any) => o.id);
    await raw.configResetStat();
    for (const [i, id] of ids.entries()) {
      const [first, second] = i % 2 ? [a, b] : [b, a];
      expect((await first.call('DELETE', `/sfox/v1/orders/${id}`, { token })).body).toEqual({ status: 'canceled' });
      // The other's copy thinks the order is still open: its step is undone and run again on the truth.
      expect((await second.call('DELETE', `/sfox/v1/orders/${id}`, { token })).body).toEqual({ status: 'order already finished' });
    }
    expect(await raw.info('commandstats')).not.toContain('cmdstat_hgetall');
    const canceled = async (mock: RunningMock) => (await mock.call('GET', '/__mock/sfox/orders?status=canceled&limit=1000', { token })).body.orders.map((o: any) => o.id).sort();
    expect(await canceled(a)).toEqual(await canceled(b));
    expect(await canceled(a)).toEqual([...ids, '126'].sort());
  });

  it('consume a counted fault rule exactly its count between them', async () => {
    const { a, b } = await twoInstances();
    const token = a.newToken();
    expect((await b.call('POST', '/__mock/faults', { token, body: { api: 'dirtylemon', operationId: 'retrieveOrder', status: 503, remaining: 3 } })).status).toBe(201);
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).call('GET', ORDER, { token }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    expect(statuses.filter((s) => s === 200)).toHaveLength(37);
    expect((await a.call('GET', '/__mock/faults', { token })).body.faults).toEqual([]);
  });

  it("settle sFOX's cancel pending on the shared clock, once, whichever instance moves it", async () => {
    const { a, b } = await twoInstances();
    const token = a.newToken();
    await a.call('POST', '/__mock/clock', { token, body: { freeze_at: '2030-01-01T00:00:00.000Z' } });
    expect((await a.call('DELETE', '/sfox/v1/orders/124', { token })).body).toEqual({ status: 'cancel pending' });
    expect((await b.call('GET', '/__mock/clock', { token })).body.pending).toHaveLength(1);
    await b.call('POST', '/__mock/clock', { token, body: { advance_ms: 2000 } });
    expect((await a.call('GET', '/__mock/sfox/orders/124', { token })).body.status).toBe('canceled');
    expect((await a.call('DELETE', '/sfox/v1/orders/124', { token })).body).toEqual({ status: 'order already finished' });
    expect((await b.call('GET', '/__mock/outbox?type=settle', { token })).body.entries).toHaveLength(1);
  });

  it('keep --max-tenants between them: a new tenant evicts the least recently used, never a pinned one', async () => {
    const { a, b } = await twoInstances({ limits: { maxTenants: 2 }, keepTokens: ['kept'] });
    const [t1, t2] = [a.newToken(), a.newToken()];
    await a.call('POST', `${ORDER}/cancel`, { token: t1 });
    await b.call('POST', `${ORDER}/cancel`, { token: 'kept' });
    expect((await b.call('GET', ORDER, { token: t2 })).status).toBe(200);
    const listed = (await a.call('GET', '/__mock/tenants', { token: t2 })).body.tenants.map((t: any) => [t.token, t.pinned]);
    expect(listed.sort()).toEqual([[t2, false], ['kept', true]].sort());
    // t1 was evicted: it comes back as a fresh world (evicting t2, now the least recently used).
    expect((await b.call('GET', ORDER, { token: t1 })).body.status).toBe('created');
    expect((await a.call('GET', ORDER, { token: 'kept' })).body.status).toBe('canceled');
    expect((await a.call('GET', '/__mock/health', { token: t1 })).body.tenants).toEqual({ live: 2, pinned: 1, evicted: 2 });
  });

  it('refuse a new tenant (429) only when every tenant is pinned', async () => {
    const { a, b } = await twoInstances({ limits: { maxTenants: 2 }, keepTokens: ['p1', 'p2'] });
    for (const token of ['p1', 'p2']) expect((await a.call('GET', ORDER, { token })).status).toBe(200);
    const refused = await b.call('GET', ORDER, { token: a.newToken() });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'limit_reached']);
  });

  it('snapshot every tenant in Redis, and a restore on one is what the other serves', async () => {
    const { a, b } = await twoInstances();
    const [x, y] = [a.newToken(), a.newToken()];
    await a.call('POST', `${ORDER}/pay`, { token: x });
    await b.call('POST', '/__mock/sfox/orders', { auth: authFor('sfox', y), body: { status: 'working', id: 'kept' } });
    const snapshot = (await b.call('GET', '/__mock/snapshot', { token: x })).body;
    expect(snapshot.tenants.map((t: any) => t.token).sort()).toEqual([x, y].sort());
    expect((await a.call('POST', '/__mock/reset?scope=all', { token: x })).body.reset).toBe(2);
    expect((await b.call('GET', ORDER, { token: x })).body.status).toBe('created');
    expect((await b.call('PUT', '/__mock/snapshot', { token: x, body: snapshot })).body).toEqual({ tenants: 2 });
    expect((await a.call('GET', ORDER, { token: x })).body.status).toBe('paid');
    expect((await a.call('GET', '/__mock/sfox/orders/kept', { token: y })).body.status).toBe('working');
    expect((await a.call('GET', '/__mock/outbox', { token: x })).body.entries.map((e: any) => e.id)).toEqual([1, 2, 3]);
    // The same snapshot restores into a memory store, which then answers alike.
    const memory = await startMock();
    cleanups.push(() => memory.close());
    expect((await memory.call('PUT', '/__mock/snapshot', { token: x, body: snapshot })).status).toBe(200);
    const byToken = (res: { body: any }) => res.body.tenants.sort((p: any, q: any) => p.token.localeCompare(q.token));
    expect(byToken(await memory.call('GET', '/__mock/tenants', { token: x }))).toEqual(byToken(await a.call('GET', '/__mock/tenants', { token: x })));
  });
});

describe('keys', () => {
  it('live under the prefix, one hash and three lists per tenant, with the tenant TTL', async () => {
    const { a, prefix } = await twoInstances({ limits: { tenantTtlMs: 60_000 } });
    const token = a.newToken();
    await a.call('POST', `${ORDER}/pay`, { token });
    const keys = [`${prefix}state:${token}`, `${prefix}outbox:${token}`, `${prefix}journal:${token}`, `${prefix}changes:${token}`];
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual([...keys, `${prefix}tenants`].sort());
    expect(await raw.hGet(keys[0]!, 'v')).toMatch(/^[0-9a-f]{8}:[0-9a-z]+$/);
    expect(JSON.parse((await raw.hGet(keys[0]!, `w:dirtylemon:orders:${FIXTURE_ORDERS.created}`))!).status).toBe('paid');
    expect(JSON.parse((await raw.lIndex(keys[1]!, 0))!)).toMatchObject({ id: 1, type: 'charge' });
    for (const key of keys) expect(await raw.pTTL(key), key).toBeGreaterThan(50_000);
  });

  it('of another prefix are another mock', async () => {
    const one = await twoInstances();
    const other = await twoInstances();
    const token = one.a.newToken();
    await one.a.call('POST', `${ORDER}/cancel`, { token });
    expect((await other.a.call('GET', ORDER, { token })).body.status).toBe('created');
    expect((await one.b.call('GET', ORDER, { token })).body.status).toBe('canceled');
  });

  it('expire with an idle tenant: a returning token gets a fresh world', async () => {
    const { a, b, prefix } = await twoInstances({ limits: { tenantTtlMs: 300 } });
    const token = a.newToken();
    await a.call('POST', `${ORDER}/cancel`, { token });
    expect((await b.call('GET', ORDER, { token })).body.status).toBe('canceled');
    // Redis enforces the TTL in real time: wait (bounded) until the tenant is gone.
    const deadline = Date.now() + 5000;
    while ((await raw.exists(`${prefix}state:${token}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await raw.exists([`${prefix}state:${token}`, `${prefix}outbox:${token}`, `${prefix}journal:${token}`, `${prefix}changes:${token}`])).toBe(0);
    expect((await a.call('GET', ORDER, { token })).body.status).toBe('created');
    expect((await b.call('GET', '/__mock/outbox', { token })).body.entries).toEqual([]);
  });
});

describe('when Redis goes away', () => {
  it("every API answers 503 in its own error shape and the log says so; when it is back, requests succeed without a restart", async () => {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    const { a, logs } = await twoInstances({ server });
    const token = a.newToken();
    expect((await a.call('GET', ORDER, { token })).status).toBe(200);
    await server.stop();
    const requests = {
      dirtylemon: () => a.call('GET', ORDER, { token }),
      estoka: () => a.call('POST', '/estoka/api/v1/organizations/4/orders/100/cancel', { auth: authFor('estoka', token) }),
      sfox: () => a.call('DELETE', '/sfox/v1/orders/123', { token }),
      retailops: () => a.call('POST', '/retailops/order_cancel', { token, body: { data: { order: { id: '4897' } } } }),
    };
    // Strict mode is on: each body has passed the spec's check of the operation's 503.
    const codes = {
      dirtylemon: (body: any) => body.error.code,
      estoka: (body: any) => body.code,
      sfox: (body: any) => body.error,
      retailops: (body: any) => body.events[0].error_code,
    };
    const expected = { dirtylemon: 'service_unavailable', estoka: 'service_unavailable', sfox: 'service unavailable', retailops: 'SERVICE_UNAVAILABLE' };
    for (const [api, send] of Object.entries(requests)) {
      const res = await send();
      expect([res.status, codes[api as keyof typeof codes](res.body)], api).toEqual([503, expected[api as keyof typeof expected]]);
    }
    const admin = await a.call('GET', '/__mock/outbox', { token });
    expect([admin.status, admin.body.error.code]).toEqual([503, 'service_unavailable']);
    expect(logs.join('\n')).toContain('redis store: lost the connection');
    await server.start();
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await a.call('GET', ORDER, { token })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect(logs.join('\n')).toContain('is back');
  });

  it('no transition is half-applied: after a crash mid-race, the persisted order, outbox and journal tell one legal history', async () => {
    const server = await startRedisServer({ persist: true });
    cleanups.push(() => server.stop());
    const { a, b } = await twoInstances({ server });
    const token = a.newToken();
    const operations = ['pay', 'cancel', 'fulfill', 'return'];
    let answered = 0;
    let killed: Promise<void> | undefined;
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? a : b).call('POST', `${ORDER}/${operations[i % 4]}`, { token, headers: { prefer: `delay=${(i * 7919) % 30}` } }).then((r) => {
          if (++answered === 40) killed = server.stop();
          return r.status;
        }),
      ),
    );
    await killed;
    expect(statuses.filter((s) => ![200, 422, 503].includes(s))).toEqual([]);
    expect(statuses).toContain(503);
    await server.start();
    let journal: any[] | undefined;
    const deadline = Date.now() + 10_000;
    while (!journal && Date.now() < deadline) {
      const res = await a.call('GET', '/__mock/journal?limit=1000', { token });
      if (res.status === 200) journal = res.body.entries;
      else await new Promise((r) => setTimeout(r, 100));
    }
    const applied = journal!.filter((e) => e.status === 200 && e.operationId !== 'retrieveOrder').map((e) => e.operationId);
    expect(applied.length).toBeGreaterThan(0);
    const history = replay(API_MODULES.dirtylemon.machine, 'created', applied);
    expect((await a.call('GET', `/__mock/dirtylemon/orders/${FIXTURE_ORDERS.created}`, { token })).body.status).toBe(history.state);
    const outbox = (await b.call('GET', `/__mock/outbox?order_id=${FIXTURE_ORDERS.created}`, { token })).body.entries.map((e: any) => e.type);
    expect(outbox).toEqual(history.effects);
  });
});

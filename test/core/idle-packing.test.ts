/**
 * Idle tenants packed into bytes and unpacked on their next use: the same state either way, a
 * few packed per switch of tenant, the oldest first, never the one in use, never a bulk seed.
 */
import { describe, expect, it } from 'vitest';
import { API_MODULES } from '../../src/apis/registry.js';
import { PACKABLE_ORDERS } from '../../src/core/idle-packing.js';
import { appendJournal } from '../../src/core/journal.js';
import { recordEffect } from '../../src/core/outbox.js';
import { restoreStore, snapshotStore } from '../../src/core/snapshot.js';
import { createTenantStore, dropTenant, putOrder, resetTenants, storedLogs, tenantFor, worldFor, type Limits, type TenantStore } from '../../src/core/tenants.js';
import { createMock } from '../../src/mock.js';
import { deflatedTenants } from '../../src/store/deflated-tenants.js';
import { createMemoryStore } from '../../src/store/memory.js';

const IDLE = 30_000;

function storeWith(limits: Partial<Limits> = {}) {
  const clock = { now: 1_000_000 };
  const store = createTenantStore('seed', { packIdleMs: IDLE, ...limits }, { wallClock: () => clock.now, packer: deflatedTenants });
  return { store, clock };
}

/** Uses a tenant as a request would: its Dirty Lemon world, an outbox entry and a journal entry. */
function use(store: TenantStore, token: string) {
  const tenant = tenantFor(store, token);
  worldFor(tenant, 'dirtylemon', (seed) => API_MODULES.dirtylemon.provision(seed, '2026-12-01T00:00:00.000Z'));
  recordEffect(tenant.outbox, { at: '2026-12-01T00:00:00.000Z', api: 'dirtylemon', order_id: 'o1', type: 'email', data: { to: token } });
  appendJournal(tenant.journal, { at: '2026-12-01T00:00:00.000Z', method: 'GET', path: '/v1/orders/o1', api: 'dirtylemon', operationId: 'retrieveOrder', status: 200, latency_ms: 1, validation_errors: [], fault: null, request_body: null, response_body: { id: 'o1' }, error_code: null });
  return tenant;
}

const packed = (store: TenantStore) => [...store.tenants.values()].filter((t) => t.packed).map((t) => t.token).sort();
/** What a tenant holds, as a snapshot writes it: equal whether it was packed or not. */
const saved = (store: TenantStore, token: string) => JSON.parse(JSON.stringify(snapshotStore(store))).tenants.find((t: any) => t.token === token);

describe('packing idle tenants', () => {
  // A tenant counts as used until another token's request: only then does its idle time start.
  it('packs tenants idle past the limit, one per switch of tenant, oldest first, never the one in use', () => {
    const { store, clock } = storeWith();
    for (const token of ['a', 'b', 'c', 'd']) use(store, token);
    clock.now += IDLE - 1;
    use(store, 'e');
    expect(packed(store)).toEqual([]);
    clock.now += 1;
    // a, b and c have been idle for IDLE now (d only since e came): one per switch, oldest first.
    use(store, 'f');
    expect(packed(store)).toEqual(['a']);
    use(store, 'e');
    expect(packed(store)).toEqual(['a', 'b']);
    use(store, 'f');
    use(store, 'e');
    expect(packed(store)).toEqual(['a', 'b', 'c']);
    clock.now += IDLE;
    use(store, 'f');
    // d is idle too; e was in use until this request.
    expect(packed(store)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.tenants.get('a')!.packed!.bytes.length).toBeLessThan(6_000);
  });

  /** Uses `tokens` in turn, then lets them idle past the limit: two switches of tenant then pack the first two. */
  function idleOut(tokens: string[]) {
    const { store, clock } = storeWith();
    for (const token of tokens) use(store, token);
    const before = Object.fromEntries(tokens.map((token) => [token, saved(store, token)]));
    clock.now += IDLE;
    use(store, 'next');
    use(store, 'then');
    return { store, clock, before };
  }

  it('gives a packed tenant back the same state on its next use, with the logs under the current caps', () => {
    const { store, before } = idleOut(['a', 'b']);
    expect(packed(store)).toEqual(['a']);
    expect(saved(store, 'a')).toEqual(before.a);
    store.limits.maxOutbox = 50;
    const a = tenantFor(store, 'a');
    expect(a.packed).toBeUndefined();
    expect(saved(store, 'a')).toEqual({ ...before.a, outbox: { ...before.a.outbox, capacity: 50 } });
    expect(a.worlds.dirtylemon!.orders.size).toBe(10);
    expect([a.outbox.capacity, a.journal.capacity, a.outbox.nextId, a.journal.nextId]).toEqual([50, 1000, 2, 2]);
    // Unpacked it is live again: a new entry follows the old ones.
    expect(use(store, 'a').outbox.entries.map((e) => e.id)).toEqual([1, 2]);
  });

  it('reads a packed tenant’s logs without unpacking it', () => {
    const { store } = idleOut(['a', 'b']);
    const logs = storedLogs(store, 'a')!;
    expect(logs.outbox.entries).toEqual([expect.objectContaining({ id: 1, type: 'email', data: { to: 'a' } })]);
    expect(logs.journal.entries).toEqual([expect.objectContaining({ id: 1, path: '/v1/orders/o1' })]);
    expect(store.tenants.get('a')!.packed).toBeDefined();
    expect(storedLogs(store, 'nobody')).toBeUndefined();
  });

  it('snapshots packed tenants as if they were live, and restores them live', () => {
    const { store, before } = idleOut(['a', 'b', 'c']);
    expect(packed(store)).toEqual(['a', 'b']);
    const snap = JSON.parse(JSON.stringify(snapshotStore(store)));
    expect(snap.tenants.slice(0, 2)).toEqual([before.a, before.b]);
    const restored = storeWith().store;
    restoreStore(restored, snap);
    expect(packed(restored)).toEqual([]);
    expect(saved(restored, 'a')).toEqual(before.a);
  });

  it('leaves a tenant with more orders than it packs live, and packs the ones after it', () => {
    const { store, clock } = storeWith();
    const world = use(store, 'big').worlds.dirtylemon!;
    const template = world.orders.values().next().value;
    for (let i = 0; i < PACKABLE_ORDERS; i++) putOrder(store, world, { ...template, id: `bulk-${i}` }, template);
    use(store, 'a');
    use(store, 'b');
    clock.now += IDLE;
    use(store, 'c');
    use(store, 'd');
    expect(packed(store)).toEqual(['a']);
    expect(store.tenants.get('big')!.worlds.dirtylemon!.orders.size).toBe(PACKABLE_ORDERS + 10);
  });

  it('gives back whole orders from a small bulk seed, and keeps a journal body the stored order it was', () => {
    const { store, clock } = storeWith();
    const tenant = use(store, 'seeded');
    const world = tenant.worlds.dirtylemon!;
    const template = world.orders.values().next().value;
    for (let i = 0; i < 20; i++) putOrder(store, world, { ...template, id: `bulk-${i}`, reference: 5000 + i }, template);
    tenant.journal.entries[0]!.response_body = template;
    const before = saved(store, 'seeded');
    use(store, 'a');
    clock.now += IDLE;
    use(store, 'b');
    expect(packed(store)).toEqual(['seeded']);
    const back = tenantFor(store, 'seeded');
    expect(saved(store, 'seeded')).toEqual(before);
    expect(back.worlds.dirtylemon!.orders.get('bulk-7')).toEqual({ ...template, id: 'bulk-7', reference: 5007 });
    expect(back.journal.entries[0]!.response_body).toBe(back.worlds.dirtylemon!.orders.get(template.id));
  });

  it('keeps packing in order through evictions, drops and resets of the tenants it has reached', () => {
    const { store, clock } = storeWith({ maxTenants: 6 });
    for (const token of ['a', 'b', 'c', 'd']) use(store, token);
    clock.now += IDLE;
    use(store, 'e');
    use(store, 'f');
    expect(packed(store)).toEqual(['a', 'b']);
    // b is where the packing stands: dropping it must not stop the packing short of c.
    expect(dropTenant(store, 'b')).toBe(true);
    use(store, 'e');
    expect(packed(store)).toEqual(['a', 'c']);
    use(store, 'g');
    use(store, 'h');
    expect(store.tenants.has('a')).toBe(false);
    expect(packed(store)).toEqual(['c']);
    clock.now += IDLE;
    // i evicts c, where the packing stands: it starts again from the oldest.
    use(store, 'i');
    expect(store.tenants.has('c')).toBe(false);
    expect(packed(store)).toEqual(['d']);
    use(store, 'g');
    expect(packed(store)).toEqual(['d', 'f']);
    resetTenants(store);
    use(store, 'x');
    use(store, 'y');
    clock.now += IDLE;
    use(store, 'z');
    expect(packed(store)).toEqual(['x']);
  });

  it('packs nothing at 0, or without a packer (the browser build)', () => {
    for (const store of [storeWith({ packIdleMs: 0 }).store, createTenantStore('seed', { packIdleMs: IDLE }, { wallClock: () => 0 })]) {
      use(store, 'a');
      use(store, 'b');
      store.wallClock = () => 10 * IDLE;
      use(store, 'c');
      expect(packed(store)).toEqual([]);
    }
  });
});

describe('a packed tenant behind the mock', () => {
  it('answers its next request, its outbox and the tenant list from the state it had', async () => {
    const { store, clock } = storeWith();
    const mock = createMock({ store: createMemoryStore(store) });
    const call = (token: string, method: string, path: string, body?: unknown) =>
      mock.fetch(`http://mock/dirtylemon${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const created = await (await call('a', 'POST', '/v1/customers/294e03d6-df4f-4ee1-94be-e334c420381a/orders', { line_items: [{ sku: '868137000115', quantity: 1 }] })).json();
    expect((await call('a', 'POST', `/v1/orders/${created.id}/pay`)).status).toBe(200);
    const outbox = await mock.tenant('a').outbox();
    await call('b', 'GET', `/v1/orders/${created.id}`);
    clock.now += IDLE;
    await call('c', 'GET', `/v1/orders/${created.id}`);
    expect(packed(store)).toEqual(['a']);
    const listed = await (await mock.fetch('http://mock/__mock/tenants')).json();
    expect(listed.tenants).toContainEqual({ token: 'a', apis: ['dirtylemon'], orders: 11, pinned: false });
    const order = await call('a', 'GET', `/v1/orders/${created.id}`);
    expect([order.status, (await order.json()).status]).toEqual([200, 'paid']);
    expect(await mock.tenant('a').outbox()).toEqual(outbox);
    expect((await call('a', 'POST', `/v1/orders/${created.id}/cancel`)).status).toBe(200);
    expect((await mock.tenant('a').journal()).map((e) => e.status)).toEqual([201, 200, 200, 200]);
  });
});

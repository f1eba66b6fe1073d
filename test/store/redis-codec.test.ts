/**
 * The Redis store's encoding without a Redis: a step's writes are exactly what it changed, and a
 * tenant rebuilt from the hash those writes produce is the tenant the step left.
 */
import { describe, expect, it } from 'vitest';
import { enterTenant, handlerContext } from '../../src/apis/engine.js';
import { FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { seedOrders } from '../../src/http/admin-handlers.js';
import { addFaultRule } from '../../src/core/faults.js';
import { createTenantStore, DEFAULT_LIMITS, type Tenant } from '../../src/core/tenants.js';
import { decodeTenant, FIELD, takeWrites, type WriteSet } from '../../src/store/redis-codec.js';

/** Applies writes to a hash as the commit script does (ids for outbox and journal entries aside). */
function apply(hash: Record<string, string>, writes: WriteSet, version: string) {
  if (writes.changesState) hash[FIELD.version] = version;
  if (writes.meta) hash[FIELD.meta] = writes.meta;
  for (let i = 0; i < writes.sets.length; i += 2) hash[writes.sets[i]!] = writes.sets[i + 1]!;
  for (const field of writes.deletes) delete hash[field];
}

const comparable = (tenant: Tenant) => ({
  seed: tenant.seed,
  clock: tenant.clock,
  faults: tenant.faults,
  randomState: tenant.randomState,
  worlds: Object.fromEntries(Object.entries(tenant.worlds).map(([api, world]) => [api, Object.fromEntries(Object.entries(world).map(([k, v]) => [k, v instanceof Map ? [...v.entries()] : v]))])),
});

describe('takeWrites and decodeTenant', () => {
  it('write a fresh tenant whole, then only what each step changes, and rebuild the same tenant', () => {
    const store = createTenantStore('ordermock', { maxTenants: Infinity });
    const tenant = enterTenant(store, 'codec');
    const hash: Record<string, string> = {};

    // First step: a world is provisioned, so everything in it is written.
    const ctx = handlerContext(store, tenant, 'dirtylemon', 'payOrder', { order_id: FIXTURE_ORDERS.created }, undefined);
    const first = takeWrites(tenant, '');
    expect(first.changesState).toBe(true);
    expect(first.sets.length / 2).toBe(ctx.world.orders.size + (ctx.world.customers as Map<string, unknown>).size + (ctx.world.skus as Map<string, unknown>).size);
    apply(hash, first, 'v1');

    // A read changes nothing: no state write, nothing to send but the journal.
    const meta = first.meta;
    ctx.findOrder(FIXTURE_ORDERS.created, 'order_id');
    expect(takeWrites(tenant, meta)).toEqual({ changesState: false, meta: '', sets: [], deletes: [], outbox: [], journal: [] });

    // A transition writes its one order, the outbox entries and nothing else of the world.
    const paid = handlerContext(store, tenant, 'dirtylemon', 'payOrder', { order_id: FIXTURE_ORDERS.created }, undefined);
    paid.transition(paid.findOrder(FIXTURE_ORDERS.created, 'order_id'));
    const second = takeWrites(tenant, meta);
    expect(second.sets.filter((_, i) => i % 2 === 0)).toEqual([`w:dirtylemon:orders:${FIXTURE_ORDERS.created}`]);
    expect(second.outbox.map((text) => JSON.parse(`{${text}`).type)).toEqual(['charge', 'shipments.create', 'email.confirmation']);
    expect(tenant.outbox.entries).toEqual([]);
    apply(hash, second, 'v2');

    // Meta alone: a fault rule, and a bulk seed's orders (tracked through packableOrders).
    addFaultRule(tenant.faults, { api: 'sfox', status: 503, remaining: 2 });
    seedOrders(store, tenant, { api: 'sfox', status: 'open', count: 3 });
    const third = takeWrites(tenant, second.meta || meta);
    expect(third.meta).toContain('"remaining":2');
    apply(hash, third, 'v3');

    const decoded = decodeTenant('codec', hash, DEFAULT_LIMITS)!;
    expect(decoded.version).toBe('v3');
    expect(comparable(decoded.tenant)).toEqual(comparable(tenant));
    expect(decoded.tenant.worlds.sfox!.orders.size).toBe(tenant.worlds.sfox!.orders.size);
  });

  it('decode an empty hash as no tenant at all', () => {
    expect(decodeTenant('nobody', {}, DEFAULT_LIMITS)).toBeNull();
  });
});

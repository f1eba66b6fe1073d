import { createClock, type Clock } from './clock.js';
import { LimitReached } from './errors.js';
import { createFaultRules, type FaultRules } from './faults.js';
import { createJournal, type Journal } from './journal.js';
import { createOutbox, type Outbox } from './outbox.js';
import { packableOrders } from './packed-orders.js';

/**
 * One API's data inside one tenant. `orders` is common to all; fixtures may add more maps.
 * `sequence` numbers the ids the world hands out, so they are deterministic and survive snapshots.
 */
export type World = { orders: Map<string, any>; sequence: number; seed: number; [collection: string]: Map<string, any> | number };

/** Everything one auth token sees: its own orders, time, side effects, journal and faults. */
export type Tenant = {
  token: string;
  seed: number;
  clock: Clock;
  outbox: Outbox;
  journal: Journal;
  faults: FaultRules;
  /** State of the tenant's seeded generator for probabilistic faults. */
  randomState: number;
  worlds: Record<string, World>;
};

export type Limits = { maxTenants: number; maxOrders: number };

export type TenantStore = {
  seed: string;
  limits: Limits;
  tenants: Map<string, Tenant>;
  /** Bumped on every change, so persistence knows when there is something to save. */
  version: number;
};

export const DEFAULT_LIMITS: Limits = { maxTenants: 10_000, maxOrders: 2_000_000 };

export const createTenantStore = (seed = 'ordermock', limits: Limits = DEFAULT_LIMITS): TenantStore => ({
  seed,
  limits,
  tenants: new Map(),
  version: 0,
});

/** FNV-1a: a stable 32-bit seed from text, so the same token and seed give the same world. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function newTenant(store: TenantStore, token: string): Tenant {
  const seed = hashSeed(`${store.seed}:${token}`);
  return { token, seed, clock: createClock(), outbox: createOutbox(), journal: createJournal(), faults: createFaultRules(), randomState: seed, worlds: {} };
}

/** The tenant for a token, provisioned on first use; throws LimitReached past `maxTenants`. */
export function tenantFor(store: TenantStore, token: string): Tenant {
  let tenant = store.tenants.get(token);
  if (!tenant) {
    if (store.tenants.size >= store.limits.maxTenants) throw new LimitReached('tenants', store.limits.maxTenants);
    tenant = newTenant(store, token);
    store.tenants.set(token, tenant);
    store.version++;
  }
  return tenant;
}

/** The tenant's world for one API, built by `provision` (seeded per token and API) on first use. */
export function worldFor(tenant: Tenant, api: string, provision: (seed: number) => World): World {
  let world = tenant.worlds[api];
  if (!world) {
    world = provision(hashSeed(`${tenant.seed}:${api}`));
    tenant.worlds[api] = world;
  }
  return world;
}

/**
 * Stores an order, refusing a new one past `maxOrders` for the tenant's API world. With `like` (a
 * stored order it was built alongside, as in a bulk seed) it is kept as its differences from that one.
 */
export function putOrder(store: TenantStore, world: World, order: { id: string | number }, like?: object): void {
  const key = String(order.id);
  if (world.orders.size >= store.limits.maxOrders && !world.orders.has(key)) throw new LimitReached('orders', store.limits.maxOrders);
  if (like) packableOrders(world).setLike(key, order as Record<string, unknown>, like as Record<string, unknown>);
  else world.orders.set(key, order);
  store.version++;
}

/** mulberry32 over the tenant's state: deterministic per token, advanced on each call. */
export function tenantRandom(tenant: Tenant): number {
  let t = (tenant.randomState = (tenant.randomState + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Forgets one tenant (or all): the next request provisions a fresh fixture world. */
export function resetTenants(store: TenantStore, token?: string): number {
  const count = token === undefined ? store.tenants.size : Number(store.tenants.has(token));
  if (token === undefined) store.tenants.clear();
  else store.tenants.delete(token);
  store.version++;
  return count;
}

import { createClock, type Clock } from './clock.js';
import { LimitReached } from './errors.js';
import { createFaultRules, type FaultRules } from './faults.js';
import { createJournal, DEFAULT_JOURNAL_CAPACITY, type Journal } from './journal.js';
import { packedPartsUnderCaps, packTenant, unpackTenant, type PackedTenant, type TenantPacker } from './idle-packing.js';
import { createOutbox, DEFAULT_OUTBOX_CAPACITY, type Outbox } from './outbox.js';
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
} & Bookkeeping;

/** The table's own notes on a tenant: never saved in snapshots (see `savedTenant`). */
type Bookkeeping = {
  /** Wall-clock ms of the tenant's last use (the newest one's: of its current run's start), for the idle TTL. */
  lastUsedMs: number;
  /** Neighbours in the eviction order; both unset for a pinned tenant (it is not in it). */
  older?: Tenant;
  newer?: Tenant;
  /** Set while the tenant is packed (idle-packing.ts): its worlds and logs are in here, not in the fields. */
  packed?: PackedTenant;
};

export type Limits = {
  /** Live tenants; past it the least recently used unpinned one is evicted. */
  maxTenants: number;
  /** Orders per tenant and API; past it a new order is refused (429). */
  maxOrders: number;
  /** Wall-clock idle time after which an unpinned tenant is evicted; 0 = never. */
  tenantTtlMs: number;
  /** Entries each tenant's outbox and journal keep before dropping their oldest. */
  maxOutbox: number;
  maxJournal: number;
  /** Wall-clock idle time after which a tenant is packed (when the store has a packer); 0 = never. */
  packIdleMs: number;
};

export const DEFAULT_LIMITS: Limits = {
  maxTenants: 10_000,
  maxOrders: 2_000_000,
  tenantTtlMs: 24 * 60 * 60 * 1000,
  maxOutbox: DEFAULT_OUTBOX_CAPACITY,
  maxJournal: DEFAULT_JOURNAL_CAPACITY,
  packIdleMs: 30_000,
};

export type EvictionReason = 'lru' | 'idle';

/**
 * The tenant table. Its lifecycle lives here and nowhere else, so a store with another backing
 * (Redis) implements the same policy — least recently used out when full, idle ones out after the
 * TTL (there: key expiry), pinned tokens never — behind the same functions.
 *
 * The unpinned tenants form a doubly linked list, least recently used first (`oldest` →
 * `newest`). Using a tenant moves it to the newest end with a few pointer writes, O(1) and no
 * allocation; the next to evict, for room or for idleness, is always `oldest`. (A Map re-inserted
 * on every use keeps the same order, but measured 5–8× slower per touch at 10,000 tenants: each
 * delete leaves a hole that a later rehash must compact.)
 */
export type TenantStore = {
  seed: string;
  limits: Limits;
  /** Every live tenant by token, pinned or not. */
  tenants: Map<string, Tenant>;
  oldest: Tenant | undefined;
  newest: Tenant | undefined;
  /** Tokens whose tenants are never evicted: `keepTokens` plus those a restored snapshot pins. */
  pinned: Set<string>;
  /** Tokens pinned by configuration (--keep-token); they stay pinned across restores. */
  keepTokens: ReadonlySet<string>;
  /** Tenants evicted so far (for room or for idleness; resets and deletes are not evictions). */
  evicted: number;
  /** Wall-clock time source for the idle TTL (operational time, not the tenants' virtual clocks). */
  wallClock: () => number;
  onEvict?: (token: string, reason: EvictionReason) => void;
  /** When the next sweep for idle tenants is due (wall-clock ms). */
  nextSweepAt: number;
  /** Bumped on every change, so persistence knows when there is something to save. */
  version: number;
  /** Packs idle tenants; without one (a browser) every tenant stays live. */
  packer?: TenantPacker;
  /**
   * The newest tenant the packing has reached: it and every older one have been packed (or were
   * too big to be). A tenant used again moves to the newest end, so this boundary only moves newer.
   */
  packedUpTo: Tenant | undefined;
};

export type Lifecycle = {
  keepTokens?: Iterable<string>;
  wallClock?: () => number;
  onEvict?: (token: string, reason: EvictionReason) => void;
  packer?: TenantPacker;
};

/** Idle tenants are swept at most this often; a lookup still refuses an expired tenant at once. */
const SWEEP_EVERY_MS = 1000;

export function createTenantStore(seed = 'ordermock', limits: Partial<Limits> = {}, lifecycle: Lifecycle = {}): TenantStore {
  const keepTokens = new Set(lifecycle.keepTokens);
  return {
    seed,
    limits: { ...DEFAULT_LIMITS, ...limits },
    tenants: new Map(),
    oldest: undefined,
    newest: undefined,
    pinned: new Set(keepTokens),
    keepTokens,
    evicted: 0,
    wallClock: lifecycle.wallClock ?? Date.now,
    onEvict: lifecycle.onEvict,
    nextSweepAt: 0,
    version: 0,
    packer: lifecycle.packer,
    packedUpTo: undefined,
  };
}

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
  const { maxOutbox, maxJournal } = store.limits;
  return {
    token,
    seed,
    clock: createClock(),
    outbox: createOutbox(maxOutbox),
    journal: createJournal(maxJournal),
    faults: createFaultRules(),
    randomState: seed,
    worlds: {},
    lastUsedMs: store.wallClock(),
    older: undefined,
    newer: undefined,
    packed: undefined,
  };
}

/** A tenant as snapshots save it: without the table's bookkeeping. */
export function savedTenant(tenant: Tenant): Omit<Tenant, keyof Bookkeeping> {
  const { lastUsedMs: _used, older: _older, newer: _newer, packed: _packed, ...saved } = tenant;
  return saved;
}

const ttlOf = (store: TenantStore) => store.limits.tenantTtlMs || Infinity;

/**
 * The tenant for a token, provisioned on first use and marked as just used. A new token in a full
 * table evicts the least recently used unpinned tenant; only when every tenant is pinned is it
 * refused (LimitReached). A tenant idle past the TTL is gone: its token starts a fresh world.
 */
export function tenantFor(store: TenantStore, token: string): Tenant {
  let tenant = store.tenants.get(token);
  // The newest tenant again (a run of requests on one token) or a pinned one (in no list): nothing
  // moves and no clock is read — a wall-clock read costs more than the rest of this function. The
  // newest tenant's `lastUsedMs` is brought up to date when another one takes its place (below).
  if (tenant && (tenant === store.newest || (!tenant.older && store.oldest !== tenant))) return tenant;
  const now = store.wallClock();
  if (tenant && tenant.lastUsedMs + ttlOf(store) <= now) {
    evict(store, tenant, 'idle');
    tenant = undefined;
  }
  if (now >= store.nextSweepAt) sweepIdleTenants(store, now);
  if (tenant) {
    unlink(store, tenant);
    linkNewest(store, tenant, now);
    if (tenant.packed) unpackTenant(tenant, store.packer!, store.limits);
  } else {
    while (store.tenants.size >= store.limits.maxTenants) {
      if (!store.oldest) throw new LimitReached('tenants', store.limits.maxTenants);
      evict(store, store.oldest, 'lru');
    }
    tenant = newTenant(store, token);
    store.tenants.set(token, tenant);
    if (!store.pinned.has(token)) linkNewest(store, tenant, now);
    store.version++;
  }
  packIdleTenants(store, now);
  return tenant;
}

/**
 * Tenants packed per switch to another tenant. One keeps up: a tenant goes idle at most once per
 * time it is used, and every first use or return of a tenant is a switch. More would make one
 * request carry several packings (~0.3 ms each).
 */
const PACKS_PER_SWITCH = 1;

/** Packs the oldest tenants idle for `packIdleMs`, PACKS_PER_SWITCH per call, never the newest (it is in use). */
function packIdleTenants(store: TenantStore, now: number): void {
  const { packer } = store;
  const idleMs = store.limits.packIdleMs;
  if (!packer || !idleMs) return;
  let next = store.packedUpTo ? store.packedUpTo.newer : store.oldest;
  for (let budget = PACKS_PER_SWITCH; budget > 0 && next && next !== store.newest && next.lastUsedMs + idleMs <= now; budget--) {
    packTenant(next, packer);
    store.packedUpTo = next;
    next = next.newer;
  }
}

function linkNewest(store: TenantStore, tenant: Tenant, now: number): void {
  const previous = store.newest;
  // It may have been used until just now without a clock read, so it counts as used now: its idle
  // time starts with the next request of another token (later than its own last, never earlier).
  if (previous) {
    previous.lastUsedMs = now;
    previous.newer = tenant;
  } else store.oldest = tenant;
  tenant.older = previous;
  tenant.newer = undefined;
  tenant.lastUsedMs = now;
  store.newest = tenant;
}

function unlink(store: TenantStore, tenant: Tenant): void {
  if (store.packedUpTo === tenant) store.packedUpTo = tenant.older;
  if (tenant.older) tenant.older.newer = tenant.newer;
  else if (store.oldest === tenant) store.oldest = tenant.newer;
  else return; // pinned: never linked
  if (tenant.newer) tenant.newer.older = tenant.older;
  else store.newest = tenant.older;
  tenant.older = tenant.newer = undefined;
}

/**
 * Evicts the unpinned tenants idle for the TTL or longer: the oldest in the order. The newest is
 * never idle, its `lastUsedMs` being as old as its run of requests (see tenantFor).
 */
export function sweepIdleTenants(store: TenantStore, now = store.wallClock()): void {
  store.nextSweepAt = now + SWEEP_EVERY_MS;
  const ttl = ttlOf(store);
  while (store.oldest && store.oldest !== store.newest && store.oldest.lastUsedMs + ttl <= now) evict(store, store.oldest, 'idle');
}

function evict(store: TenantStore, tenant: Tenant, reason: EvictionReason): void {
  dropTenant(store, tenant.token);
  store.evicted++;
  store.onEvict?.(tenant.token, reason);
}

/** Forgets one tenant, pinned or not (its token stays pinned); true when there was one. */
export function dropTenant(store: TenantStore, token: string): boolean {
  const tenant = store.tenants.get(token);
  if (!tenant) return false;
  store.tenants.delete(token);
  unlink(store, tenant);
  store.version++;
  return true;
}

/**
 * A tenant's outbox and journal to read, not to change: a packed tenant's are decoded from its
 * bytes and it stays packed (a look at its logs is not a use). Undefined for no such tenant.
 */
export function storedLogs(store: TenantStore, token: string): { outbox: Outbox; journal: Journal } | undefined {
  const tenant = store.tenants.get(token);
  return tenant?.packed ? packedPartsUnderCaps(tenant.packed, store.packer!, store.limits) : tenant;
}

/** Live, pinned and evicted-so-far counts, after sweeping out the idle. */
export function tenantCounts(store: TenantStore): { live: number; pinned: number; evicted: number } {
  sweepIdleTenants(store);
  let pinned = 0;
  for (const token of store.pinned) if (store.tenants.has(token)) pinned++;
  return { live: store.tenants.size, pinned, evicted: store.evicted };
}

/** Pinned tenants first, then the rest least recently used first: the order a restore rebuilds. */
export function tenantsByRecency(store: TenantStore): Tenant[] {
  const ordered = [...store.tenants.values()].filter((t) => store.pinned.has(t.token));
  for (let t = store.oldest; t; t = t.newer) ordered.push(t);
  return ordered;
}

/**
 * Replaces every tenant (a snapshot restore). `pinned` are the snapshot's pinned tokens; the
 * configured keep tokens stay pinned. Restored tenants take this store's log caps and count as
 * used now: the time a state file spent on disk is not idleness.
 */
export function replaceTenants(store: TenantStore, tenants: Tenant[], pinned: Iterable<string>): void {
  const now = store.wallClock();
  store.pinned = new Set([...store.keepTokens, ...pinned]);
  store.tenants = new Map();
  store.oldest = store.newest = store.packedUpTo = undefined;
  for (const tenant of tenants) {
    tenant.lastUsedMs = now;
    tenant.older = tenant.newer = undefined;
    tenant.outbox.capacity = store.limits.maxOutbox;
    tenant.journal.capacity = store.limits.maxJournal;
    store.tenants.set(tenant.token, tenant);
    if (!store.pinned.has(tenant.token)) linkNewest(store, tenant, now);
  }
  store.version++;
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
  if (token !== undefined) return Number(dropTenant(store, token));
  const count = store.tenants.size;
  store.tenants.clear();
  store.oldest = store.newest = store.packedUpTo = undefined;
  store.version++;
  return count;
}

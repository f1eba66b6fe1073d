/**
 * The tenant table's lifecycle, without a socket: least recently used out when full, idle ones
 * out after the TTL, pinned tokens never; a wall clock the test moves instead of sleeping.
 */
import { describe, expect, it } from 'vitest';
import { LimitReached } from '../../src/core/errors.js';
import { restoreStore, snapshotStore } from '../../src/core/snapshot.js';
import {
  createTenantStore,
  dropTenant,
  putOrder,
  resetTenants,
  tenantCounts,
  tenantFor,
  tenantsByRecency,
  worldFor,
  type EvictionReason,
  type Limits,
  type TenantStore,
} from '../../src/core/tenants.js';

/** A store on a wall clock the test sets, recording every eviction. */
function storeWith(limits: Partial<Limits>, keepTokens: string[] = []) {
  const clock = { now: 1_000_000 };
  const evictions: [string, EvictionReason][] = [];
  const store = createTenantStore('seed', limits, { keepTokens, wallClock: () => clock.now, onEvict: (token, reason) => evictions.push([token, reason]) });
  return { store, clock, evictions };
}

const touch = (store: TenantStore, ...tokens: string[]) => tokens.map((t) => tenantFor(store, t));
const live = (store: TenantStore) => [...store.tenants.keys()].sort();
/** Marks a tenant's world, so a fresh world (without the mark) shows it was evicted. */
const mark = (store: TenantStore, token: string) => putOrder(store, worldFor(tenantFor(store, token), 'sfox', (seed) => ({ orders: new Map(), sequence: 0, seed })), { id: 'mark' });
const marked = (store: TenantStore, token: string) => store.tenants.get(token)?.worlds.sfox?.orders.has('mark') ?? false;

describe('a full tenant table', () => {
  it('evicts the least recently used tenant for a new token, once, and counts it', () => {
    const { store, evictions } = storeWith({ maxTenants: 3 });
    touch(store, 'a', 'b', 'c', 'a');
    touch(store, 'd');
    expect(live(store)).toEqual(['a', 'c', 'd']);
    expect(evictions).toEqual([['b', 'lru']]);
    touch(store, 'c', 'e', 'f');
    expect(live(store)).toEqual(['c', 'e', 'f']);
    expect(evictions.map(([t]) => t)).toEqual(['b', 'a', 'd']);
    expect(tenantCounts(store)).toEqual({ live: 3, pinned: 0, evicted: 3 });
  });

  it("gives an evicted token a fresh world on its next request", () => {
    const { store } = storeWith({ maxTenants: 2 });
    mark(store, 'a');
    expect(marked(store, 'a')).toBe(true);
    touch(store, 'b', 'c');
    expect(store.tenants.has('a')).toBe(false);
    const again = tenantFor(store, 'a');
    expect(again.worlds).toEqual({});
    expect(again.seed).toBe(tenantFor(createTenantStore('seed'), 'a').seed);
  });

  it('keeps a run of requests on one token from reordering anything else', () => {
    const { store } = storeWith({ maxTenants: 3 });
    touch(store, 'a', 'b', 'c', 'c', 'c', 'b', 'b');
    expect(tenantsByRecency(store).map((t) => t.token)).toEqual(['a', 'c', 'b']);
  });

  it('never evicts a pinned token, and refuses a new one only when every tenant is pinned', () => {
    const { store, evictions } = storeWith({ maxTenants: 2 }, ['keep', 'also']);
    touch(store, 'keep', 'x', 'y');
    expect(live(store)).toEqual(['keep', 'y']);
    expect(evictions).toEqual([['x', 'lru']]);
    touch(store, 'also');
    expect(live(store)).toEqual(['also', 'keep']);
    expect(() => tenantFor(store, 'z')).toThrow(LimitReached);
    expect(tenantCounts(store)).toEqual({ live: 2, pinned: 2, evicted: 2 });
    // Dropping a pinned tenant makes room; its token stays pinned.
    expect(dropTenant(store, 'also')).toBe(true);
    touch(store, 'z', 'also');
    expect(live(store)).toEqual(['also', 'keep']);
  });

  it('stays consistent through drops and resets', () => {
    const { store, evictions } = storeWith({ maxTenants: 2 });
    touch(store, 'a', 'b');
    expect(dropTenant(store, 'a')).toBe(true);
    expect(dropTenant(store, 'a')).toBe(false);
    touch(store, 'c', 'd');
    expect(live(store)).toEqual(['c', 'd']);
    expect(resetTenants(store)).toBe(2);
    touch(store, 'e', 'f', 'g');
    expect(live(store)).toEqual(['f', 'g']);
    expect(evictions).toEqual([['b', 'lru'], ['e', 'lru']]);
  });
});

describe('the idle TTL', () => {
  it('evicts tenants idle for the TTL (wall clock), swept on any lookup', () => {
    const { store, clock, evictions } = storeWith({ tenantTtlMs: 60_000 });
    touch(store, 'a', 'b');
    clock.now += 30_000;
    touch(store, 'c');
    clock.now += 30_000;
    touch(store, 'd');
    expect(live(store)).toEqual(['b', 'c', 'd']);
    expect(evictions).toEqual([['a', 'idle']]);
    clock.now += 29_999;
    touch(store, 'c');
    clock.now += 30_001;
    expect(tenantCounts(store)).toEqual({ live: 2, pinned: 0, evicted: 2 });
    expect(live(store)).toEqual(['c', 'd']);
  });

  it('counts the most recently used tenant idle only from the next request of another token', () => {
    const { store, clock } = storeWith({ tenantTtlMs: 60_000 });
    touch(store, 'a');
    clock.now += 10 * 60_000;
    // Nothing else was used meanwhile: the mock was quiet, not `a`.
    expect(tenantCounts(store).live).toBe(1);
    touch(store, 'a', 'b');
    clock.now += 59_999;
    expect(live(store)).toEqual(['a', 'b']);
    clock.now += 1;
    expect(live(store)).toEqual(['a', 'b']);
    expect(tenantCounts(store).live).toBe(1);
    expect(live(store)).toEqual(['b']);
  });

  it('gives a token idle past the TTL a fresh world even before a sweep is due', () => {
    const { store, clock } = storeWith({ tenantTtlMs: 500 });
    mark(store, 'a');
    touch(store, 'b');
    clock.now += 500;
    store.nextSweepAt = Infinity;
    expect(tenantFor(store, 'a').worlds).toEqual({});
    expect(store.evicted).toBe(1);
  });

  it('is off at 0, and never applies to pinned tokens', () => {
    const never = storeWith({ tenantTtlMs: 0 });
    touch(never.store, 'a', 'b');
    never.clock.now += 10 * 365 * 86_400_000;
    expect(tenantCounts(never.store).live).toBe(2);

    const { store, clock } = storeWith({ tenantTtlMs: 1000 }, ['keep']);
    mark(store, 'keep');
    touch(store, 'a', 'b');
    clock.now += 5000;
    touch(store, 'keep');
    expect(tenantCounts(store)).toEqual({ live: 2, pinned: 1, evicted: 1 });
    expect(marked(store, 'keep')).toBe(true);
  });
});

describe('snapshots and pins', () => {
  const roundTrip = (from: TenantStore, to: TenantStore) => restoreStore(to, JSON.parse(JSON.stringify(snapshotStore(from))));

  it('keep the pinned list and the eviction order through a restore', () => {
    const { store } = storeWith({ maxTenants: 4 }, ['k']);
    touch(store, 'a', 'k', 'b', 'c', 'a');
    const snap = JSON.parse(JSON.stringify(snapshotStore(store)));
    expect(snap.pinned).toEqual(['k']);
    expect(snap.tenants.map((t: any) => t.token)).toEqual(['k', 'b', 'c', 'a']);
    expect(snap.tenants.some((t: any) => 'lastUsedMs' in t)).toBe(false);

    const restored = storeWith({ maxTenants: 4 }).store;
    roundTrip(store, restored);
    expect([...restored.pinned]).toEqual(['k']);
    touch(restored, 'd', 'e');
    expect(live(restored)).toEqual(['a', 'd', 'e', 'k']);
  });

  it('pin every tenant of a snapshot without a pinned list (written by hand or by an older ordermock)', () => {
    const { store } = storeWith({});
    touch(store, 'a', 'b');
    const { pinned: _, ...legacy } = JSON.parse(JSON.stringify(snapshotStore(store)));
    const restored = storeWith({ maxTenants: 2 }).store;
    restoreStore(restored, legacy);
    expect(tenantCounts(restored)).toEqual({ live: 2, pinned: 2, evicted: 0 });
    expect(() => tenantFor(restored, 'c')).toThrow(LimitReached);
  });

  it('count restored tenants as used now, under this store’s caps and keep tokens', () => {
    const old = storeWith({ maxJournal: 1000 });
    touch(old.store, 'a', 'b', 'kept');
    const restored = storeWith({ tenantTtlMs: 1000, maxOutbox: 5, maxJournal: 7 }, ['kept']);
    restored.clock.now = old.clock.now + 10 * 86_400_000;
    roundTrip(old.store, restored.store);
    const a = restored.store.tenants.get('a')!;
    expect(a.lastUsedMs).toBe(restored.clock.now);
    expect([a.outbox.capacity, a.journal.capacity]).toEqual([5, 7]);
    expect(tenantCounts(restored.store)).toEqual({ live: 3, pinned: 1, evicted: 0 });
    restored.clock.now += 1000;
    expect(live(restored.store)).toEqual(['a', 'b', 'kept']);
    // `b`, restored last, is the newest: only `a` has been idle for the TTL.
    expect(tenantCounts(restored.store)).toEqual({ live: 2, pinned: 1, evicted: 1 });
  });

  it('refuse a pinned list that is not a list of tokens', () => {
    const snap = { ...snapshotStore(createTenantStore()), pinned: [1] };
    expect(() => restoreStore(createTenantStore(), snap)).toThrow(/pinned/);
  });
});

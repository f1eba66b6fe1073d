import type { Tenant, TenantStore, World } from './tenants.js';

/** The whole state as JSON: what the admin snapshot returns and the state file holds. */
export type Snapshot = { format: 'ordermock-state'; version: 1; seed: string; tenants: unknown[] };

const encodeWorld = (world: World) =>
  Object.fromEntries(Object.entries(world).map(([key, value]) => [key, value instanceof Map ? { map: [...value.entries()] } : value]));

const decodeWorld = (raw: Record<string, any>): World =>
  Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, value && Array.isArray(value.map) ? new Map(value.map) : value])) as World;

export function snapshotStore(store: TenantStore): Snapshot {
  return {
    format: 'ordermock-state',
    version: 1,
    seed: store.seed,
    tenants: [...store.tenants.values()].map((t) => ({
      ...t,
      worlds: Object.fromEntries(Object.entries(t.worlds).map(([api, world]) => [api, encodeWorld(world)])),
    })),
  };
}

export class ForeignSnapshot extends Error {
  override name = 'ForeignSnapshot';
}

/** Replaces the store's tenants with a snapshot's; throws ForeignSnapshot for anything else. */
export function restoreStore(store: TenantStore, input: unknown): number {
  const snap = input as Snapshot;
  if (!snap || snap.format !== 'ordermock-state' || snap.version !== 1 || !Array.isArray(snap.tenants)) {
    throw new ForeignSnapshot('not an ordermock state snapshot (expected format "ordermock-state", version 1)');
  }
  const tenants = new Map<string, Tenant>();
  for (const raw of snap.tenants as any[]) {
    if (!raw || typeof raw.token !== 'string' || typeof raw.worlds !== 'object' || !raw.clock || !raw.outbox || !raw.journal || !raw.faults) {
      throw new ForeignSnapshot('snapshot tenant is missing token, worlds, clock, outbox, journal or faults');
    }
    const worlds = Object.fromEntries(Object.entries<any>(raw.worlds).map(([api, world]) => [api, decodeWorld(world)]));
    tenants.set(raw.token, { ...raw, worlds });
  }
  store.tenants = tenants;
  store.seed = typeof snap.seed === 'string' ? snap.seed : store.seed;
  store.version++;
  return tenants.size;
}

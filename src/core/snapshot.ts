import { packedParts } from './idle-packing.js';
import { tenantProblem, type WorldCheck } from './snapshot-check.js';
import { replaceTenants, savedTenant, tenantsByRecency, type Tenant, type TenantStore } from './tenants.js';
import { decodeWorld, decodeWorlds, encodeWorlds } from './world-codec.js';

/**
 * The whole state as JSON: what the admin snapshot returns and the state file holds. `pinned`
 * lists the tokens whose tenants are never evicted; a snapshot without it (written by hand or by
 * an older ordermock) pins every tenant it holds.
 */
export type Snapshot = { format: 'ordermock-state'; version: 1; seed: string; pinned?: string[]; tenants: unknown[] };

export function snapshotStore(store: TenantStore): Snapshot {
  return {
    format: 'ordermock-state',
    version: 1,
    seed: store.seed,
    pinned: [...store.pinned].filter((token) => store.tenants.has(token)),
    // Least recently used first, so a restore evicts in the same order.
    tenants: tenantsByRecency(store).map((tenant) => {
      const { worlds, outbox, journal } = tenant.packed ? packedParts(tenant.packed, store.packer!) : tenant;
      return { ...savedTenant(tenant), outbox, journal, worlds: encodeWorlds(worlds) };
    }),
  };
}

export class ForeignSnapshot extends Error {
  override name = 'ForeignSnapshot';
}

/** Replaces the store's tenants with a snapshot's; throws ForeignSnapshot for anything else. */
export function restoreStore(store: TenantStore, input: unknown, checkWorld?: WorldCheck): number {
  const snap = input as Snapshot;
  if (!snap || snap.format !== 'ordermock-state' || snap.version !== 1 || !Array.isArray(snap.tenants)) {
    throw new ForeignSnapshot('not an ordermock state snapshot (expected format "ordermock-state", version 1)');
  }
  // The caps hold for restored state too (a 400, as the admin spec declares for restore, not a 429).
  const { maxTenants, maxOrders } = store.limits;
  if (snap.tenants.length > maxTenants) throw new ForeignSnapshot(`snapshot holds ${snap.tenants.length} tenants, over the limit of ${maxTenants} (--max-tenants)`);
  if (snap.pinned !== undefined && !(Array.isArray(snap.pinned) && snap.pinned.every((t) => typeof t === 'string'))) {
    throw new ForeignSnapshot('not a restorable ordermock snapshot: pinned must be a list of tokens');
  }
  const tenants = new Map<string, Tenant>();
  for (const raw of snap.tenants as any[]) {
    // Checked before anything is replaced: a snapshot that restores must not crash later requests.
    const problem = tenantProblem(raw, decodeWorld, checkWorld);
    if (problem) throw new ForeignSnapshot(`not a restorable ordermock snapshot: ${problem}`);
    const worlds = decodeWorlds(raw.worlds);
    const crowded = Object.keys(worlds).find((api) => worlds[api]!.orders.size > maxOrders);
    if (crowded) throw new ForeignSnapshot(`snapshot tenant has more ${crowded} orders than the limit of ${maxOrders} (--max-orders)`);
    tenants.set(raw.token, { ...raw, worlds });
  }
  replaceTenants(store, [...tenants.values()], snap.pinned ?? tenants.keys());
  store.seed = typeof snap.seed === 'string' ? snap.seed : store.seed;
  return tenants.size;
}

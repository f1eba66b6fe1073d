import { checkRestoredWorld } from '../apis/engine.js';
import { createJournal } from '../core/journal.js';
import { createOutbox } from '../core/outbox.js';
import { restoreStore, snapshotStore } from '../core/snapshot.js';
import type { WorldCheck } from '../core/snapshot-check.js';
import { resetTenants, storedLogs, sweepIdleTenants, tenantCounts, type TenantStore } from '../core/tenants.js';
import { summarizeTenant, type StateStore } from './types.js';

/** The store of one process: every step runs synchronously on `tenants`, the embedded default and the fastest. */
export type MemoryStore = StateStore & { kind: 'memory'; tenants: TenantStore };

/** `checkWorld` vets the worlds of a restored snapshot (by default the engine's check that an API can serve them). */
export function createMemoryStore(tenants: TenantStore, checkWorld: WorldCheck = checkRestoredWorld): MemoryStore {
  return {
    kind: 'memory',
    tenants,
    get limits() {
      return tenants.limits;
    },
    run: (_token, work) => work(tenants),
    outboxOf: (token) => storedLogs(tenants, token)?.outbox ?? createOutbox(tenants.limits.maxOutbox),
    journalOf: (token) => storedLogs(tenants, token)?.journal ?? createJournal(tenants.limits.maxJournal),
    listTenants: () => {
      sweepIdleTenants(tenants);
      return [...tenants.tenants.values()].map((t) => summarizeTenant(t, tenants.pinned.has(t.token)));
    },
    counts: () => tenantCounts(tenants),
    reset: (token) => resetTenants(tenants, token),
    snapshot: () => snapshotStore(tenants),
    restore: (input) => restoreStore(tenants, input, checkWorld),
    close: async () => {},
  };
}

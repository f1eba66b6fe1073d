import { orderCount } from '../core/idle-packing.js';
import type { Journal } from '../core/journal.js';
import type { Outbox } from '../core/outbox.js';
import type { Snapshot } from '../core/snapshot.js';
import type { Limits, Tenant, TenantStore } from '../core/tenants.js';

/**
 * A value now (the memory store) or later (Redis). The memory store answers synchronously, so the
 * request pipeline awaits only when a store actually makes it wait.
 */
export type Maybe<T> = T | Promise<T>;

/** Applies `next` to a Maybe without turning a value that is already there into a promise. */
export const whenReady = <T, R>(value: Maybe<T>, next: (value: T) => Maybe<R>): Maybe<R> =>
  value instanceof Promise ? value.then(next) : next(value);

export type TenantSummary = { token: string; apis: string[]; orders: number; pinned: boolean };

export const summarizeTenant = (tenant: Tenant, pinned: boolean): TenantSummary => ({
  token: tenant.token,
  apis: tenant.packed?.apis ?? Object.keys(tenant.worlds),
  orders: tenant.packed?.orders ?? orderCount(tenant),
  pinned,
});

/** Live tenants (pinned among them) and how many were evicted so far, for the health check. */
export type TenantCounts = { live: number; pinned: number; evicted: number };

/**
 * Where tenants live. The engine and the handlers work on an in-memory `TenantStore` either way:
 * the memory store's own, or (Redis) this instance's cached copy of the tenant, checked against
 * the shared one when the step commits.
 */
export type StateStore = {
  readonly kind: 'memory' | 'redis';
  readonly limits: Limits;
  /**
   * Runs `work` on the state as one atomic step for `token`'s tenant. `work` is synchronous and,
   * with Redis, may run again after a conflict, so its only effects must be on the state it is given.
   * Rejects (or throws) LimitReached for a tenant past `maxTenants`, StoreUnavailable when the
   * store cannot be reached; then nothing of the step was applied.
   */
  run<T>(token: string, work: (state: TenantStore) => T): Maybe<T>;
  /** The tenant's outbox and journal, oldest first (empty for a tenant that does not exist). */
  outboxOf(token: string): Maybe<Outbox>;
  journalOf(token: string): Maybe<Journal>;
  /** Every live tenant (idle ones past the TTL are gone first). */
  listTenants(): Maybe<TenantSummary[]>;
  counts(): Maybe<TenantCounts>;
  /** Forgets one tenant, pinned or not (or all); answers how many were forgotten. */
  reset(token?: string): Maybe<number>;
  snapshot(): Maybe<Snapshot>;
  /** Replaces every tenant with a snapshot's; throws ForeignSnapshot for anything else. */
  restore(input: unknown): Maybe<number>;
  close(): Promise<void>;
};

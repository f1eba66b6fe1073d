import { checkRestoredWorld, enterTenant, worldOf } from '../apis/engine.js';
import { API_MODULES } from '../apis/registry.js';
import type { Reply } from '../apis/types.js';
import { advanceClock, freezeClock, isRfc3339Time, nowIso, nowMs } from '../core/clock.js';
import { LimitReached, NotFound, ValidationFailed } from '../core/errors.js';
import { addFaultRule, removeFaultRule, type FaultRule } from '../core/faults.js';
import { droppedEntries, keptEntries } from '../core/bounded-log.js';
import { journalSince, type JournalEntry } from '../core/journal.js';
import { restoreStore, snapshotStore } from '../core/snapshot.js';
import { dropTenant, putOrder, resetTenants, sweepIdleTenants, tenantCounts, type Tenant, type TenantStore } from '../core/tenants.js';
import { loadSpec, packageVersion, type ApiName } from '../spec/load.js';
import { indexOperations } from '../spec/operations.js';
import { createSchemaCompiler, describeViolation } from '../spec/schemas.js';
import type { MockOptions } from './options.js';
import { declaresStatus } from './replies.js';

export type AdminContext = {
  store: TenantStore;
  options: MockOptions;
  token: string;
  /** The tenant the request's Authorization header names (provisioned on first use). */
  tenant(): Tenant;
  params: Record<string, any>;
  body: any;
  startedAt: number;
};

export type AdminHandler = (ctx: AdminContext) => Reply;

const ok = (body: unknown, status = 200): Reply => ({ status, body });

const VERSION = packageVersion();

/** Each API's Order schema, compiled on first seed (not at start-up), so seeded overrides can never break the API's spec. */
const orderValidators: Partial<Record<ApiName, ReturnType<ReturnType<typeof createSchemaCompiler>['named']>>> = {};
const orderValidator = (api: ApiName) => (orderValidators[api] ??= createSchemaCompiler(api, loadSpec(api)).named('Order'));

const operationsOf = Object.fromEntries(Object.keys(API_MODULES).map((api) => [api, indexOperations(loadSpec(api as ApiName))]));

type SeedInput = { api: ApiName; status: string; id?: string | number; overrides?: Record<string, unknown>; count?: number };

/** Builds and stores orders in any state: what tests and Pact provider states call. */
export function seedOrders(store: TenantStore, tenant: Tenant, input: SeedInput): any[] {
  const module = API_MODULES[input.api];
  if (!module.machine.states.includes(input.status)) {
    throw new ValidationFailed('status', `must be one of: ${module.machine.states.join(', ')}`, 'body');
  }
  const count = input.count ?? 1;
  if (count > 1 && input.id !== undefined) throw new ValidationFailed('id', 'must be absent when count > 1', 'body');
  const world = worldOf(tenant, input.api);
  // All or nothing: a seed that would pass --max-orders stores none of its orders.
  const growth = input.id !== undefined && world.orders.has(String(input.id)) ? 0 : count;
  if (world.orders.size + growth > store.limits.maxOrders) throw new LimitReached('orders', store.limits.maxOrders);
  const validate = orderValidator(input.api);
  const now = nowIso(tenant.clock);
  const created: any[] = [];
  const batch = count > 1 ? {} : undefined;
  let first: object | undefined;
  for (let i = 0; i < count; i++) {
    const order = module.seedOrder(world, { status: input.status, id: input.id, overrides: input.overrides ?? {}, batch }, now, world.seed);
    if (!validate(order)) {
      const { field, message } = describeViolation(validate.errors![0]!);
      throw new ValidationFailed(`overrides.${field}`, message, 'body');
    }
    // A bulk seed's orders are kept as their differences from its first (core/packed-orders.ts).
    putOrder(store, world, order, first);
    first ??= order;
    if (created.length < 100) created.push(order);
  }
  return created;
}

function clockView(tenant: Tenant) {
  return {
    now: nowIso(tenant.clock),
    offset_ms: tenant.clock.offsetMs,
    frozen: tenant.clock.frozenAt !== null,
    pending: tenant.clock.tasks.map((t) => ({ due_at: new Date(t.dueAt).toISOString(), kind: t.kind, data: t.data })),
  };
}

/** operationId → handler, for every operation in openapi/admin.yaml. */
export const adminHandlers: Record<string, AdminHandler> = {
  getHealth: (ctx) =>
    ok({ status: 'ok', version: VERSION, apis: ctx.options.apis, uptime_ms: Math.round(performance.now() - ctx.startedAt), tenants: tenantCounts(ctx.store) }),

  resetState: (ctx) => ok({ reset: resetTenants(ctx.store, ctx.params.scope === 'all' ? undefined : ctx.token) }),

  deleteTenant: (ctx) => ok({ deleted: dropTenant(ctx.store, ctx.token) }),

  listTenants: (ctx) => {
    sweepIdleTenants(ctx.store);
    return ok({
      tenants: [...ctx.store.tenants.values()].map((t) => ({
        token: t.token,
        apis: Object.keys(t.worlds),
        orders: Object.values(t.worlds).reduce((n, w) => n + w.orders.size, 0),
        pinned: ctx.store.pinned.has(t.token),
      })),
    });
  },

  listOrders: (ctx) => {
    const orders = [...worldOf(ctx.tenant(), ctx.params.api).orders.values()].filter((o) => !ctx.params.status || o.status === ctx.params.status);
    return ok({ total: orders.length, orders: orders.slice(0, ctx.params.limit ?? 100) });
  },

  getOrder: (ctx) => {
    const order = worldOf(ctx.tenant(), ctx.params.api).orders.get(String(ctx.params.order_id));
    if (!order) throw new NotFound('order', String(ctx.params.order_id), 'order_id');
    return ok(order);
  },

  seedOrders: (ctx) => {
    const orders = seedOrders(ctx.store, ctx.tenant(), { api: ctx.params.api, ...ctx.body });
    return ok({ created: ctx.body.count ?? 1, orders }, 201);
  },

  getOutbox: (ctx) => {
    const { api, order_id, type } = ctx.params;
    const { outbox } = ctx.tenant();
    const entries = keptEntries(outbox).filter((e) => (!api || e.api === api) && (!order_id || e.order_id === String(order_id)) && (!type || e.type === type));
    return ok({ entries, dropped: droppedEntries(outbox) });
  },

  getJournal: (ctx) => {
    const { journal } = ctx.tenant();
    return ok({ entries: journalSince(journal, ctx.params.since, ctx.params.limit).map(withBodies), last_id: journal.nextId - 1, dropped: droppedEntries(journal) });
  },

  countOrders: (ctx) => {
    const tenant = ctx.tenant();
    const apis = Object.fromEntries(
      ctx.options.apis.map((api) => {
        const counts: Record<string, number> = Object.fromEntries(API_MODULES[api].machine.states.map((state) => [state, 0]));
        for (const order of worldOf(tenant, api).orders.values()) counts[order.status] = (counts[order.status] ?? 0) + 1;
        return [api, counts];
      }),
    );
    return ok({ apis });
  },

  getClock: (ctx) => ok(clockView(ctx.tenant())),

  setClock: (ctx) => {
    const tenant = ctx.tenant();
    // Checked before anything moves: past year 9999 every timestamp the tenant answers would break the specs.
    const from = ctx.body.freeze_at === undefined ? nowMs(tenant.clock) : ctx.body.freeze_at === null ? Date.now() : Date.parse(ctx.body.freeze_at);
    if (!isRfc3339Time(from + (ctx.body.advance_ms ?? 0))) throw new ValidationFailed('advance_ms', 'would move the clock past 9999-12-31T23:59:59.999Z', 'body');
    if (ctx.body.freeze_at !== undefined) freezeClock(tenant.clock, ctx.body.freeze_at === null ? null : Date.parse(ctx.body.freeze_at));
    if (ctx.body.advance_ms) advanceClock(tenant.clock, ctx.body.advance_ms);
    // Settle what became due now rather than on the tenant's next request.
    enterTenant(ctx.store, ctx.token);
    ctx.store.version++;
    return ok(clockView(tenant));
  },

  listFaults: (ctx) => ok({ faults: ctx.tenant().faults.rules.map(faultView) }),

  addFault: (ctx) => {
    const { delay_ms, ...rest } = ctx.body as Omit<FaultRule, 'id' | 'delayMs'> & { delay_ms?: number };
    if (rest.status !== undefined) {
      const candidates = operationsOf[rest.api ?? '']?.filter((op) => !rest.operationId || op.operationId === rest.operationId) ?? [];
      // Without an api the rule can hit any operation; every one declares every 5xx (500, 503, and
      // `default` for the rest; admin's 5XX), so only those are safe.
      const declared = candidates.length ? candidates.every((op) => declaresStatus(op, rest.status!)) : rest.status >= 500;
      if (!declared) throw new ValidationFailed('status', `is not declared by every operation the rule matches, so the reply would break the spec`, 'body');
    }
    const rule = addFaultRule(ctx.tenant().faults, { ...rest, ...(delay_ms !== undefined ? { delayMs: delay_ms } : {}) });
    ctx.store.version++;
    return ok(faultView(rule), 201);
  },

  deleteFaults: (ctx) => ok({ removed: removeFaultRule(ctx.tenant().faults, ctx.params.id) }),

  getSnapshot: (ctx) => ok(snapshotStore(ctx.store)),

  restoreSnapshot: (ctx) => ok({ tenants: restoreStore(ctx.store, ctx.body, checkRestoredWorld) }),

  setProviderState: (ctx) => {
    const { action = 'setup', params = {} } = ctx.body as { action?: string; params?: Record<string, any> };
    if (action !== 'setup' || !params.api || !params.status) return ok({ result: {} });
    const tenant = enterTenant(ctx.store, String(params.token ?? ctx.token));
    const [order] = seedOrders(ctx.store, tenant, { api: params.api, status: params.status, id: params.id, overrides: params.overrides });
    return ok({ result: { id: order.id, status: order.status } });
  },
};

/** Entries restored from a snapshot taken before the journal kept bodies lack those fields. */
const withBodies = (entry: JournalEntry): JournalEntry =>
  entry.error_code !== undefined ? entry : { ...entry, request_body: null, response_body: null, error_code: null };

function faultView(rule: FaultRule) {
  const { delayMs, ...rest } = rule;
  return delayMs === undefined ? rest : { ...rest, delay_ms: delayMs };
}

import { settleDueTasks, worldOf } from '../apis/engine.js';
import { API_MODULES } from '../apis/registry.js';
import type { Reply } from '../apis/types.js';
import { advanceClock, freezeClock, isRfc3339Time, nowIso, nowMs } from '../core/clock.js';
import { LimitReached, NotFound, ValidationFailed } from '../core/errors.js';
import { addFaultRule, removeFaultRule, type FaultRule } from '../core/faults.js';
import { droppedEntries, keptEntries } from '../core/bounded-log.js';
import { journalSince, type JournalEntry } from '../core/journal.js';
import { putOrder, type Tenant, type TenantStore } from '../core/tenants.js';
import { whenReady, type Maybe, type StateStore } from '../store/types.js';
import { loadSpec, packageVersion, type ApiName } from '../spec/load.js';
import { indexOperations } from '../spec/operations.js';
import { createSchemaCompiler, describeViolation } from '../spec/schemas.js';
import type { MockOptions } from './options.js';
import { declaresStatus } from './replies.js';

export type AdminContext = {
  store: StateStore;
  options: MockOptions;
  token: string;
  /**
   * Runs `work` as one step of the store on the tenant the request's Authorization header names
   * (or `token`'s), provisioned on first use and with its due settles applied.
   */
  inTenant<T>(work: (tenant: Tenant, state: TenantStore) => T, token?: string): Maybe<T>;
  params: Record<string, any>;
  body: any;
  startedAt: number;
};

export type AdminHandler = (ctx: AdminContext) => Maybe<Reply>;

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

/** The tenant's log (outbox or journal) as the store holds it, once the tenant is provisioned and settled. */
const logOf = <T>(ctx: AdminContext, read: (token: string) => Maybe<T>): Maybe<T> => whenReady(ctx.inTenant(() => undefined), () => read(ctx.token));

/** operationId → handler, for every operation in openapi/admin.yaml. */
export const adminHandlers: Record<string, AdminHandler> = {
  getHealth: (ctx) =>
    whenReady(ctx.store.counts(), (tenants) => ok({ status: 'ok', version: VERSION, apis: ctx.options.apis, uptime_ms: Math.round(performance.now() - ctx.startedAt), tenants })),

  resetState: (ctx) => whenReady(ctx.store.reset(ctx.params.scope === 'all' ? undefined : ctx.token), (reset) => ok({ reset })),

  deleteTenant: (ctx) => whenReady(ctx.store.reset(ctx.token), (deleted) => ok({ deleted: deleted > 0 })),

  listTenants: (ctx) => whenReady(ctx.store.listTenants(), (tenants) => ok({ tenants })),

  listOrders: (ctx) =>
    ctx.inTenant((tenant) => {
      const orders = [...worldOf(tenant, ctx.params.api).orders.values()].filter((o) => !ctx.params.status || o.status === ctx.params.status);
      return ok({ total: orders.length, orders: orders.slice(0, ctx.params.limit ?? 100) });
    }),

  getOrder: (ctx) =>
    ctx.inTenant((tenant) => {
      const order = worldOf(tenant, ctx.params.api).orders.get(String(ctx.params.order_id));
      if (!order) throw new NotFound('order', String(ctx.params.order_id), 'order_id');
      return ok(order);
    }),

  seedOrders: (ctx) =>
    ctx.inTenant((tenant, state) => {
      const orders = seedOrders(state, tenant, { api: ctx.params.api, ...ctx.body });
      return ok({ created: ctx.body.count ?? 1, orders }, 201);
    }),

  getOutbox: (ctx) =>
    whenReady(logOf(ctx, ctx.store.outboxOf), (outbox) => {
      const { api, order_id, type } = ctx.params;
      const entries = keptEntries(outbox).filter((e) => (!api || e.api === api) && (!order_id || e.order_id === String(order_id)) && (!type || e.type === type));
      return ok({ entries, dropped: droppedEntries(outbox) });
    }),

  getJournal: (ctx) =>
    whenReady(logOf(ctx, ctx.store.journalOf), (journal) =>
      ok({ entries: journalSince(journal, ctx.params.since, ctx.params.limit).map(withBodies), last_id: journal.nextId - 1, dropped: droppedEntries(journal) }),
    ),

  countOrders: (ctx) =>
    ctx.inTenant((tenant) => {
      const apis = Object.fromEntries(
        ctx.options.apis.map((api) => {
          const counts: Record<string, number> = Object.fromEntries(API_MODULES[api].machine.states.map((state) => [state, 0]));
          for (const order of worldOf(tenant, api).orders.values()) counts[order.status] = (counts[order.status] ?? 0) + 1;
          return [api, counts];
        }),
      );
      return ok({ apis });
    }),

  getClock: (ctx) => ctx.inTenant((tenant) => ok(clockView(tenant))),

  setClock: (ctx) =>
    ctx.inTenant((tenant, state) => {
      // Checked before anything moves: past year 9999 every timestamp the tenant answers would break the specs.
      const from = ctx.body.freeze_at === undefined ? nowMs(tenant.clock) : ctx.body.freeze_at === null ? Date.now() : Date.parse(ctx.body.freeze_at);
      if (!isRfc3339Time(from + (ctx.body.advance_ms ?? 0))) throw new ValidationFailed('advance_ms', 'would move the clock past 9999-12-31T23:59:59.999Z', 'body');
      if (ctx.body.freeze_at !== undefined) freezeClock(tenant.clock, ctx.body.freeze_at === null ? null : Date.parse(ctx.body.freeze_at));
      if (ctx.body.advance_ms) advanceClock(tenant.clock, ctx.body.advance_ms);
      // Settle what became due now rather than on the tenant's next request.
      settleDueTasks(state, tenant);
      state.version++;
      return ok(clockView(tenant));
    }),

  listFaults: (ctx) => ctx.inTenant((tenant) => ok({ faults: tenant.faults.rules.map(faultView) })),

  addFault: (ctx) => {
    const { delay_ms, ...rest } = ctx.body as Omit<FaultRule, 'id' | 'delayMs'> & { delay_ms?: number };
    if (rest.status !== undefined) {
      const candidates = operationsOf[rest.api ?? '']?.filter((op) => !rest.operationId || op.operationId === rest.operationId) ?? [];
      // Without an api the rule can hit any operation; every one declares every 5xx (500, 503, and
      // `default` for the rest; admin's 5XX), so only those are safe.
      const declared = candidates.length ? candidates.every((op) => declaresStatus(op, rest.status!)) : rest.status >= 500;
      if (!declared) throw new ValidationFailed('status', `is not declared by every operation the rule matches, so the reply would break the spec`, 'body');
    }
    return ctx.inTenant((tenant, state) => {
      const rule = addFaultRule(tenant.faults, { ...rest, ...(delay_ms !== undefined ? { delayMs: delay_ms } : {}) });
      state.version++;
      return ok(faultView(rule), 201);
    });
  },

  deleteFaults: (ctx) => ctx.inTenant((tenant) => ok({ removed: removeFaultRule(tenant.faults, ctx.params.id) })),

  getSnapshot: (ctx) => whenReady(ctx.store.snapshot(), (snapshot) => ok(snapshot)),

  restoreSnapshot: (ctx) => whenReady(ctx.store.restore(ctx.body), (tenants) => ok({ tenants })),

  setProviderState: (ctx) => {
    const { action = 'setup', params = {} } = ctx.body as { action?: string; params?: Record<string, any> };
    if (action !== 'setup' || !params.api || !params.status) return ok({ result: {} });
    return ctx.inTenant((tenant, state) => {
      const [order] = seedOrders(state, tenant, { api: params.api, status: params.status, id: params.id, overrides: params.overrides });
      return ok({ result: { id: order.id, status: order.status } });
    }, String(params.token ?? ctx.token));
  },
};

/** Entries restored from a snapshot taken before the journal kept bodies lack those fields. */
const withBodies = (entry: JournalEntry): JournalEntry =>
  entry.error_code !== undefined ? entry : { ...entry, request_body: null, response_body: null, error_code: null };

function faultView(rule: FaultRule) {
  const { delayMs, ...rest } = rule;
  return delayMs === undefined ? rest : { ...rest, delay_ms: delayMs };
}

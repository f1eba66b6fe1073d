import { nowIso, schedule, takeDueTasks } from '../core/clock.js';
import { NotFound } from '../core/errors.js';
import { recordEffect } from '../core/outbox.js';
import type { WorldCheck } from '../core/snapshot-check.js';
import { putOrder, tenantFor, worldFor, type Tenant, type TenantStore, type World } from '../core/tenants.js';
import { applyTransition, type StatefulOrder } from '../core/transitions.js';
import type { ApiName } from '../spec/load.js';
import { API_MODULES } from './registry.js';
import type { HandlerContext } from './types.js';

/** The tenant's world for an API, provisioned from its fixtures on first use. */
export const worldOf = (tenant: Tenant, api: ApiName): World =>
  worldFor(tenant, api, (seed) => API_MODULES[api].provision(seed, nowIso(tenant.clock)));

/**
 * Applies the `settle` transitions whose time has come on the tenant's virtual clock (sFOX's
 * `cancel pending` → `canceled`). Runs whenever a tenant is touched, so no timer is needed.
 */
export function settleDueTasks(store: TenantStore, tenant: Tenant): void {
  for (const task of takeDueTasks(tenant.clock)) {
    const { api, order_id: orderId, to, expect } = task.data as { api: ApiName; order_id: string; to: string; expect: string };
    const world = tenant.worlds[api];
    const order = world?.orders.get(orderId);
    // Only if nothing moved the order meanwhile (a reset, or an admin seed over it).
    if (!world || !order || order.status !== expect) continue;
    const at = new Date(task.dueAt).toISOString();
    world.orders.set(orderId, { ...order, status: to, ...('updated_at' in order ? { updated_at: at } : {}) });
    recordEffect(tenant.outbox, { at, api, order_id: orderId, type: 'settle', data: { from: expect, to } });
    store.version++;
  }
}

/** Each API's fresh world, built once: its keys and their kinds are what a restored world must have. */
const freshWorlds = new Map<ApiName, World>();

/** For restores (admin snapshot, state file): a world must hold every collection a fresh one of its API has. */
export const checkRestoredWorld: WorldCheck = (api, world) => {
  if (!Object.hasOwn(API_MODULES, api)) return 'is not an API ordermock serves';
  let fresh = freshWorlds.get(api as ApiName);
  if (!fresh) freshWorlds.set(api as ApiName, (fresh = API_MODULES[api as ApiName].provision(0, new Date(0).toISOString())));
  const missing = Object.keys(fresh).filter((key) => (fresh[key] instanceof Map) !== (world[key] instanceof Map) || typeof fresh[key] !== typeof world[key]);
  return missing.length ? `lacks ${missing.join(', ')}` : null;
};

/** Resolves the tenant for a token and brings its clock's due work up to date. */
export function enterTenant(store: TenantStore, token: string): Tenant {
  const tenant = tenantFor(store, token);
  settleDueTasks(store, tenant);
  return tenant;
}

/** Everything a handler needs for one validated request, wired to the tenant's state. */
export function handlerContext(
  store: TenantStore,
  tenant: Tenant,
  api: ApiName,
  operationId: string,
  params: Record<string, any>,
  body: unknown,
): HandlerContext {
  const module = API_MODULES[api];
  const world = worldOf(tenant, api);
  const now = nowIso(tenant.clock);
  const save = (order: StatefulOrder) => putOrder(store, world, order);
  return {
    api,
    operationId,
    store,
    tenant,
    world,
    now,
    params,
    body,
    save,
    findOrder(id, field) {
      const order = world.orders.get(String(id));
      if (!order) throw new NotFound('order', String(id), field);
      return order;
    },
    transition(order) {
      const op = module.machine.operations[operationId];
      if (!op) throw new Error(`${api}.${operationId} has no x-state-transitions`);
      // The module's checks and effects as they are, the world beside them: binding each to the
      // world here built a dozen closures per transition, a tenth of a pay's work.
      const result = applyTransition(order, op, {
        now,
        world,
        checks: module.checks,
        effects: module.effects,
        record: (type, o, data) => recordEffect(tenant.outbox, { at: now, api, order_id: String(o.id), type, data }),
        schedule: (afterMs, orderId, to, expect) => schedule(tenant.clock, afterMs, 'settle', { api, order_id: String(orderId), to, expect }),
      });
      save(result.order);
      return result;
    },
  };
}

/**
 * Stored orders are never changed in place: transitions build a shallow copy that shares nested
 * parts with the stored version, and reads keep each version's JSON text. Every transition of every
 * API's table runs here on deep-frozen orders, where any in-place change throws.
 */
import { describe, expect, it } from 'vitest';
import { enterTenant, handlerContext, worldOf } from '../../src/apis/engine.js';
import { API_MODULES } from '../../src/apis/registry.js';
import { PreconditionFailed } from '../../src/core/errors.js';
import { createTenantStore } from '../../src/core/tenants.js';
import { isAllowed } from '../../src/core/transitions.js';
import { API_NAMES } from '../../src/spec/load.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const deepCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe.each(API_NAMES)('%s transitions leave the stored order as it was', (api) => {
  const { machine, seedOrder } = API_MODULES[api];
  const operations = Object.keys(machine.operations);
  it.each(operations)('%s, from every state it accepts', (operationId) => {
    let ran = 0;
    for (const status of machine.states.filter((s) => isAllowed(machine, operationId, s))) {
      const store = createTenantStore('immutability');
      const tenant = enterTenant(store, `t-${operationId}-${status}`);
      const world = worldOf(tenant, api);
      const order = deepFreeze(seedOrder(world, { status, overrides: {} }, '2026-01-01T00:00:00.000Z', world.seed));
      world.orders.set(String(order.id), order);
      const before = deepCopy(order);
      const ctx = handlerContext(store, tenant, api, operationId, {}, undefined);
      try {
        const { order: next } = ctx.transition(order);
        expect(next).not.toBe(order);
        ran++;
      } catch (error) {
        // A failed pay precondition is a refusal, not a change; anything else (a TypeError from
        // writing into a frozen object) is the bug this test is for.
        if (!(error instanceof PreconditionFailed)) throw error;
      }
      expect(order).toEqual(before);
    }
    expect(ran).toBeGreaterThan(0);
  });
});

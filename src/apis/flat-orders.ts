import { nextSequence } from '../core/ids.js';
import type { World } from '../core/tenants.js';
import type { StatefulOrder } from '../core/transitions.js';
import type { ApiModule } from './types.js';

/**
 * The fixture world, seeding and start-up hints of an API whose orders are small flat records
 * keyed by a string id (sFOX, RetailOPS): fixtures are `id → status`, seeded orders get numbered
 * ids from `firstSeededId` on.
 */
export function flatOrders<S extends string>(
  fixtures: Record<string, S>,
  build: (id: string, status: S) => StatefulOrder,
  firstSeededId: number,
): Pick<ApiModule, 'provision' | 'seedOrder' | 'tryIt'> {
  return {
    provision(seed) {
      const world: World = { orders: new Map(), sequence: 0, seed };
      for (const [id, status] of Object.entries(fixtures)) world.orders.set(id, build(id, status));
      return world;
    },
    seedOrder(world, { status, id, overrides }) {
      const orderId = id === undefined ? String(firstSeededId + nextSequence(world)) : String(id);
      return { ...build(orderId, status as S), ...overrides, id: orderId, status };
    },
    tryIt: Object.entries(fixtures).map(([id, status]) => ({ label: `order ${status}`, value: id })),
  };
}

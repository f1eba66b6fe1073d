import { NotFound } from '../../core/errors.js';
import { loadSpec } from '../../spec/load.js';
import { readStateMachine } from '../../spec/state-machine.js';
import { bearerToken } from '../auth.js';
import type { ApiModule } from '../types.js';
import { errorReply } from './errors.js';
import { buildOrder, DOC_CUSTOMER_ID, DOC_SKU_ID, FIXTURE_ORDERS, inStatus, PRECONDITION_FIXTURES, provisionDirtyLemon, type DirtyLemonWorld, type Order } from './fixtures.js';
import { handlers } from './handlers.js';
import { checks, effects } from './lifecycle.js';
import { freezeParts, type SharedParts } from './shared-parts.js';

export const dirtylemon: ApiModule = {
  name: 'dirtylemon',
  tokenFrom: bearerToken,
  provision: provisionDirtyLemon,
  handlers,
  checks,
  effects,
  errorReply,
  seedOrder(world, { status, id, overrides, batch }, now) {
    const w = world as DirtyLemonWorld;
    const customerId = String(overrides.customer_id ?? DOC_CUSTOMER_ID);
    const customer = w.customers.get(customerId);
    if (!customer) throw new NotFound('customer', customerId, 'overrides.customer_id');
    // The orders of one bulk seed share the first one's line items and shipments (ids included).
    const shared = batch?.dirtylemon as SharedParts | undefined;
    const built = buildOrder(w, { id: id === undefined ? undefined : String(id), customer, items: [{ sku: w.skus.get(DOC_SKU_ID)!, quantity: 1 }], now, lineItems: shared?.line_items });
    const staged = shared ? { ...built, status: status as Order['status'], shipments: shared.shipments } : inStatus(built, status as Order['status']);
    if (batch && !shared) batch.dirtylemon = freezeParts(staged);
    return { ...staged, ...overrides, id: built.id, status };
  },
  tryIt: [
    { label: 'customer (document example)', value: DOC_CUSTOMER_ID },
    { label: 'SKU', value: DOC_SKU_ID },
    // `createdWithCoupon` → `created with coupon`: the keys name states, the banner speaks English.
    ...Object.entries(FIXTURE_ORDERS).map(([key, id]) => ({ label: `order ${key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`, value: id })),
    ...PRECONDITION_FIXTURES.map((f) => ({ label: `order failing ${f.check}`, value: f.orderId })),
  ],
  machine: readStateMachine(loadSpec('dirtylemon')),
};

import { NotFound } from '../../core/errors.js';
import type { Handler } from '../types.js';
import { buildOrder, type DirtyLemonWorld } from './fixtures.js';
import type { components } from '../../generated/dirtylemon.js';

type CreateOrderRequest = components['schemas']['CreateOrderRequest'];

/** Pay, cancel, fulfill and return differ only in their row of the spec's transition table. */
const transitionOrder: Handler = (ctx) => {
  const { order } = ctx.transition(ctx.findOrder(ctx.params.order_id, 'order_id'));
  return { status: 200, body: order };
};

/** operationId → handler: the whole Dirty Lemon surface. */
export const handlers: Record<string, Handler> = {
  retrieveOrder: (ctx) => ({ status: 200, body: ctx.findOrder(ctx.params.order_id, 'order_id') }),

  createOrder: (ctx) => {
    const world = ctx.world as DirtyLemonWorld;
    const customer = world.customers.get(ctx.params.customer_id);
    if (!customer) throw new NotFound('customer', ctx.params.customer_id, 'customer_id');
    const body = ctx.body as CreateOrderRequest;
    const items = body.line_items.map((item, i) => {
      const sku = world.skus.get(item.sku);
      if (!sku) throw new NotFound('sku', item.sku, `line_items[${i}].sku`);
      return { sku, quantity: item.quantity };
    });
    const order = buildOrder(world, { customer, items, coupon: body.coupon ?? null, now: ctx.now });
    ctx.save(order);
    return { status: 201, body: order };
  },

  payOrder: transitionOrder,
  cancelOrder: transitionOrder,
  fulfillOrder: transitionOrder,
  returnOrder: transitionOrder,
};

import type { World } from '../../core/tenants.js';
import { shipmentFor, type Customer, type DirtyLemonWorld, type Order } from './fixtures.js';

const customerOf = (order: Order, world: World): Customer | undefined => (world as DirtyLemonWorld).customers.get(order.customer_id);

// Deliberately plain: one @, a dot in the domain, no spaces — what a signup form would accept.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const filled = (text: string | null | undefined) => typeof text === 'string' && text.trim() !== '';

/** The document's pay conditions, by the names `x-preconditions` gives them. */
export const checks: Record<string, (order: Order, world: World) => boolean> = {
  customer_confirmed: (order, world) => customerOf(order, world)?.confirmed === true,
  customer_valid_email: (order, world) => EMAIL.test(customerOf(order, world)?.email ?? ''),
  customer_full_name: (order, world) => {
    const c = customerOf(order, world);
    return filled(c?.first_name) && filled(c?.last_name);
  },
  customer_shipping_address: (order, world) => {
    const a = customerOf(order, world)?.shipping_address;
    return Boolean(a && filled(a.street1) && filled(a.city) && filled(a.country) && filled(a.zip));
  },
};

const money = (order: Order) => ({ amount: order.total, currency: order.currency, customer_id: order.customer_id });

const email = (template: string) => (order: Order, _now: string, world: World) => ({
  to: customerOf(order, world)?.email ?? null,
  template,
  reference: order.reference,
});

/** The side effects the spec names on each transition, and what each leaves in the outbox. */
export const effects: Record<string, (draft: Order, now: string, world: World) => Record<string, unknown>> = {
  charge: (order) => money(order),
  refund: (order) => money(order),
  'shipments.create': (order, now, world) => {
    order.shipments = order.line_items.map((li) => shipmentFor(li, now));
    // Pay sets shipping from the customer unless it was set on creation (document, "Pay an order");
    // it belongs here because the shipments are what the address is for.
    const address = customerOf(order, world)?.shipping_address;
    if (!order.shipping && address) order.shipping = { ...address };
    return { labels: order.shipments.map((s) => s.label), shipping: order.shipping };
  },
  // The document's cancel example still lists the shipments, so they stay; the outbox says they were canceled.
  'shipments.cancel': (order) => ({ labels: order.shipments.map((s) => s.label) }),
  'email.confirmation': email('order_confirmation'),
  'email.cancelation': email('order_cancelation'),
};

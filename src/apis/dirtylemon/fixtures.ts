import { faker } from '@faker-js/faker/locale/en';
import { hashSeed, type World } from '../../core/tenants.js';
import { nextSequence, seededUuid, sequenceReference } from '../../core/ids.js';
import type { components } from '../../generated/dirtylemon.js';
import { NO_SHIPMENTS, sharedAddress, sharedDescription, skuSnapshot } from './shared-parts.js';

export type Order = components['schemas']['Order'];
export type Address = components['schemas']['Address'];
export type LineItem = components['schemas']['LineItem'];
export type Shipment = components['schemas']['Shipment'];

/** Customers are not part of the Orders document; the mock keeps what pay's preconditions need. */
export type Customer = {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  confirmed: boolean;
  shipping_address: Address | null;
};

export type Sku = { id: string; currency: string; price: number; unit: string; product: string };

export type DirtyLemonWorld = World & {
  orders: Map<string, Order>;
  customers: Map<string, Customer>;
  skus: Map<string, Sku>;
  /** How many references the world has handed out (see sequenceReference). */
  references: number;
};

/** The document's customer, address and SKU (002: Order object example). */
export const DOC_CUSTOMER_ID = '294e03d6-df4f-4ee1-94be-e334c420381a';
export const DOC_SKU_ID = '868137000115';
export const DOC_ADDRESS: Address = {
  company: null,
  street1: '1-60 CRÉMAZIE OUEST',
  street2: '',
  street3: null,
  city: 'QUEBEC',
  state: 'QC',
  country: 'CA',
  zip: 'G1R 1X3',
};

/** Fixed ids, listed in the README and the spec, present in every fresh tenant. */
export const FIXTURE_ORDERS = {
  created: '1526b746-6a39-4958-91bf-a80bba41cdc3',
  createdWithCoupon: '44024b51-742a-4598-8311-d9a629631987',
  paid: '00000000-0000-4000-a000-000000000002',
  canceled: '00000000-0000-4000-a000-000000000003',
  fulfilled: '00000000-0000-4000-a000-000000000004',
  returned: '00000000-0000-4000-a000-000000000005',
} as const;

/** One customer per pay precondition, each failing only that one, with a created order. */
export const PRECONDITION_FIXTURES = [
  { check: 'customer_confirmed', customerId: '00000000-0000-4000-b000-000000000001', orderId: '00000000-0000-4000-a000-000000000011' },
  { check: 'customer_valid_email', customerId: '00000000-0000-4000-b000-000000000002', orderId: '00000000-0000-4000-a000-000000000012' },
  { check: 'customer_full_name', customerId: '00000000-0000-4000-b000-000000000003', orderId: '00000000-0000-4000-a000-000000000013' },
  { check: 'customer_shipping_address', customerId: '00000000-0000-4000-b000-000000000004', orderId: '00000000-0000-4000-a000-000000000014' },
] as const;

const CATALOGUE: Omit<Sku, 'currency'>[] = [
  { id: DOC_SKU_ID, price: 6500, unit: 'six-pack', product: '[skin+hair]' },
  { id: '868137000108', price: 6500, unit: 'six-pack', product: '[sleep]' },
  { id: '868137000122', price: 6500, unit: 'six-pack', product: '[energy]' },
  { id: '868137000139', price: 6500, unit: 'six-pack', product: '[immunity]' },
  { id: '868137000146', price: 3900, unit: 'box', product: '[charcoal]' },
];

/** `1 six-pack of [skin+hair]`, `2 six-packs of [sleep]`: the document's description wording. */
export const describeLine = (sku: Sku, quantity: number): string =>
  `${quantity} ${sku.unit}${quantity === 1 ? '' : 's'} of ${sku.product}`;

// Fixture timestamps are fixed (the document's day), so a world depends only on its seed.
const FIXTURE_TIME = '2017-05-01T22:25:46.589Z';

export function lineItem(world: DirtyLemonWorld, sku: Sku, quantity: number, now: string, id?: string): LineItem {
  return {
    id: id ?? seededUuid(world.seed, nextSequence(world)),
    description: sharedDescription(sku, quantity, describeLine),
    amount: sku.price * quantity,
    quantity,
    sku: skuSnapshot(sku),
    created_at: now,
    updated_at: now,
  };
}

export function shipmentFor(item: LineItem, now: string): Shipment {
  return {
    label: item.description,
    carrier: null,
    tracking_number: null,
    tracking_url: null,
    tracking_status: null,
    tracking_status_at: null,
    eta: null,
    created_at: now,
    updated_at: now,
  };
}

/** A reference no other order of the world has: 6 hex characters, like the document's `6f324c`. */
export const uniqueReference = (world: DirtyLemonWorld): string => sequenceReference(world.seed, world.references++);

export type OrderDraft = {
  id?: string;
  customer: Customer;
  items: { sku: Sku; quantity: number }[];
  coupon?: string | null;
  now: string;
  /** Line items to use as they are instead of building them from `items` (a bulk seed's shared ones). */
  lineItems?: LineItem[];
};

/** A created order, totals computed the way the document's examples show (coupon recorded only). */
export function buildOrder(world: DirtyLemonWorld, draft: OrderDraft): Order {
  const id = draft.id ?? seededUuid(world.seed, nextSequence(world));
  const line_items = draft.lineItems ?? draft.items.map(({ sku, quantity }) => lineItem(world, sku, quantity, draft.now));
  const subtotal = line_items.reduce((sum, li) => sum + li.amount, 0);
  const tax = 0;
  const shipping_fee = 0;
  return {
    id,
    customer_id: draft.customer.id,
    reference: uniqueReference(world),
    status: 'created',
    currency: line_items[0]?.sku.currency ?? 'usd',
    tax,
    shipping_fee,
    total: subtotal + tax + shipping_fee,
    preordered: false,
    coupon_id: draft.coupon ?? null,
    shipping: draft.customer.shipping_address ? sharedAddress(draft.customer.shipping_address) : null,
    line_items,
    shipments: NO_SHIPMENTS,
    created_at: draft.now,
    updated_at: draft.now,
  };
}

/** Moves a built order into `status` along the lifecycle, with the shipments that state implies. */
export function inStatus(order: Order, status: Order['status']): Order {
  const shipped = status === 'paid' || status === 'fulfilled' || status === 'returned' || status === 'canceled';
  return { ...order, status, shipments: shipped ? order.line_items.map((li) => shipmentFor(li, order.updated_at)) : NO_SHIPMENTS };
}

/** A generated person: what a fixture customer takes from faker. Frozen, as every world shares it. */
type Person = Readonly<Pick<Customer, 'email' | 'first_name' | 'last_name'> & { shipping_address: Address }>;

/**
 * The people fixture customers are drawn from, generated once each (on first use) and shared by
 * every world. Running faker per world cost ~70 µs and ~90 KB of garbage for each new token — a
 * fifth of all allocation under a stream of new tokens — where a world only needs customers that
 * stay the same for its token and vary between tokens.
 */
const PEOPLE = 256;
const people: Person[] = [];

function person(slot: number): Person {
  let generated = people[slot];
  if (!generated) {
    faker.seed(slot);
    const first_name = faker.person.firstName();
    const last_name = faker.person.lastName();
    const shipping_address = Object.freeze({
      company: null,
      street1: faker.location.streetAddress(),
      street2: '',
      street3: null,
      city: faker.location.city(),
      state: faker.location.state({ abbreviated: true }),
      country: 'US',
      zip: faker.location.zipCode('#####'),
    });
    const email = faker.internet.email({ firstName: first_name, lastName: last_name }).toLowerCase();
    people[slot] = generated = Object.freeze({ email, first_name, last_name, shipping_address });
  }
  return generated;
}

/** The world's `index`th customer: a person picked by the world's seed. */
function generatedCustomer(seed: number, index: number, id: string, patch: Partial<Customer> = {}): Customer {
  const { email, first_name, last_name, shipping_address } = person(hashSeed(`${seed}:customer:${index}`) % PEOPLE);
  return { id, email, first_name, last_name, confirmed: true, shipping_address, ...patch };
}

/** The document's address, one frozen copy for every world's document customer. */
const DOC_SHIPPING_ADDRESS: Address = Object.freeze({ ...DOC_ADDRESS });

/** The catalogue as worlds hold it, one frozen object per SKU for all of them (worlds only read SKUs). */
const SKUS: readonly Sku[] = CATALOGUE.map((sku) => Object.freeze({ ...sku, currency: 'usd' }));

/** How each precondition fixture customer is broken (and nothing else about it). */
const BREAKS: Record<string, Partial<Customer>> = {
  customer_confirmed: { confirmed: false },
  customer_valid_email: { email: 'not-an-email' },
  customer_full_name: { first_name: null, last_name: '' },
  customer_shipping_address: { shipping_address: null },
};

/** A tenant's fresh Dirty Lemon world: the document's examples plus one order per state. */
export function provisionDirtyLemon(seed: number): DirtyLemonWorld {
  const world: DirtyLemonWorld = { orders: new Map(), customers: new Map(), skus: new Map(), references: 0, sequence: 0, seed };
  for (const sku of SKUS) world.skus.set(sku.id, sku);
  const docCustomer = generatedCustomer(seed, 0, DOC_CUSTOMER_ID, { shipping_address: DOC_SHIPPING_ADDRESS });
  world.customers.set(docCustomer.id, docCustomer);
  const skinHair = world.skus.get(DOC_SKU_ID)!;
  const add = (order: Order) => world.orders.set(order.id, order);
  const docOrder = (id: string, coupon: string | null) =>
    buildOrder(world, { id, customer: docCustomer, items: [{ sku: skinHair, quantity: 1 }], coupon, now: FIXTURE_TIME });
  add(docOrder(FIXTURE_ORDERS.created, null));
  add(docOrder(FIXTURE_ORDERS.createdWithCoupon, '50%OFF'));
  for (const status of ['paid', 'canceled', 'fulfilled', 'returned'] as const) add(inStatus(docOrder(FIXTURE_ORDERS[status], null), status));
  for (const [index, fixture] of PRECONDITION_FIXTURES.entries()) {
    const customer = generatedCustomer(seed, index + 1, fixture.customerId, BREAKS[fixture.check]);
    world.customers.set(customer.id, customer);
    add(buildOrder(world, { id: fixture.orderId, customer, items: [{ sku: skinHair, quantity: 1 }], now: FIXTURE_TIME }));
  }
  return world;
}

import type { Address, Order, Shipment, Sku } from './fixtures.js';

/**
 * Parts that are the same value in many orders — a SKU's price snapshot and line description, the
 * customer's address, no shipments — are shared and frozen instead of copied into each order: a
 * tenant may hold a million orders. Stored orders are replaced, never changed in place
 * (a transition stores a new version that shares them), so sharing is invisible to clients.
 */
export type SkuSnapshot = Readonly<{ id: string; currency: string; price: number }>;

type SkuParts = { snapshot: SkuSnapshot; descriptions: Map<number, string> };

const skuParts = new WeakMap<Sku, SkuParts>();
const addresses = new WeakMap<Address, Address>();

export const NO_SHIPMENTS = Object.freeze([]) as unknown as Shipment[];

function partsOf(sku: Sku): SkuParts {
  let parts = skuParts.get(sku);
  if (!parts) skuParts.set(sku, (parts = { snapshot: Object.freeze({ id: sku.id, currency: sku.currency, price: sku.price }), descriptions: new Map() }));
  return parts;
}

/** The `sku` object a line item carries: the SKU's id, currency and price. */
export const skuSnapshot = (sku: Sku): SkuSnapshot => partsOf(sku).snapshot;

/** One description string per SKU and quantity, built by `describe` the first time. */
export function sharedDescription(sku: Sku, quantity: number, describe: (sku: Sku, quantity: number) => string): string {
  const { descriptions } = partsOf(sku);
  let text = descriptions.get(quantity);
  if (text === undefined) descriptions.set(quantity, (text = describe(sku, quantity)));
  return text;
}

export type SharedParts = Pick<Order, 'line_items' | 'shipments'>;

/** Freezes an order's line items and shipments in place, so the orders of a bulk seed can share them. */
export function freezeParts(order: Order): SharedParts {
  for (const part of [order.line_items, order.shipments]) {
    part.forEach((item) => Object.freeze(item));
    Object.freeze(part);
  }
  return { line_items: order.line_items, shipments: order.shipments };
}

/** A frozen copy of an address, one per source address. */
export function sharedAddress(address: Address): Address {
  let copy = addresses.get(address);
  if (!copy) addresses.set(address, (copy = Object.freeze({ ...address })));
  return copy;
}

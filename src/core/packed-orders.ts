/**
 * Compact storage for bulk-seeded orders. The orders of one bulk seed differ from the first of
 * them (the template) only in a few top-level fields — id, reference — so each is stored as just
 * those fields plus a pointer to the template, and rebuilt whole when it is read. A million orders
 * then cost a fifth of the memory, and every reader still sees a plain `Map` of full orders.
 */
const TEMPLATE = Symbol('ordermock.template');
/** Marks an order rebuilt for one read: nothing else holds it, so keeping anything keyed by it only makes garbage. */
const REBUILT = Symbol('ordermock.rebuilt');

type Order = Record<string, unknown>;
type Packed = Order & { [TEMPLATE]: Order };

function unpack(value: any): any {
  const template: Order | undefined = value?.[TEMPLATE];
  if (template === undefined) return value;
  // A spread copies the template in one step (V8 clones its shape); assigning the few fields that
  // differ keeps the template's key order, so the order serializes exactly like the original.
  const order: Order = { ...template };
  for (const key of Object.keys(value)) order[key] = value[key];
  // Not enumerable: JSON ignores it, and a transition's spread of this order stores no mark.
  Object.defineProperty(order, REBUILT, { value: true });
  return order;
}

/** Whether an order was rebuilt from its packed form for this read (a new object on every read). */
export const isRebuilt = (order: object): boolean => REBUILT in order;

/** A `Map` of orders whose values may be packed; `get` and iteration hand out full orders. */
export class OrderMap extends Map<string, any> {
  override get(key: string): any {
    return unpack(super.get(key));
  }

  override *values(): MapIterator<any> {
    for (const value of super.values()) yield unpack(value);
  }

  override *entries(): MapIterator<[string, any]> {
    for (const [key, value] of super.entries()) yield [key, unpack(value)];
  }

  override [Symbol.iterator](): MapIterator<[string, any]> {
    return this.entries();
  }

  override forEach(callback: (value: any, key: string, map: Map<string, any>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /**
   * Stores `order` as its differences from `template` when it has exactly the template's fields
   * (else whole). Both must never change afterwards: stored orders are replaced, not mutated.
   */
  setLike(key: string, order: Order, template: Order): void {
    const templateKeys = Object.keys(template);
    const keys = Object.keys(order);
    if (order === template || keys.length !== templateKeys.length || !keys.every((k) => Object.hasOwn(template, k))) {
      super.set(key, order);
      return;
    }
    const packed = {} as Packed;
    for (const k of keys) if (order[k] !== template[k]) packed[k] = order[k];
    packed[TEMPLATE] = template;
    super.set(key, packed);
  }
}

/** The world's orders as an OrderMap, converting a plain Map once (its orders are all whole). */
export function packableOrders(world: { orders: Map<string, any> }): OrderMap {
  if (world.orders instanceof OrderMap) return world.orders;
  const orders = new OrderMap(world.orders);
  world.orders = orders;
  return orders;
}

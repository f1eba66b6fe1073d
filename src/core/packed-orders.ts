/**
 * Compact storage for bulk-seeded orders. The orders of one bulk seed differ from the first of
 * them (the template) only in a few top-level fields — id, reference — so each is stored as just
 * what differs plus a pointer to the template, and rebuilt whole when it is read. Every reader
 * still sees a plain `Map` of full orders.
 *
 * Two packed forms. The common one, an order that is its template but for its id (its key) and one
 * string field, is a single short string: the template's number as its first character, then the
 * field's value (~120 bytes an order with the key and the Map's entry, against ~1 KB whole). Any
 * other set of differences is an object of those fields pointing at the template (~175 bytes).
 */
const TEMPLATE = Symbol('ordermock.template');
/** Marks an order rebuilt for one read: nothing else holds it, so keeping anything keyed by it only makes garbage. */
const REBUILT = Symbol('ordermock.rebuilt');

type Order = Record<string, unknown>;
type Packed = Order & { [TEMPLATE]: Order };
/** What a one-string packed order is rebuilt from: its template and the field its string holds. */
type StringTemplate = { order: Order; field: string };

/** One character numbers the string templates. */
const MAX_STRING_TEMPLATES = 0x10000;

/**
 * A fresh copy of `template` marked as rebuilt, for the caller to fill in the fields that differ.
 * A spread copies the template in one step (V8 clones its shape); assigning the differing fields
 * afterwards keeps the template's key order, so the order serializes exactly like the original.
 */
function rebuiltFrom(template: Order): Order {
  const order: Order = { ...template };
  // Not enumerable: JSON ignores it, and a transition's spread of this order stores no mark.
  Object.defineProperty(order, REBUILT, { value: true });
  return order;
}

/** Whether an order was rebuilt from its packed form for this read (a new object on every read). */
export const isRebuilt = (order: object): boolean => REBUILT in order;

/** A `Map` of orders whose values may be packed; `get` and iteration hand out full orders. */
export class OrderMap extends Map<string, any> {
  private readonly stringTemplates: StringTemplate[] = [];

  private unpack(key: string, value: any): any {
    if (typeof value === 'string') {
      const { order, field } = this.stringTemplates[value.charCodeAt(0)]!;
      const whole = rebuiltFrom(order);
      whole.id = key;
      whole[field] = value.slice(1);
      return whole;
    }
    const template: Order | undefined = value?.[TEMPLATE];
    if (template === undefined) return value;
    const whole = rebuiltFrom(template);
    for (const k of Object.keys(value)) whole[k] = value[k];
    return whole;
  }

  override get(key: string): any {
    return this.unpack(key, super.get(key));
  }

  override *values(): MapIterator<any> {
    for (const [key, value] of super.entries()) yield this.unpack(key, value);
  }

  override *entries(): MapIterator<[string, any]> {
    for (const [key, value] of super.entries()) yield [key, this.unpack(key, value)];
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
    const differing = keys.filter((k) => order[k] !== template[k] && !(k === 'id' && order.id === key));
    const field = differing[0];
    const index = differing.length === 1 && order.id === key && typeof order[field!] === 'string' ? this.stringTemplateIndex(template, field!) : -1;
    if (index >= 0) {
      super.set(key, String.fromCharCode(index) + (order[field!] as string));
      return;
    }
    const packed = {} as Packed;
    for (const k of keys) if (order[k] !== template[k]) packed[k] = order[k];
    packed[TEMPLATE] = template;
    super.set(key, packed);
  }

  /** The number of the string template for `order` and `field`, added if new; -1 once they run out. */
  private stringTemplateIndex(order: Order, field: string): number {
    const templates = this.stringTemplates;
    // A bulk seed packs its orders one after another against one template: the last one, mostly.
    for (let i = templates.length - 1; i >= 0; i--) if (templates[i]!.order === order && templates[i]!.field === field) return i;
    if (templates.length >= MAX_STRING_TEMPLATES) return -1;
    templates.push({ order, field });
    return templates.length - 1;
  }
}

/** The world's orders as an OrderMap, converting a plain Map once (its orders are all whole). */
export function packableOrders(world: { orders: Map<string, any> }): OrderMap {
  if (world.orders instanceof OrderMap) return world.orders;
  const orders = new OrderMap(world.orders);
  world.orders = orders;
  return orders;
}

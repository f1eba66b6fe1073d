import { OrderMap } from '../core/packed-orders.js';

/**
 * A world collection that remembers which keys a step changed, so the Redis store writes back only
 * those. It is an OrderMap so `packableOrders` keeps it (and its tracking) for bulk seeds; it does
 * not pack, since every order is stored in Redis on its own anyway.
 */
export class TrackedMap extends OrderMap {
  readonly dirty = new Set<string>();

  override set(key: string, value: any): this {
    // Undefined while the Map constructor stores the initial entries: those are not changes.
    this.dirty?.add(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.dirty.add(key);
    return super.delete(key);
  }

  override clear(): void {
    for (const key of this.keys()) this.dirty.add(key);
    super.clear();
  }

  override setLike(key: string, order: Record<string, unknown>): void {
    this.set(key, order);
  }
}

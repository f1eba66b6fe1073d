/**
 * A Dirty Lemon fixture world depends on its seed alone: the same seed gives the same world whenever
 * it is built, other seeds give other customers, and what worlds share (people, SKUs) is frozen.
 */
import { describe, expect, it } from 'vitest';
import { DOC_ADDRESS, DOC_CUSTOMER_ID, provisionDirtyLemon } from '../../src/apis/dirtylemon/fixtures.js';

const customers = (seed: number) => [...provisionDirtyLemon(seed).customers.values()];
const asJson = (seed: number) => JSON.stringify([...Object.entries(provisionDirtyLemon(seed))].map(([key, value]) => [key, value instanceof Map ? [...value] : value]));

describe('the Dirty Lemon fixture world', () => {
  it('is the same for the same seed, whatever was built in between', () => {
    const first = asJson(42);
    for (let seed = 0; seed < 300; seed++) provisionDirtyLemon(seed);
    expect(asJson(42)).toBe(first);
  });

  it('gives other seeds other customers', () => {
    const names = new Set<string>();
    for (let seed = 0; seed < 50; seed++) names.add(customers(seed).map((c) => `${c.first_name} ${c.last_name} ${c.email}`).join('|'));
    expect(names.size).toBe(50);
    // A seed's customers are not all one person either.
    expect(new Set(customers(7).slice(0, 2).map((c) => c.email)).size).toBe(2);
  });

  it('keeps the document customer at the document address, and shares only frozen parts between worlds', () => {
    const [a, b] = [provisionDirtyLemon(1), provisionDirtyLemon(2)];
    expect(a.customers.get(DOC_CUSTOMER_ID)!.shipping_address).toEqual(DOC_ADDRESS);
    expect(a.skus.get('868137000115')).toBe(b.skus.get('868137000115'));
    expect(Object.isFrozen(a.skus.get('868137000115'))).toBe(true);
    for (const customer of a.customers.values()) if (customer.shipping_address) expect(Object.isFrozen(customer.shipping_address)).toBe(true);
    // Customers themselves are each world's own objects.
    expect(a.customers.get(DOC_CUSTOMER_ID)).not.toBe(b.customers.get(DOC_CUSTOMER_ID));
  });
});

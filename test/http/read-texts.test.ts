import { describe, expect, it } from 'vitest';
import { OrderMap } from '../../src/core/packed-orders.js';
import { readText, READ_TEXTS_KEPT } from '../../src/http/read-texts.js';

// Stored orders are never changed in place; these tests change one on purpose, to see which text a read gets.
describe('the read-text cache', () => {
  it('serializes a body once while it is among the newest kept, and again once pushed out', () => {
    const order = { id: 'a', status: 'created' };
    expect(readText(order)).toBe('{"id":"a","status":"created"}');
    order.status = 'paid';
    expect(readText(order)).toBe('{"id":"a","status":"created"}');
    for (let i = 0; i < READ_TEXTS_KEPT - 1; i++) readText({ i });
    expect(readText(order)).toBe('{"id":"a","status":"created"}');
    readText({ last: true });
    expect(readText(order)).toBe('{"id":"a","status":"paid"}');
  });

  it('keeps nothing of an order rebuilt from a bulk seed for one read', () => {
    const template = { id: 'a', reference: 'r-a', status: 'created' };
    const orders = new OrderMap([['a', template]]);
    orders.setLike('b', { ...template, id: 'b', reference: 'r-b' }, template);
    const rebuilt = orders.get('b');
    expect(readText(rebuilt)).toBe('{"id":"b","reference":"r-b","status":"created"}');
    rebuilt.status = 'paid';
    expect(readText(rebuilt)).toBe('{"id":"b","reference":"r-b","status":"paid"}');
  });
});

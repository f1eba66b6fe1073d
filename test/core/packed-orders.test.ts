import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRebuilt, OrderMap, packableOrders } from '../../src/core/packed-orders.js';
import { jsonReply } from '../../src/http/exchange.js';
import { startMock, type RunningMock } from '../helpers/mock.js';

const template = { id: 'a', reference: 'r-a', status: 'created', total: 6500, line_items: [{ sku: 'x' }] };
const like = (id: string) => ({ ...template, id, reference: `r-${id}` });

describe('OrderMap', () => {
  it('hands out a packed order whole, with the key order of the original', () => {
    const orders = new OrderMap([['a', template]]);
    orders.setLike('b', like('b'), template);
    expect(JSON.stringify(orders.get('b'))).toBe(JSON.stringify(like('b')));
    expect(orders.get('b').line_items).toBe(template.line_items);
    expect(orders.get('missing')).toBeUndefined();
    expect(orders.size).toBe(2);
  });

  it('iterates whole orders however it is read', () => {
    const orders = new OrderMap([['a', template]]);
    for (const id of ['b', 'c']) orders.setLike(id, like(id), template);
    const expected = [template, like('b'), like('c')];
    expect([...orders.values()]).toEqual(expected);
    expect([...orders.entries()].map(([, o]) => o)).toEqual(expected);
    expect([...orders].map(([id]) => id)).toEqual(['a', 'b', 'c']);
    const seen: unknown[] = [];
    orders.forEach((order) => seen.push(order));
    expect(seen).toEqual(expected);
    expect(new Map(orders).get('c')).toEqual(like('c'));
  });

  it('stores whole an order whose fields differ from the template\'s, and lets set replace a packed one', () => {
    const orders = new OrderMap();
    const extra = { ...like('b'), coupon: 'X' };
    orders.setLike('b', extra, template);
    expect(orders.get('b')).toBe(extra);
    orders.setLike('c', like('c'), template);
    const paid = { ...like('c'), status: 'paid' };
    orders.set('c', paid);
    expect(orders.get('c')).toBe(paid);
  });

  it('rebuilds every packed form whole: one string field, a numeric id, several fields', () => {
    const numeric = { id: 1, reference: 'r-1', status: 'open', total: 10 };
    const orders = new OrderMap([['1', numeric]]);
    const variants: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ['2', { ...numeric, id: 2, reference: 'r-2' }, numeric],
      ['b', like('b'), template],
      ['c', { ...like('c'), total: 1 }, template],
      ['d', { ...like('d'), reference: 7 }, template],
    ];
    for (const [key, order, from] of variants) orders.setLike(key, order, from);
    for (const [key, order] of variants) expect(JSON.stringify(orders.get(key))).toBe(JSON.stringify(order));
    expect(orders.get('2').id).toBe(2);
  });

  it('marks an order rebuilt for a read, and only that: a stored whole order and a spread copy are unmarked', () => {
    const orders = new OrderMap([['a', template]]);
    orders.setLike('b', like('b'), template);
    const rebuilt = orders.get('b');
    expect(isRebuilt(rebuilt)).toBe(true);
    expect(orders.get('b')).not.toBe(rebuilt);
    expect(isRebuilt(orders.get('a'))).toBe(false);
    expect(isRebuilt({ ...rebuilt, status: 'paid' })).toBe(false);
    expect(Object.keys(rebuilt)).toEqual(Object.keys(template));
    // The mark is not part of the order as a client reads it.
    expect(jsonReply({ status: 200, body: rebuilt }, true).body).toBe(JSON.stringify(like('b')));
  });

  it('converts a world\'s plain Map once, keeping its orders', () => {
    const world = { orders: new Map<string, any>([['a', template]]) };
    const packed = packableOrders(world);
    expect(world.orders).toBe(packed);
    expect(packableOrders(world)).toBe(packed);
    expect(packed.get('a')).toBe(template);
  });
});

describe('a bulk seed through the admin API', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  });
  afterAll(() => mock.close());

  it('serves, changes, lists and snapshots its packed orders like any other', async () => {
    const token = mock.newToken();
    const seeded = await mock.call('POST', '/__mock/dirtylemon/orders', { token, body: { status: 'paid', count: 500 } });
    expect(seeded.status).toBe(201);
    const [first, second] = seeded.body.orders;
    expect(second.id).not.toBe(first.id);
    expect(second.reference).not.toBe(first.reference);

    const got = await mock.call('GET', `/dirtylemon/v1/orders/${second.id}`, { token });
    expect(got.body).toEqual(second);
    const fulfilled = await mock.call('POST', `/dirtylemon/v1/orders/${second.id}/fulfill`, { token });
    expect(fulfilled.body).toEqual({ ...second, status: 'fulfilled', updated_at: fulfilled.body.updated_at });
    expect((await mock.call('GET', `/dirtylemon/v1/orders/${first.id}`, { token })).body.status).toBe('paid');

    const listed = await mock.call('GET', '/__mock/dirtylemon/orders?status=paid&limit=10000', { token });
    // 499 of the seed are still paid, plus the world's paid fixture.
    expect(listed.body.total).toBe(500);
    expect(listed.body.orders.filter((o: any) => o.reference === second.reference)).toEqual([]);
    expect(listed.body.orders).toContainEqual(seeded.body.orders[42]);

    const snapshot = (await mock.call('GET', '/__mock/snapshot', { token })).body;
    await mock.call('POST', '/__mock/reset?scope=all', { token });
    expect((await mock.call('PUT', '/__mock/snapshot', { token, body: snapshot })).status).toBe(200);
    expect((await mock.call('GET', `/dirtylemon/v1/orders/${seeded.body.orders[99].id}`, { token })).body).toEqual(seeded.body.orders[99]);
  });
});

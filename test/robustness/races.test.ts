/**
 * 1,000 concurrent state changes on one order, with latency injected so they interleave: the
 * journal's successful transitions must form one path through the spec's transition table, the
 * stored order must sit at its end, and the outbox must hold exactly that path's effects. On each
 * store (memory, and Redis: there the steps of one instance chain their check-and-set commits).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { API_MODULES } from '../../src/apis/registry.js';
import { adminCall, mockForFile } from './helpers/harness.js';
import { replay } from './helpers/replay.js';
import { STORE_KINDS } from '../helpers/mock.js';

const CONCURRENCY = 1_000;

describe.each(STORE_KINDS)('%s store', (store) => {
  const files = mockForFile({}, { sockets: CONCURRENCY, store });

  /** Admin call in a token's tenant; the test fails on anything but success. */
  async function admin(token: string, method: string, path: string, body?: unknown): Promise<any> {
    const res = await adminCall(files.client, token, method, path, body);
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    return res.body;
  }

  /** Delays spread over 0–24 ms, so arrival order and handling order differ. */
  const preferDelay = (i: number) => `delay=${(i * 7919) % 25}`;

  /** Fires `CONCURRENCY` requests at once; request i is `build(i)`. */
  const fire = (build: (i: number) => { method: string; path: string; headers: Record<string, string> }) =>
    Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => files.client.send(build(i))));

  describe('Dirty Lemon: 1,000 concurrent pay/cancel/fulfill/return on one order', () => {
    it('leave one history the transition table allows, and an outbox without double charges or refunds', async () => {
      const token = `race-${randomUUID()}`;
      const order = FIXTURE_ORDERS.created;
      // Latency injection twice over: a fault rule slows half the requests, Prefer slows each a little.
      await admin(token, 'POST', '/faults', { api: 'dirtylemon', delay_ms: 15, probability: 0.5 });
      const operations = ['pay', 'cancel', 'fulfill', 'return'];
      const responses = await fire((i) => ({
        method: 'POST',
        path: `/dirtylemon/v1/orders/${order}/${operations[i % operations.length]}`,
        headers: { authorization: `Bearer ${token}`, prefer: preferDelay(i) },
      }));
      const statuses = responses.map((r) => r.status);
      expect(new Set(statuses)).toEqual(new Set([200, 422]));

      const journal: any[] = (await admin(token, 'GET', `/journal?limit=${CONCURRENCY}`)).entries;
      expect(journal).toHaveLength(CONCURRENCY);
      const applied = journal.filter((e) => e.status === 200).map((e) => e.operationId);
      expect(applied.length).toBe(statuses.filter((s) => s === 200).length);
      const { machine } = API_MODULES.dirtylemon;
      const history = replay(machine, 'created', applied);

      expect((await admin(token, 'GET', `/dirtylemon/orders/${order}`)).status).toBe(history.state);
      const outbox: string[] = (await admin(token, 'GET', `/outbox?api=dirtylemon&order_id=${order}`)).entries.map((e: any) => e.type);
      expect(outbox).toEqual(history.effects);
      const count = (type: string) => outbox.filter((t) => t === type).length;
      expect(count('charge')).toBeLessThanOrEqual(1);
      expect(count('refund')).toBeLessThanOrEqual(count('charge'));
    });
  });

  describe('sFOX: 1,000 concurrent cancels of one order', () => {
    const cancelAll = (token: string, id: string) =>
      fire((i) => ({ method: 'DELETE', path: `/sfox/v1/orders/${id}`, headers: { authorization: `Bearer ${token}`, prefer: preferDelay(i) } }));

    it('of a working order make one cancel_pending transition and one settlement', async () => {
      const token = `race-${randomUUID()}`;
      // Frozen: on a busy machine 1,000 requests can outlast the 2 s settle in real time.
      await admin(token, 'POST', '/clock', { freeze_at: new Date().toISOString() });
      const responses = await cancelAll(token, '124');
      expect(responses.map((r) => r.body)).toEqual(Array(CONCURRENCY).fill({ status: 'cancel pending' }));
      const pending = (await admin(token, 'GET', '/clock')).pending;
      expect(pending).toHaveLength(1);
      expect(pending[0].data).toMatchObject({ order_id: '124', to: 'canceled' });
      expect((await admin(token, 'GET', '/sfox/orders/124')).status).toBe('cancel_pending');
      await admin(token, 'POST', '/clock', { advance_ms: 2000 });
      expect((await admin(token, 'GET', '/sfox/orders/124')).status).toBe('canceled');
      expect((await admin(token, 'GET', '/outbox?api=sfox&type=settle')).entries).toHaveLength(1);
    });

    it('of an open order cancel it once; every other answer is "order already finished"', async () => {
      const token = `race-${randomUUID()}`;
      const outcomes = (await cancelAll(token, '123')).map((r) => (r.body as any).status);
      expect(outcomes.filter((o) => o === 'canceled')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'order already finished')).toHaveLength(CONCURRENCY - 1);
    });
  });

  describe('Estoka: 1,000 concurrent cancels of one order', () => {
    it('succeed once, with one completed_cancel history; the rest are 422', async () => {
      const token = `race-${randomUUID()}`;
      const responses = await fire((i) => ({
        method: 'POST',
        path: '/estoka/api/v1/organizations/1/orders/340/cancel',
        headers: { authorization: `Token token=${token}`, prefer: preferDelay(i) },
      }));
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 422)).toHaveLength(CONCURRENCY - 1);
      const order = await admin(token, 'GET', '/estoka/orders/340');
      expect(order.status).toBe('cancelled');
      expect(order.order_histories.filter((h: any) => h.status === 'completed_cancel')).toHaveLength(1);
      expect((await admin(token, 'GET', '/outbox?api=estoka&order_id=340')).entries).toHaveLength(1);
    });
  });
});

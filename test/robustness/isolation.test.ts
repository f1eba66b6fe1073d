/**
 * A token never reads or changes another token's state: generated traffic from one tenant leaves
 * a neighbour's view (orders of every API, outbox, journal, clock, faults) exactly as it was, and
 * the admin API answers for the caller's tenant only. On each store (memory, and Redis).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { API_NAMES } from '../../src/spec/load.js';
import { requestGenerators } from './helpers/generated-requests.js';
import { adminCall, mockForFile } from './helpers/harness.js';
import { targetFor } from './helpers/targets.js';
import { STORE_KINDS } from '../helpers/mock.js';

describe.each(STORE_KINDS)('%s store', (store) => {
  const files = mockForFile({}, { store });
  const admin = (token: string, method: string, path: string, body?: unknown) => adminCall(files.client, token, method, path, body);

  /** Everything a tenant can observe through the admin API. */
  async function viewOf(token: string) {
    const view: Record<string, unknown> = {};
    for (const api of API_NAMES) view[api] = (await admin(token, 'GET', `/${api}/orders?limit=10000`)).body;
    for (const part of ['outbox', 'journal', 'faults']) view[part] = (await admin(token, 'GET', `/${part}`)).body;
    const clock = (await admin(token, 'GET', '/clock')).body as any;
    view.clock = { offset_ms: clock.offset_ms, frozen: clock.frozen, pending: clock.pending };
    return view;
  }

  /** Two tokens that look like each other but are different tenants. */
  const tokenPair = fc
    .stringMatching(/^[a-z0-9]{8,16}$/)
    .map((base) => `iso-a-${base}`)
    .chain((a) => fc.tuple(fc.constant(a), fc.constantFrom(`${a}x`, a.toUpperCase(), a.slice(0, -1), `x${a}`)));

  describe.each(API_NAMES)('%s traffic from one token', (api) => {
    const target = targetFor(api);
    const { any } = requestGenerators(target);

    it('leaves every other tenant exactly as it was', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(any, { minLength: 5, maxLength: 25 }), tokenPair, async (requests, [a, b]) => {
          // Touch B first so it exists with its fixtures, then let A do its worst.
          await files.client.send({ method: 'GET', path: '/__mock/journal', headers: { authorization: `Bearer ${b}` } });
          const before = await viewOf(b);
          for (const { request } of requests) {
            await files.client.send({ ...request, headers: { ...request.headers, authorization: target.authForms(a)[0]! } });
          }
          await admin(a, 'POST', '/faults', { api, status: 503 });
          await admin(a, 'POST', '/clock', { advance_ms: 5000 });
          expect(await viewOf(b)).toEqual(before);
        }),
        { numRuns: 15 },
      );
    });
  });

  describe('the admin API', () => {
    const seedSfox = (token: string, id: string) => admin(token, 'POST', '/sfox/orders', { status: 'open', id });

    it("lists, reads and answers for the caller's orders only", async () => {
      const [a, b] = [`iso-${randomUUID()}`, `iso-${randomUUID()}`];
      expect((await seedSfox(a, 'only-a')).status).toBe(201);
      const listed = (await admin(b, 'GET', '/sfox/orders?limit=10000')).body as any;
      expect(listed.orders.map((o: any) => o.id)).not.toContain('only-a');
      expect((await admin(b, 'GET', '/sfox/orders/only-a')).status).toBe(404);
      const cancel = await files.client.send({ method: 'DELETE', path: '/sfox/v1/orders/only-a', headers: { authorization: `Bearer ${b}` } });
      expect(cancel.body).toEqual({ error: 'internal error' });
      expect(((await admin(a, 'GET', '/sfox/orders/only-a')).body as any).status).toBe('open');
    });

    it('resets the caller only: a reset of A leaves B', async () => {
      const [a, b] = [`iso-${randomUUID()}`, `iso-${randomUUID()}`];
      for (const token of [a, b]) {
        await files.client.send({ method: 'POST', path: `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/cancel`, headers: { authorization: `Bearer ${token}` } });
        await seedSfox(token, 'kept');
      }
      expect((await admin(a, 'POST', '/reset')).status).toBe(200);
      expect(((await admin(a, 'GET', `/dirtylemon/orders/${FIXTURE_ORDERS.created}`)).body as any).status).toBe('created');
      expect((await admin(a, 'GET', '/sfox/orders/kept')).status).toBe(404);
      expect(((await admin(b, 'GET', `/dirtylemon/orders/${FIXTURE_ORDERS.created}`)).body as any).status).toBe('canceled');
      expect((await admin(b, 'GET', '/sfox/orders/kept')).status).toBe(200);
      expect(((await admin(b, 'GET', '/journal')).body as any).entries).toHaveLength(1);
    });

    it("puts a provider state in the named token's tenant, not the caller's", async () => {
      const [caller, named] = [`iso-${randomUUID()}`, `iso-${randomUUID()}`];
      const res = await admin(caller, 'POST', '/provider-states', { state: 's', params: { api: 'sfox', status: 'working', id: 'pact-1', token: named } });
      expect(res.status).toBe(200);
      expect((await admin(named, 'GET', '/sfox/orders/pact-1')).status).toBe(200);
      expect((await admin(caller, 'GET', '/sfox/orders/pact-1')).status).toBe(404);
    });
  });
});

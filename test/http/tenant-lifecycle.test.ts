/**
 * The tenant lifecycle and the bounded logs through the admin API, in strict mode (every answer
 * checked against openapi/admin.yaml): DELETE /__mock/tenant, health's tenant counts, `dropped`
 * beside `entries`, and pins surviving a state file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { loadStateFile, saveStateFile } from '../../src/cli/state-file.js';
import { createTenantStore, type Limits } from '../../src/core/tenants.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import type { MemoryStore } from '../../src/store/memory.js';

async function withMock(limits: Partial<Limits>, body: (mock: RunningMock) => Promise<void>, store = createTenantStore('ordermock', limits)) {
  const mock = await startMock({}, store);
  try {
    await body(mock);
  } finally {
    await mock.close();
  }
}

const order = (id: string) => `/dirtylemon/v1/orders/${id}`;
const tokensOf = async (mock: RunningMock) => (await mock.call('GET', '/__mock/tenants')).body.tenants.map((t: any) => [t.token, t.pinned]);

describe('DELETE /__mock/tenant', () => {
  it("drops the caller's tenant, whose next request gets a fresh world", () =>
    withMock({}, async (mock) => {
      const token = mock.newToken();
      expect((await mock.call('POST', `${order(FIXTURE_ORDERS.created)}/pay`, { token })).status).toBe(200);
      expect((await mock.call('DELETE', '/__mock/tenant', { token })).body).toEqual({ deleted: true });
      expect(await tokensOf(mock)).toEqual([]);
      expect((await mock.call('DELETE', '/__mock/tenant', { token })).body).toEqual({ deleted: false });
      expect((await mock.call('GET', order(FIXTURE_ORDERS.created), { token })).body.status).toBe('created');
      expect((await mock.call('GET', '/__mock/outbox', { token })).body).toEqual({ entries: [], dropped: 0 });
    }));

  it('never provisions a tenant, and is not an eviction', () =>
    withMock({ maxTenants: 2 }, async (mock) => {
      const res = await mock.call('DELETE', '/__mock/tenant', { token: 'never-seen' });
      expect(res).toMatchObject({ status: 200, body: { deleted: false } });
      expect(await tokensOf(mock)).toEqual([]);
      await mock.call('GET', '/__mock/clock', { token: 'a' });
      await mock.call('DELETE', '/__mock/tenant', { token: 'a' });
      expect((await mock.call('GET', '/__mock/health')).body.tenants).toEqual({ live: 0, pinned: 0, evicted: 0 });
    }));
});

describe('GET /__mock/health', () => {
  it('counts live, pinned and evicted tenants', () =>
    withMock(
      {},
      async (mock) => {
        for (const token of ['keep', 't1', 't2', 't3', 't4']) expect((await mock.call('GET', order(FIXTURE_ORDERS.created), { token })).status).toBe(200);
        expect((await mock.call('GET', '/__mock/health')).body.tenants).toEqual({ live: 3, pinned: 1, evicted: 2 });
        expect(await tokensOf(mock)).toEqual([['keep', true], ['t3', false], ['t4', false]]);
      },
      createTenantStore('ordermock', { maxTenants: 3 }, { keepTokens: ['keep'] }),
    ));
});

describe('bounded outbox and journal', () => {
  it('keep the newest --max-outbox effects and say how many fell off, whatever the filter', () =>
    withMock({ maxOutbox: 4 }, async (mock) => {
      const token = mock.newToken();
      expect((await mock.call('GET', '/__mock/outbox', { token })).body).toEqual({ entries: [], dropped: 0 });
      // pay: charge, shipments.create, email.confirmation; cancel: refund, shipments.cancel, email.cancelation.
      expect((await mock.call('POST', `${order(FIXTURE_ORDERS.created)}/pay`, { token })).status).toBe(200);
      expect((await mock.call('POST', `${order(FIXTURE_ORDERS.created)}/cancel`, { token })).status).toBe(200);
      const all = (await mock.call('GET', '/__mock/outbox', { token })).body;
      expect(all.dropped).toBe(2);
      expect(all.entries.map((e: any) => [e.id, e.type])).toEqual([[3, 'email.confirmation'], [4, 'refund'], [5, 'shipments.cancel'], [6, 'email.cancelation']]);
      // The charge happened and fell off: `dropped` tells this apart from a charge that never was.
      expect((await mock.call('GET', '/__mock/outbox?type=charge', { token })).body).toEqual({ entries: [], dropped: 2 });
    }));

  it('keep the newest --max-journal requests and say how many fell off', () =>
    withMock({ maxJournal: 3 }, async (mock) => {
      const token = mock.newToken();
      for (let i = 0; i < 5; i++) await mock.call('GET', order(FIXTURE_ORDERS.created), { token });
      const journal = (await mock.call('GET', '/__mock/journal', { token })).body;
      expect(journal.dropped).toBe(2);
      expect(journal.entries.map((e: any) => e.id)).toEqual([3, 4, 5]);
      const last = (await mock.call('GET', '/__mock/journal?limit=1', { token })).body;
      expect([last.entries.map((e: any) => e.id), last.dropped]).toEqual([[5], 2]);
    }));
});

describe('pins in a state file', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'ordermock-pins-')), 'state.json');

  it('survive a restart as the file lists them, whatever --keep-token says then', () =>
    withMock(
      {},
      async (mock) => {
        for (const token of ['kept', 'passing']) await mock.call('GET', '/__mock/clock', { token });
        const path = file();
        saveStateFile(path, (mock.mock.store as MemoryStore).tenants);
        expect(JSON.parse(readFileSync(path, 'utf8')).pinned).toEqual(['kept']);
        const restarted = createTenantStore('ordermock', { maxTenants: 2 });
        expect(loadStateFile(path, restarted)).toBe(2);
        await withMock({}, async (again) => {
          expect(await tokensOf(again)).toEqual([['kept', true], ['passing', false]]);
          await again.call('GET', '/__mock/clock', { token: 'newcomer' });
          expect(await tokensOf(again)).toEqual([['kept', true], ['newcomer', false]]);
        }, restarted);
      },
      createTenantStore('ordermock', {}, { keepTokens: ['kept'] }),
    ));

  it('pin every tenant of a file without a pinned list', () =>
    withMock({}, async (mock) => {
      for (const token of ['a', 'b']) await mock.call('GET', '/__mock/clock', { token });
      const path = file();
      saveStateFile(path, (mock.mock.store as MemoryStore).tenants);
      const { pinned: _, ...handMade } = JSON.parse(readFileSync(path, 'utf8'));
      writeFileSync(path, JSON.stringify(handMade));
      const restarted = createTenantStore('ordermock', { maxTenants: 2 });
      loadStateFile(path, restarted);
      await withMock({}, async (again) => {
        expect(await tokensOf(again)).toEqual([['a', true], ['b', true]]);
        expect((await again.call('GET', '/__mock/clock', { token: 'c' })).status).toBe(429);
      }, restarted);
    }));
});

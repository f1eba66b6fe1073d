/**
 * The typed clients as a frontend installs them: `ordermock/client` resolved through package.json
 * `exports` to the built JS, talking to the mock with each API's documented auth.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/spec/package-files.js';
import { startMock, type RunningMock } from '../helpers/mock.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/**
 * Runs a module in a separate node process from the package root, as an installed consumer would
 * (asynchronously: the mock answers from this process).
 */
const runAsConsumer = (source: string) =>
  promisify(execFile)(process.execPath, ['--input-type=module', '-e', source], { cwd: packageRoot, encoding: 'utf8', env: { ...process.env, BASE: mock.base } });

describe('ordermock/client', () => {
  it('pays a Dirty Lemon order, cancels an Estoka and an sFOX order, and seeds through the admin client', async () => {
    const run = await runAsConsumer(`
      import { createAdminClient, createDirtyLemonClient, createEstokaClient, createSfoxClient } from 'ordermock/client';
      const base = process.env.BASE;
      const dl = createDirtyLemonClient({ baseUrl: base + '/dirtylemon', token: 'client-test' });
      const created = await dl.POST('/v1/customers/{customer_id}/orders', {
        params: { path: { customer_id: '294e03d6-df4f-4ee1-94be-e334c420381a' } },
        body: { line_items: [{ quantity: 2, sku: '868137000115' }] },
      });
      const paid = await dl.POST('/v1/orders/{order_id}/pay', { params: { path: { order_id: created.data.id } } });
      const refused = await dl.POST('/v1/orders/{order_id}/return', { params: { path: { order_id: created.data.id } } });
      const estoka = createEstokaClient({ baseUrl: base + '/estoka', token: 'client-test' });
      const cancelled = await estoka.POST('/api/v1/organizations/{organization_id}/orders/{order_id}/cancel', { params: { path: { organization_id: 4, order_id: 100 } } });
      const sfox = createSfoxClient({ baseUrl: base + '/sfox', token: 'client-test' });
      const admin = createAdminClient({ baseUrl: base, token: 'client-test' });
      await admin.POST('/__mock/{api}/orders', { params: { path: { api: 'sfox' } }, body: { status: 'working', id: 'w-1', overrides: { pair: 'ethusd' } } });
      const pending = await sfox.DELETE('/v1/orders/{order_id}', { params: { path: { order_id: 'w-1' } } });
      console.log(JSON.stringify({
        created: [created.response.status, created.data.total],
        paid: [paid.response.status, paid.data.status, paid.data.shipments.length],
        refused: [refused.response.status, refused.error.error.code, refused.error.error.allowed_from],
        cancelled: [cancelled.response.status, cancelled.data.order.status],
        pending: [pending.response.status, pending.data.status],
      }));
    `);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      created: [201, 13000],
      paid: [200, 'paid', 1],
      refused: [422, 'invalid_state_transition', ['fulfilled']],
      cancelled: [200, 'cancelled'],
      pending: [200, 'cancel pending'],
    });
  });
});

/**
 * The virtual clock stays within the years RFC 3339 can write (0000–9999): a step past them is
 * refused before anything moves, so every timestamp the tenant answers keeps matching the specs.
 * Found by the generated admin traffic (freeze in 9999, then advance 100 years → strict 500s).
 */
import { expect, it } from 'vitest';
import { FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { adminCall, mockForFile } from './helpers/harness.js';

const files = mockForFile();

it('refuses to advance the clock past 9999-12-31 and leaves it where it was', async () => {
  const token = 'clock-edge';
  const admin = (method: string, path: string, body?: unknown) => adminCall(files.client, token, method, path, body);
  expect((await admin('POST', '/clock', { freeze_at: '9999-12-31T23:59:59Z' })).status).toBe(200);
  const refused = await admin('POST', '/clock', { advance_ms: 3_153_600_000_000 });
  expect(refused.status).toBe(400);
  expect((refused.body as any).error.field).toBe('advance_ms');
  expect(((await admin('GET', '/clock')).body as any).now).toBe('9999-12-31T23:59:59.000Z');
  const pay = await files.client.send({ method: 'POST', path: `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/pay`, headers: { authorization: `Bearer ${token}` } });
  expect(pay.status).toBe(200);
  expect((await admin('GET', '/journal')).status).toBe(200);
});

it('refuses a snapshot whose clock lies past year 9999', async () => {
  const token = 'clock-snapshot';
  await adminCall(files.client, token, 'GET', '/clock');
  const snapshot = (await adminCall(files.client, token, 'GET', '/snapshot')).body as any;
  snapshot.tenants.find((t: any) => t.token === token).clock.offsetMs = 300_000 * 365 * 86_400_000;
  const restored = await adminCall(files.client, token, 'PUT', '/snapshot', snapshot);
  expect(restored.status).toBe(400);
  expect((await adminCall(files.client, token, 'GET', '/clock')).status).toBe(200);
});

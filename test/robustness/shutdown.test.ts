/**
 * SIGTERM and SIGINT: stop accepting connections, finish the requests in flight, save the state
 * file, and exit 0 within 2 s (the CLI's promise; a request held longer is cut at 1.5 s).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStateFile } from '../../src/cli/state-file.js';
import { createTenantStore } from '../../src/core/tenants.js';
import { requireBuiltCli, startServe, stderrShows, type Exit, type Served } from './helpers/cli.js';
import { rawClient, type RawClient } from './helpers/raw-client.js';

beforeAll(requireBuiltCli);

/** Resolves once the server is handling a request of `token` (it provisions the tenant before any delay). */
async function inFlight(client: RawClient, token: string) {
  for (;;) {
    const { body } = await client.send({ method: 'GET', path: '/__mock/tenants' });
    if ((body as any).tenants.some((t: any) => t.token === token)) return;
  }
}

/** The exit, or a failure if the process is still running 2 s after the signal. */
const exitWithin2s = (served: Served) =>
  Promise.race([served.exited, new Promise<Exit>((_, reject) => setTimeout(() => reject(new Error('still running 2 s after the signal')), 2_000))]);

describe.each(['SIGTERM', 'SIGINT'] as const)('on %s', (signal) => {
  it('finishes the request in flight, refuses new connections, saves state and exits 0', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ordermock-stop-')), 'state.json');
    const served = await startServe('--state-file', file);
    const client = rawClient(served.base);
    const token = `stop-${randomUUID()}`;
    // A change the periodic saver has had no time to write: only the shutdown save can keep it.
    expect((await client.send({ method: 'DELETE', path: '/sfox/v1/orders/123', headers: { authorization: `Bearer ${token}` } })).body).toEqual({ status: 'canceled' });
    const slowToken = `slow-${randomUUID()}`;
    const slow = client.send({ method: 'DELETE', path: '/sfox/v1/orders/124', headers: { authorization: `Bearer ${slowToken}`, prefer: 'delay=500' } });
    await inFlight(client, slowToken);

    served.child.kill(signal);
    await stderrShows(served, `${signal}: finishing in-flight requests`);
    const fresh = rawClient(served.base);
    // Refused, or reset when it reached the backlog just before the listening socket closed: never answered.
    await expect(fresh.send({ method: 'GET', path: '/__mock/health' })).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
    fresh.close();

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'cancel pending' });
    expect(await exitWithin2s(served)).toEqual({ code: 0, signal: null });
    client.close();

    const store = createTenantStore();
    loadStateFile(file, store);
    expect(store.tenants.get(token)?.worlds.sfox?.orders.get('123')?.status).toBe('canceled');
    expect(store.tenants.get(slowToken)?.worlds.sfox?.orders.get('124')?.status).toBe('cancel_pending');
  });
});

it('cuts a request held longer than the grace period and still exits 0 within 2 s', async () => {
  const served = await startServe();
  const client = rawClient(served.base);
  const token = `held-${randomUUID()}`;
  const held = client.send({ method: 'DELETE', path: '/sfox/v1/orders/123', headers: { authorization: `Bearer ${token}`, prefer: 'delay=10000' } });
  await inFlight(client, token);
  served.child.kill('SIGTERM');
  await expect(held).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect(await exitWithin2s(served)).toEqual({ code: 0, signal: null });
  client.close();
});

/**
 * Several `ordermock serve` processes on one Redis are one mock (issue 12's acceptance): the built
 * CLI twice, `--strict --store redis://…`, on one real redis-server. A request may go to either;
 * transitions race across them without a double charge; Redis gone is 503 in each API's shape,
 * and Redis back is service back, without a restart.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_MODULES } from '../../src/apis/registry.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { requireBuiltCli, runCli, startServe, stderrShows, type Served } from './helpers/cli.js';
import { rawClient, type RawClient } from './helpers/raw-client.js';
import { replay } from './helpers/replay.js';

const CUSTOMER = '294e03d6-df4f-4ee1-94be-e334c420381a';
const CONCURRENCY = 400;

let redis: RedisServer;
const servers: Served[] = [];
const clients: RawClient[] = [];

beforeAll(async () => {
  requireBuiltCli();
  redis = await startRedisServer();
  for (let i = 0; i < 2; i++) {
    const served = await startServe('--strict', '--store', redis.url);
    servers.push(served);
    clients.push(rawClient(served.base, { sockets: CONCURRENCY / 2 }));
  }
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const served of servers) {
    served.child.kill('SIGKILL');
    await served.exited;
  }
  await redis?.stop();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const admin = (i: number, token: string, path: string) => clients[i]!.send({ method: 'GET', path: `/__mock${path}`, headers: auth(token) });

async function createOrder(token: string): Promise<string> {
  const created = await clients[0]!.send({
    method: 'POST',
    path: `/dirtylemon/v1/customers/${CUSTOMER}/orders`,
    headers: auth(token),
    body: JSON.stringify({ line_items: [{ sku: '868137000115', quantity: 1 }] }),
  });
  expect(created.status, created.text).toBe(201);
  return (created.body as any).id;
}

describe('two instances on one Redis', () => {
  it('are one mock: create on one, pay on the other, and the first says paid', async () => {
    const token = `inst-${randomUUID()}`;
    const id = await createOrder(token);
    const paid = await clients[1]!.send({ method: 'POST', path: `/dirtylemon/v1/orders/${id}/pay`, headers: auth(token) });
    expect(paid.status, paid.text).toBe(200);
    const read = await clients[0]!.send({ method: 'GET', path: `/dirtylemon/v1/orders/${id}`, headers: auth(token) });
    expect((read.body as any).status).toBe('paid');
  });

  it(`take ${CONCURRENCY} concurrent pay/cancel/fulfill/return calls on one order, alternating, as one legal history`, async () => {
    const token = `race-${randomUUID()}`;
    const id = await createOrder(token);
    const operations = ['pay', 'cancel', 'fulfill', 'return'];
    const responses = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) =>
        clients[i % 2]!.send({ method: 'POST', path: `/dirtylemon/v1/orders/${id}/${operations[(i >> 1) % 4]}`, headers: { ...auth(token), prefer: `delay=${(i * 7919) % 20}` } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([200, 422]));

    // The journal is shared: both instances' requests, in commit order.
    const journal: any[] = ((await admin(1, token, `/journal?limit=1000`)).body as any).entries.filter((e: any) => e.operationId !== 'createOrder');
    expect(journal).toHaveLength(CONCURRENCY);
    const applied = journal.filter((e) => e.status === 200).map((e) => e.operationId);
    expect(applied).toHaveLength(statuses.filter((s) => s === 200).length);
    const history = replay(API_MODULES.dirtylemon.machine, 'created', applied);
    expect(((await admin(0, token, `/dirtylemon/orders/${id}`)).body as any).status).toBe(history.state);
    const outbox: string[] = ((await admin(0, token, `/outbox?order_id=${id}`)).body as any).entries.map((e: any) => e.type);
    expect(outbox).toEqual(history.effects);
    expect(outbox.filter((t) => t === 'charge').length).toBeLessThanOrEqual(1);
    expect(outbox.filter((t) => t === 'refund').length).toBeLessThanOrEqual(1);
  });

  it('answer 503 in each API’s error shape while Redis is down, and serve again within seconds of its return, under load', async () => {
    const token = `outage-${randomUUID()}`;
    const seen = new Set<number | string>();
    let running = true;
    // Load on both instances for the whole outage: admin reads and API cancels.
    const load = Array.from({ length: 8 }, async (_, n) => {
      while (running) {
        const request = n % 4 < 2 ? { method: 'GET', path: '/__mock/sfox/orders/123', headers: auth(token) } : { method: 'DELETE', path: '/sfox/v1/orders/124', headers: auth(token) };
        // A failure to get any answer is recorded (and fails the test at the end), not thrown mid-outage.
        seen.add(await clients[n % 2]!.send(request).then((res) => res.status, (error: Error) => `no answer: ${error.message}`));
      }
    });
    await new Promise((r) => setTimeout(r, 200));
    await redis.stop();
    const dirtylemon = await clients[0]!.send({ method: 'GET', path: '/dirtylemon/v1/orders/1526b746-6a39-4958-91bf-a80bba41cdc3', headers: auth(token) });
    expect([dirtylemon.status, (dirtylemon.body as any).error.code]).toEqual([503, 'service_unavailable']);
    const sfox = await clients[1]!.send({ method: 'DELETE', path: '/sfox/v1/orders/123', headers: auth(token) });
    expect([sfox.status, sfox.body]).toEqual([503, { error: 'service unavailable' }]);
    const estoka = await clients[1]!.send({ method: 'POST', path: '/estoka/api/v1/organizations/4/orders/100/cancel', headers: { authorization: `Token token=${token}` } });
    expect([estoka.status, (estoka.body as any).code]).toEqual([503, 'service_unavailable']);
    await Promise.all(servers.map((served) => stderrShows(served, 'redis store: lost the connection')));

    await redis.start();
    const back = performance.now();
    // Each instance reconnects on its own (backing off to at most 500 ms between attempts).
    for (const [i, request] of [
      [0, { method: 'DELETE', path: '/sfox/v1/orders/123', headers: auth(token) }],
      [1, { method: 'GET', path: '/__mock/sfox/orders/123', headers: auth(token) }],
    ] as const) {
      let status = 0;
      while (status !== 200 && performance.now() - back < 10_000) {
        status = (await clients[i]!.send(request)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status, `instance ${i}`).toBe(200);
    }
    expect(performance.now() - back).toBeLessThan(5_000);
    // The second instance serves the state the first wrote after the restart.
    expect(((await clients[1]!.send({ method: 'GET', path: '/__mock/sfox/orders/123', headers: auth(token) })).body as any).status).toBe('canceled');
    running = false;
    await Promise.all(load);
    // Under load: answers before, during and after; nothing but those and the 503s of the outage.
    expect([...seen].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(seen).toContain(503);
  });
});

describe('serve --store redis', () => {
  it('exits 2 with one line when Redis cannot be reached at start', async () => {
    const run = await runCli('serve', '--port', '0', '--store', 'redis://127.0.0.1:1');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ordermock: --store: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \([^\n]+\)\n$/);
  });

  it.each([
    [['--store', 'mysql://x'], /--store: the store must be memory or redis:\/\/host:port\[\/db\], not 'mysql:\/\/x'/],
    [['--store', 'redis://127.0.0.1:1', '--state-file', 'x.json'], /--state-file saves a memory store/],
    [['--store-prefix', 'p:'], /--store-prefix applies to --store redis/],
  ])('refuses %j with one line, exit 2', async (args, message) => {
    const run = await runCli('serve', '--port', '0', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

import { AUTH, type BenchSettings } from './config.js';
import { httpJson } from './http.js';
import { getOrders, runRequests, type LoadResult } from './load.js';
import { SERVERS, startServer, type RunningServer } from './servers.js';

/** `rss_mb` is read right after seeding; under load V8 lets the heap grow well past what is live. */
export type ScalePoint = LoadResult & { orders: number; rss_mb: number; rss_mb_after_load: number; seed_seconds: number };
export type ScaleResult = { small: ScalePoint; large: ScalePoint };

/** How many distinct orders the GET load cycles over, so lookups are not one hot cache line. */
const SAMPLE = 100;

/** Seeds `count` created orders through the admin API; returns ids spread over the seeded set. */
async function seed(server: RunningServer, count: number, chunk: number): Promise<{ ids: string[]; seconds: number }> {
  const started = performance.now();
  const ids: string[] = [];
  for (let left = count; left > 0; left -= chunk) {
    const n = Math.min(chunk, left);
    const reply = await httpJson(`${server.origin}/__mock/dirtylemon/orders`, { method: 'POST', headers: { authorization: AUTH }, body: { status: 'created', count: n } });
    if (reply.status !== 201) throw new Error(`seeding ${n} orders answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    ids.push(...(reply.body.orders as { id: string }[]).map((o) => o.id));
  }
  const step = Math.max(1, Math.floor(ids.length / SAMPLE));
  return { ids: ids.filter((_, i) => i % step === 0).slice(0, SAMPLE), seconds: (performance.now() - started) / 1000 };
}

/**
 * Per-request cost against a tenant holding few orders and then many (same process, topped up),
 * and the process's resident memory at each size.
 */
export async function measureScale(settings: BenchSettings): Promise<ScaleResult> {
  const server = await startServer(SERVERS.ordermock);
  try {
    const point = async (orders: number, toSeed: number): Promise<ScalePoint> => {
      const seeded = await seed(server, toSeed, settings.seedChunk);
      const rss_mb = round1(server.rssMb());
      const load = await runRequests(server, `GET with ${orders} orders`, getOrders(server, seeded.ids), settings);
      return { orders, ...load, rss_mb, rss_mb_after_load: round1(server.rssMb()), seed_seconds: round1(seeded.seconds) };
    };
    const small = await point(settings.smallOrders, settings.smallOrders);
    const large = await point(settings.largeOrders, settings.largeOrders - settings.smallOrders);
    return { small, large };
  } finally {
    await server.stop();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

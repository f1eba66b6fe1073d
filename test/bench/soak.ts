// `npm run bench -- --soak [--minutes N] [--rate R]`: a long run of mixed traffic against ordermock as
// `npm start` runs it, to show that memory and latency stay flat while tenants come and go.
import autocannon from 'autocannon';
import { CREATE_BODY, CUSTOMER_ID, EXAMPLE_PAY_ORDER_ID, ORDER_ID } from './config.js';
import { httpJson } from './http.js';
import { percentile, round, type Step } from './load.js';
import { SERVERS, startServer, type RunningServer } from './servers.js';

export type SoakSettings = {
  minutes: number;
  /** New tokens per minute: 50,000 over the default ten minutes. */
  newTokensPerMinute: number;
  /** Requests per second of the create → pay → cancel chains and GETs on live tenants. */
  rate: number;
  /** Connections the chains and GETs are spread over, each its own share of the rate (see `lanes`). */
  connections: number;
};

export const SOAK: SoakSettings = { minutes: 10, newTokensPerMinute: 5_000, rate: 2_000, connections: 40 };

export type SoakMinute = {
  minute: number;
  seconds: number;
  requests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  new_tokens: number;
  status_codes: Record<string, number>;
  /** Answers outside 2xx: a broken chain, a 429 or a 5xx. */
  non2xx: number;
  /** RSS at the minute's end, and the median and max of one sample a second over the minute. */
  rss_mb: number;
  rss_median_mb: number;
  rss_max_mb: number;
  server_cpu_us: number;
  tenants: { live: number; pinned: number; evicted: number };
};

/** The last tokens handed out, which live tenants the chains and GETs pick from. */
const RECENT = 2_000;

/**
 * Both kinds of traffic for one window, each from its own autocannon instance at a fixed rate (a
 * soak asks whether the same offered load is served the same way later, not how much fits):
 * newcomers send one GET with a token never seen before; regulars pick a recent token and run
 * create → pay → cancel on a new order, then GET it and two fixture orders.
 */
function traffic(server: RunningServer, settings: SoakSettings, issued: { count: number; recent: string[] }) {
  const base = server.spec.base;
  const newcomer: Step = {
    method: 'GET',
    path: `${base}/v1/orders/${ORDER_ID}`,
    setupRequest: (request) => {
      const token = `soak-${issued.count++}`;
      issued.recent[issued.count % RECENT] = token;
      return { ...request, headers: { authorization: `Bearer ${token}` } };
    },
  };
  const pickRecent = () => issued.recent[Math.floor(Math.random() * Math.min(issued.count, RECENT))] ?? 'soak-first';
  type Context = { token?: string; id?: string };
  const onOrder = (method: 'GET' | 'POST', path: (id: string) => string): Step => ({
    method,
    // No id means the create failed: returning nothing makes autocannon restart the sequence.
    setupRequest: (request, context: Context) => (context.id ? { ...request, path: path(context.id), headers: { authorization: `Bearer ${context.token}` } } : (null as any)),
  });
  const regulars: Step[] = [
    {
      method: 'POST',
      path: `${base}/v1/customers/${CUSTOMER_ID}/orders`,
      body: CREATE_BODY,
      setupRequest: (request, context: Context) => {
        context.token = pickRecent();
        return { ...request, headers: { authorization: `Bearer ${context.token}`, 'content-type': 'application/json' } };
      },
      onResponse: (status, body, context: Context) => {
        context.id = status === 201 ? JSON.parse(body).id : undefined;
      },
    },
    onOrder('POST', (id) => `${base}/v1/orders/${id}/pay`),
    onOrder('POST', (id) => `${base}/v1/orders/${id}/cancel`),
    onOrder('GET', (id) => `${base}/v1/orders/${id}`),
    onOrder('GET', () => `${base}/v1/orders/${ORDER_ID}`),
    onOrder('GET', () => `${base}/v1/orders/${EXAMPLE_PAY_ORDER_ID}`),
  ];
  const newcomerRate = Math.max(1, Math.round(settings.newTokensPerMinute / 60));
  return [...lanes([newcomer], Math.min(NEWCOMER_LANES, newcomerRate), newcomerRate), ...lanes(regulars, settings.connections, settings.rate)];
}

/** Connections for the newcomers' GETs: ~83 a second need no more. */
const NEWCOMER_LANES = 4;

/** One connection's share of a stream: its requests, its rate, and when in the second it starts. */
type Lane = { requests: Step[]; rate: number; startMs: number };

/**
 * A stream of `rate` requests a second over `connections` connections, their seconds staggered
 * evenly. autocannon paces a connection by sending its whole second's quota back to back and then
 * waiting for the next second, and all connections of one instance start their seconds together:
 * as one instance, the 2,000 req/s arrived as one ~150 ms burst a second with every connection in
 * flight, so p99 measured how fast a burst drained (a queue of 20, scaled by whatever else the
 * machine was doing that second), not how the server answers a steady stream. One instance per
 * connection, each starting its second later by 1/connections of a second, spreads the stream out.
 */
function lanes(requests: Step[], connections: number, rate: number): Lane[] {
  // No lane with a rate of 0, which autocannon reads as no limit at all.
  const count = Math.max(1, Math.min(connections, rate));
  return Array.from({ length: count }, (_, i) => ({
    requests,
    // Shares differ by at most one, and add up to the rate.
    rate: Math.floor(rate / count) + (i < rate % count ? 1 : 0),
    startMs: Math.round((i * 1000) / count),
  }));
}

async function runWindow(server: RunningServer, settings: SoakSettings, issued: { count: number; recent: string[] }, minute: number, seconds: number): Promise<SoakMinute> {
  const latencies: number[] = [];
  const status_codes: Record<string, number> = {};
  const cpuBefore = server.cpuMs();
  const tokensBefore = issued.count;
  // RSS saws with the collector's cycle (tens of MB within a minute): one reading a second shows
  // the minute's level (median) and its peak, where a single reading lands anywhere on the saw.
  const rssSamples: number[] = [];
  const sampler = setInterval(() => rssSamples.push(server.rssMb()), 1000);
  const started = performance.now();
  await Promise.all(
    traffic(server, settings, issued).map(
      (lane) =>
        new Promise<void>((resolve, reject) => {
          setTimeout(() => {
            // Inside a timer a throw would escape the promise: it rejects instead.
            try {
              const options = { url: server.origin, duration: seconds, sampleInt: 100, requests: lane.requests, connections: 1, connectionRate: lane.rate };
              const instance = autocannon(options, (error) => (error ? reject(error) : resolve()));
              instance.on('response', (_client, status, _bytes, ms) => {
                latencies.push(ms);
                status_codes[status] = (status_codes[status] ?? 0) + 1;
              });
            } catch (error) {
              reject(error);
            }
          }, lane.startMs);
        }),
    ),
  );
  clearInterval(sampler);
  // The lanes start up to a second apart, so the window runs a little past `seconds`.
  const elapsedSeconds = (performance.now() - started) / 1000;
  const cpuUsed = server.cpuMs() - cpuBefore;
  const sorted = Float64Array.from(latencies).sort();
  const rssSorted = Float64Array.from([...rssSamples, server.rssMb()]).sort();
  const health = await httpJson(`${server.origin}/__mock/health`);
  return {
    minute,
    seconds,
    requests: latencies.length,
    rps: Math.round(latencies.length / elapsedSeconds),
    p50_ms: round(percentile(sorted, 50), 3),
    p99_ms: round(percentile(sorted, 99), 3),
    max_ms: round(sorted[sorted.length - 1] ?? NaN, 1),
    new_tokens: issued.count - tokensBefore,
    status_codes,
    non2xx: Object.entries(status_codes).reduce((n, [code, count]) => n + (code.startsWith('2') ? 0 : count), 0),
    rss_mb: round(server.rssMb(), 1),
    rss_median_mb: round(percentile(rssSorted, 50), 1),
    rss_max_mb: round(rssSorted[rssSorted.length - 1]!, 1),
    server_cpu_us: Math.round((cpuUsed * 1000) / Math.max(1, latencies.length)),
    tenants: health.body.tenants,
  };
}

/** Runs the soak one minute-long window at a time (the last one shorter for a fractional `minutes`). */
export async function runSoak(settings: SoakSettings, progress: (line: string) => void): Promise<SoakMinute[]> {
  const server = await startServer(SERVERS.ordermock);
  const issued = { count: 0, recent: [] as string[] };
  const minutes: SoakMinute[] = [];
  try {
    for (let minute = 1, left = settings.minutes * 60; left > 0.5; minute++, left -= 60) {
      const window = await runWindow(server, settings, issued, minute, Math.min(60, Math.round(left)));
      minutes.push(window);
      progress(`minute ${minute}: ${window.rps} req/s, p99 ${window.p99_ms} ms, RSS ${window.rss_mb} MB, ${window.tenants.live} live / ${window.tenants.evicted} evicted, non-2xx ${window.non2xx}`);
    }
  } finally {
    await server.stop();
  }
  return minutes;
}

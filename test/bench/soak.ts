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
  connections: number;
};

export const SOAK: SoakSettings = { minutes: 10, newTokensPerMinute: 5_000, rate: 2_000, connections: 20 };

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
  return [
    { requests: [newcomer], connections: Math.min(4, newcomerRate), overallRate: newcomerRate },
    { requests: regulars, connections: settings.connections, overallRate: settings.rate },
  ];
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
  await Promise.all(
    traffic(server, settings, issued).map(
      (load) =>
        new Promise<void>((resolve, reject) => {
          const instance = autocannon({ url: server.origin, duration: seconds, sampleInt: 100, ...load }, (error) => (error ? reject(error) : resolve()));
          instance.on('response', (_client, status, _bytes, ms) => {
            latencies.push(ms);
            status_codes[status] = (status_codes[status] ?? 0) + 1;
          });
        }),
    ),
  );
  clearInterval(sampler);
  const cpuUsed = server.cpuMs() - cpuBefore;
  const sorted = Float64Array.from(latencies).sort();
  const rssSorted = Float64Array.from([...rssSamples, server.rssMb()]).sort();
  const health = await httpJson(`${server.origin}/__mock/health`);
  return {
    minute,
    seconds,
    requests: latencies.length,
    rps: Math.round(latencies.length / seconds),
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

import autocannon from 'autocannon';
import { AUTH, CREATE_BODY, CUSTOMER_ID, EXAMPLE_PAY_ORDER_ID, ORDER_ID, type BenchSettings } from './config.js';
import type { RunningServer } from './servers.js';

export type WorkloadName = 'get' | 'post' | 'mix';
export const WORKLOADS: WorkloadName[] = ['get', 'post', 'mix'];

export type LoadResult = {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Responses outside 2xx (a 429 or 4xx here would mean the run measured an error path). */
  non2xx: number;
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** The server's CPU time per response (µs): steadier than req/s when other work shares the machine. */
  server_cpu_us: number;
  status_codes: Record<string, number>;
};

const JSON_AUTH = { authorization: AUTH, 'content-type': 'application/json' };

export type Step = NonNullable<autocannon.Options['requests']>[number];

/**
 * create → pay → cancel on one connection. A stateful server pays and cancels the order it just
 * created; Prism keeps nothing, so it gets the same three requests against the document's example order.
 */
function mixSteps(server: RunningServer): Step[] {
  const base = server.spec.base;
  const onOrder = (path: (id: string) => string): Step => ({
    method: 'POST',
    headers: { authorization: AUTH },
    // No id means the create failed: returning nothing makes autocannon restart the sequence.
    setupRequest: (request, context: { id?: string }) => (context.id ? { ...request, path: path(context.id) } : (null as any)),
  });
  return [
    {
      method: 'POST',
      path: `${base}/v1/customers/${CUSTOMER_ID}/orders`,
      headers: JSON_AUTH,
      body: CREATE_BODY,
      onResponse: (status, body, context: { id?: string }) => {
        context.id = status === 201 ? (server.spec.stateful ? JSON.parse(body).id : EXAMPLE_PAY_ORDER_ID) : undefined;
      },
    },
    onOrder((id) => `${base}/v1/orders/${id}/pay`),
    onOrder((id) => `${base}/v1/orders/${id}/cancel`),
  ];
}

function requestsFor(workload: WorkloadName, server: RunningServer): Step[] {
  const base = server.spec.base;
  if (workload === 'get') return getOrders(server, [ORDER_ID]);
  if (workload === 'post') return [{ method: 'POST', path: `${base}/v1/customers/${CUSTOMER_ID}/orders`, headers: JSON_AUTH, body: CREATE_BODY }];
  return mixSteps(server);
}

// autocannon stops on its next sample tick, so a coarse tick would round every run up to whole seconds.
const SAMPLE_MS = 100;

export const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Runs one autocannon pass (one per instance, in parallel, the connections shared out, when a
 * server has several). Latencies are taken from every response (sub-millisecond, unlike
 * autocannon's integer-millisecond histogram), and the status codes are counted.
 */
async function cannon(server: RunningServer, requests: Step[], connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpuBefore = server.cpuMs();
  const share = Math.ceil(connections / server.origins.length);
  const runs = await Promise.all(
    server.origins.map(
      (url) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon({ url, connections: share, duration: seconds, requests, sampleInt: SAMPLE_MS }, (error, done) => (error ? reject(error) : resolve(done)));
          instance.on('response', (_client, _status, _bytes, ms) => void latencies.push(ms));
        }),
    ),
  );
  const cpuUsed = server.cpuMs() - cpuBefore;
  const sorted = Float64Array.from(latencies).sort();
  const status_codes: Record<string, number> = {};
  for (const result of runs) {
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) status_codes[code] = (status_codes[code] ?? 0) + Number((stat as { count: number }).count);
  }
  const duration = Math.max(...runs.map((result) => result.duration));
  return {
    rps: Math.round(latencies.length / duration),
    p50_ms: round(percentile(sorted, 50), 3),
    p99_ms: round(percentile(sorted, 99), 3),
    non2xx: runs.reduce((n, result) => n + result.non2xx, 0),
    requests: latencies.length,
    errors: runs.reduce((n, result) => n + result.errors, 0),
    server_cpu_us: Math.round((cpuUsed * 1000) / Math.max(1, latencies.length)),
    status_codes,
  };
}

/** Warms the server up (discarded), then measures; throws when most answers were errors. */
export async function runRequests(server: RunningServer, name: string, requests: Step[], settings: BenchSettings): Promise<LoadResult> {
  if (settings.warmupSeconds > 0) await cannon(server, requests, settings.connections, settings.warmupSeconds);
  const result = await cannon(server, requests, settings.connections, settings.seconds);
  if (result.requests === 0 || result.non2xx > result.requests / 2) {
    throw new Error(`${server.spec.label} ${name}: ${result.non2xx} of ${result.requests} responses were not 2xx (${JSON.stringify(result.status_codes)}); the benchmark would measure an error path`);
  }
  return result;
}

export const runWorkload = (server: RunningServer, workload: WorkloadName, settings: BenchSettings): Promise<LoadResult> =>
  runRequests(server, workload, requestsFor(workload, server), settings);

/** GET requests cycling over the given order ids. */
export const getOrders = (server: RunningServer, ids: string[]): Step[] =>
  ids.map((id) => ({ method: 'GET', path: `${server.spec.base}/v1/orders/${id}`, headers: { authorization: AUTH } }));

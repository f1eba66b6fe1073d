import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './config.js';
import type { BenchResults } from './report.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ordermock-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERVER_NAMES = ['ordermock', 'ordermock_redis', 'ordermock_redis_x2', 'prism', 'prism_silent', 'raw'];
const ORDERMOCKS = ['ordermock', 'ordermock_redis', 'ordermock_redis_x2'];
const WORKLOAD_NAMES = ['get', 'post', 'mix'];

const expectPositive = (value: unknown, what: string) => {
  expect(typeof value, what).toBe('number');
  expect(Number.isFinite(value as number) && (value as number) > 0, `${what} = ${String(value)}`).toBe(true);
};

// The full benchmark is `npm run bench`; this runs every step of it briefly so the script cannot rot.
describe('npm run bench -- --quick', () => {
  it('measures every server and workload and writes results.json', async () => {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const out = join(dir, 'results.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', '--quick', '--out', out], { cwd: ROOT, timeout: 120_000 });
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;

    expect(Object.keys(results.servers).sort()).toEqual([...SERVER_NAMES].sort());
    for (const server of SERVER_NAMES) {
      for (const workload of WORKLOAD_NAMES) {
        const x = (results.servers as any)[server][workload];
        for (const field of ['rps', 'p50_ms', 'p99_ms']) expectPositive(x[field], `${server} ${workload} ${field}`);
        expect(x.non2xx, `${server} ${workload} non2xx`).toBe(0);
        expect(x.p99_ms).toBeGreaterThanOrEqual(x.p50_ms);
      }
    }
    for (const server of ORDERMOCKS) {
      for (const workload of WORKLOAD_NAMES) {
        for (const field of ['ratio_vs_prism', 'ratio_vs_prism_silent', 'ratio_vs_raw', 'p99_ratio_vs_raw']) {
          expectPositive((results.servers as any)[server][workload][field], `${server} ${workload} ${field}`);
        }
      }
    }
    expectPositive(results.cold_start_ms.ordermock, 'cold_start_ms.ordermock');
    expectPositive(results.cold_start_ms.prism, 'cold_start_ms.prism');
    expect(results.orders_1m.orders).toBeGreaterThan(results.orders_1k.orders);
    for (const point of [results.orders_1k, results.orders_1m]) for (const field of ['rps', 'p50_ms', 'p99_ms', 'rss_mb'] as const) expectPositive(point[field], `orders_${point.orders} ${field}`);
    expectPositive(results.rss_mb_1m, 'rss_mb_1m');
    expect(results.machine.node).toBe(process.version);
    expect(results.targets).toHaveLength(17);
    // ordermock and raw ran a second round; each case is one of its rounds, not a blend.
    for (const server of ['ordermock', 'raw'] as const) {
      for (const workload of ['get', 'post', 'mix'] as const) {
        expect(results.rounds_rps[server][workload]).toHaveLength(2);
        expect(results.rounds_rps[server][workload]).toContain(results.servers[server][workload].rps);
        // The compared p99 is the median round's own, listed with the others.
        const median = results.rounds_rps[server][workload].indexOf(results.servers[server][workload].rps);
        expect(results.rounds_p99_ms[server][workload][median]).toBe(results.servers[server][workload].p99_ms);
      }
    }
    expect(stdout).toContain('the median of 2 alternating rounds');
    for (const target of results.targets) expect(stdout).toContain(`${target.pass ? 'PASS' : 'MISS'}  ${target.name}`);
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './config.js';
import type { SoakMinute } from './soak.js';
import { soakGoals, type SoakResults } from './soak-report.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ordermock-soak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minute = (n: number, rss_mb: number, p99_ms: number, status_codes: Record<string, number> = { 200: 100 }): SoakMinute => ({
  minute: n,
  seconds: 60,
  requests: 100,
  rps: 2,
  p50_ms: 1,
  p99_ms,
  max_ms: p99_ms,
  new_tokens: 10,
  status_codes,
  non2xx: 0,
  rss_mb: rss_mb + 40,
  rss_median_mb: rss_mb,
  rss_max_mb: rss_mb + 50,
  server_cpu_us: 50,
  tenants: { live: 10, pinned: 0, evicted: 0 },
});

describe('the soak goals', () => {
  const verdicts = (minutes: SoakMinute[]) => soakGoals(minutes).map((g) => g.pass);

  it('compare RSS after the half-way minute with it, and the last p99 with the first', () => {
    const steady = [300, 320, 340, 350, 360, 370, 365, 372, 368, 375].map((rss, i) => minute(i + 1, rss, i === 9 ? 5.9 : 5));
    expect(verdicts(steady)).toEqual([true, true, true, true]);
    expect(soakGoals(steady)[2]!.value).toBeCloseTo(375 / 360 - 1, 3);
    const growing = steady.map((m, i) => ({ ...m, rss_median_mb: 300 + 10 * i }));
    expect(verdicts(growing)[2]).toBe(false);
    const slower = steady.map((m, i) => (i === 9 ? { ...m, p99_ms: 6.1 } : m));
    expect(verdicts(slower)[3]).toBe(false);
  });

  it('miss on any 429 or 5xx, and say n/a where a short run cannot tell', () => {
    expect(verdicts([minute(1, 100, 5, { 200: 10, 429: 1 }), minute(2, 100, 5, { 503: 1 })])).toEqual([false, false, true, true]);
    expect(verdicts([minute(1, 100, 5)])).toEqual([true, true, null, null]);
  });
});

// The real soak is `npm run bench -- --soak` (ten minutes); this runs a few seconds of it so the script cannot rot.
describe('npm run bench -- --soak --minutes 0.1', () => {
  it('drives new tokens and chains against the built server and writes the per-minute results', async () => {
    if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const out = join(dir, 'soak.json');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', '--soak', '--minutes', '0.1', '--rate', '200', '--out', out], { cwd: ROOT, timeout: 90_000 });
    const results = JSON.parse(readFileSync(out, 'utf8')) as SoakResults;
    expect(results.minutes).toHaveLength(1);
    const [only] = results.minutes;
    expect(only!.seconds).toBe(6);
    expect(only!.requests).toBeGreaterThan(0);
    expect(only!.new_tokens).toBeGreaterThan(0);
    expect(only!.tenants.live).toBeGreaterThan(0);
    expect(only!.non2xx).toBe(0);
    // create → pay → cancel ran: 201s for the creates beside the 200s.
    expect(only!.status_codes['201']).toBeGreaterThan(0);
    expect(only!.rss_mb).toBeGreaterThan(0);
    // Six seconds: five readings a second apart plus the end's; the median lies within them.
    expect(only!.rss_median_mb).toBeGreaterThan(0);
    expect(only!.rss_max_mb).toBeGreaterThanOrEqual(only!.rss_median_mb);
    expect(results.goals.map((g) => g.pass)).toEqual([true, true, null, null]);
    expect(stdout).toContain('| minute | req/s |');
  }, 90_000);
});

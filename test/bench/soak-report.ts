import { cpus } from 'node:os';
import type { SoakMinute, SoakSettings } from './soak.js';

export type SoakGoal = { name: string; value: number | null; limit: string; pass: boolean | null };

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

/**
 * The goals. RSS is compared over the second half of the run with its value at the
 * half-way minute (minute 5 of 10), a minute's value being the median of its once-a-second
 * readings (its end-of-minute reading lands anywhere on the collector's saw); a run too short to have a second half or a last minute
 * distinct from its first says so (null) rather than passing.
 */
export function soakGoals(minutes: SoakMinute[]): SoakGoal[] {
  const count = (test: (code: string) => boolean) => minutes.reduce((n, m) => n + Object.entries(m.status_codes).reduce((k, [code, c]) => k + (test(code) ? c : 0), 0), 0);
  const tooMany = count((code) => code === '429');
  const serverErrors = count((code) => code.startsWith('5'));
  const half = Math.ceil(minutes.length / 2);
  const reference = minutes[half - 1];
  const later = minutes.slice(half);
  const drift = reference && later.length ? Math.max(...later.map((m) => Math.abs(m.rss_median_mb / reference.rss_median_mb - 1))) : null;
  const first = minutes[0];
  const last = minutes.length > 1 ? minutes[minutes.length - 1] : undefined;
  const p99 = first && last ? ratio(last.p99_ms, first.p99_ms) : null;
  return [
    { name: '429 answers (tenant table full)', value: tooMany, limit: '0', pass: tooMany === 0 },
    { name: '5xx answers', value: serverErrors, limit: '0', pass: serverErrors === 0 },
    { name: `RSS (minute median) drift after minute ${half}`, value: drift === null ? null : Math.round(drift * 1000) / 1000, limit: '<= 0.05', pass: drift === null ? null : drift <= 0.05 },
    { name: 'last-minute p99 / first-minute p99', value: p99, limit: '<= 1.2', pass: p99 === null ? null : p99 <= 1.2 },
  ];
}

export type SoakResults = ReturnType<typeof summariseSoak>;

export function summariseSoak(minutes: SoakMinute[], settings: SoakSettings, loadavg: [number, number]) {
  return {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg_start: round2(loadavg[0]), loadavg_end: round2(loadavg[1]) },
    settings: { ...settings, server: 'ordermock as npm start runs it (defaults: --max-tenants 10000, --tenant-ttl 24h)', load_generator: 'autocannon, in the benchmark process on the same machine' },
    minutes,
    goals: soakGoals(minutes),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const cell = (value: string | number, width: number) => String(value).padStart(width);
const verdict = (pass: boolean | null) => (pass === null ? 'n/a ' : pass ? 'PASS' : 'MISS');

/** The per-minute table and the goals, for the terminal. */
export function formatSoakReport(r: SoakResults): string {
  const s = r.settings;
  const lines = [`ordermock soak ${r.date}: ${s.minutes} min, ${s.newTokensPerMinute} new tokens/min, chains and GETs at ${s.rate} req/s`];
  lines.push(`${r.machine.cpus} × ${r.machine.cpu_model}, node ${r.machine.node}, load average ${r.machine.loadavg_start} → ${r.machine.loadavg_end}`, '');
  lines.push(`${'min'.padEnd(4)}${cell('req/s', 7)}${cell('p50 ms', 9)}${cell('p99 ms', 9)}${cell('max ms', 9)}${cell('non-2xx', 9)}${cell('RSS med', 9)}${cell('RSS max', 9)}${cell('RSS end', 9)}${cell('CPU µs/req', 12)}${cell('live', 7)}${cell('evicted', 9)}`);
  for (const m of r.minutes) {
    lines.push(`${String(m.minute).padEnd(4)}${cell(m.rps, 7)}${cell(m.p50_ms.toFixed(2), 9)}${cell(m.p99_ms.toFixed(2), 9)}${cell(m.max_ms, 9)}${cell(m.non2xx, 9)}${cell(m.rss_median_mb, 9)}${cell(m.rss_max_mb, 9)}${cell(m.rss_mb, 9)}${cell(m.server_cpu_us, 12)}${cell(m.tenants.live, 7)}${cell(m.tenants.evicted, 9)}`);
  }
  lines.push('', 'goals:');
  for (const g of r.goals) lines.push(`  ${verdict(g.pass)}  ${g.name.padEnd(38)} ${cell(g.value ?? '-', 8)}  (${g.limit})`);
  lines.push('', 'for the README:', '', '| minute | req/s | p50 ms | p99 ms | RSS MB median / max / end | live tenants | evicted |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const m of r.minutes) lines.push(`| ${m.minute} | ${m.rps.toLocaleString('en')} | ${m.p50_ms.toFixed(2)} | ${m.p99_ms.toFixed(2)} | ${m.rss_median_mb} / ${m.rss_max_mb} / ${m.rss_mb} | ${m.tenants.live.toLocaleString('en')} | ${m.tenants.evicted.toLocaleString('en')} |`);
  return `${lines.join('\n')}\n`;
}

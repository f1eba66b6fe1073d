// `npm run bench [-- --quick] [-- --out PATH]`: ordermock, Prism and a raw node:http baseline on the
// Dirty Lemon spec, one server at a time, then cold start and per-request cost at 1k / 1M orders.
// `npm run bench -- --soak [--minutes N] [--rate R]`: the soak instead (test/bench/soak.ts).
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SPEC_CACHE_DIR } from '../../src/spec/package-files.js';
import { FULL, QUICK, ROOT } from './config.js';
import { runWorkload, WORKLOADS, type LoadResult, type WorkloadName } from './load.js';
import { formatReport, summarise, type Measurements } from './report.js';
import { measureScale } from './scale.js';
import { SERVERS, startServer, type RunningServer, type ServerName } from './servers.js';
import { runSoak, SOAK } from './soak.js';
import { formatSoakReport, summariseSoak } from './soak-report.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, out: { type: 'string' }, soak: { type: 'boolean' }, minutes: { type: 'string' }, rate: { type: 'string' } } });
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

if (values.soak) {
  const number = (flag: string, text: string | undefined, fallback: number) => {
    const n = text === undefined ? fallback : Number(text);
    if (!(n > 0)) throw new Error(`--${flag} must be a positive number, not '${text}'`);
    return n;
  };
  const soak = { ...SOAK, minutes: number('minutes', values.minutes, SOAK.minutes), rate: number('rate', values.rate, SOAK.rate) };
  // Only the full soak writes the committed results; a shorter run's go to an ignored file.
  const soakOut = values.out ?? join(ROOT, soak.minutes >= SOAK.minutes ? 'test/bench/soak-results.json' : 'test/bench/soak-results.quick.json');
  const soakLoadAtStart = loadavg()[0]!;
  const minutes = await runSoak(soak, progress);
  const results = summariseSoak(minutes, soak, [soakLoadAtStart, loadavg()[0]!]);
  writeFileSync(soakOut, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(formatSoakReport(results));
  progress(`wrote ${soakOut}`);
  process.exit(0);
}

const settings = values.quick ? QUICK : FULL;
// A quick run's numbers mean nothing, so it never overwrites the committed full results.
const out = values.out ?? join(ROOT, values.quick ? 'test/bench/results.quick.json' : 'test/bench/results.json');
const loadAtStart = loadavg()[0]!;

const load = {} as Measurements['load'];
const coldStartSamples: Measurements['coldStartSamples'] = { ordermock: [], prism: [] };
const coldStartCpu: Measurements['coldStartCpu'] = { ordermock: [], prism: [] };
const recordStart = (name: ServerName, server: RunningServer) => {
  if (name !== 'ordermock' && name !== 'prism') return;
  coldStartSamples[name].push(server.coldStartMs);
  coldStartCpu[name].push(server.coldStartCpuMs);
};

// The first start of a fresh clone parses the YAML specs; later starts read them from the cache.
rmSync(SPEC_CACHE_DIR, { recursive: true, force: true });
const first = await startServer(SERVERS.ordermock);
const firstRunMs = first.coldStartMs;
await first.stop();
progress(`ordermock first start (no spec cache): ${Math.round(firstRunMs)} ms`);

/** Every workload against a fresh start of one server. */
async function measureServer(name: ServerName): Promise<Record<WorkloadName, LoadResult>> {
  const server = await startServer(SERVERS[name]);
  recordStart(name, server);
  progress(`${server.spec.label} up in ${Math.round(server.coldStartMs)} ms`);
  try {
    const byWorkload = {} as Record<WorkloadName, LoadResult>;
    for (const workload of WORKLOADS) {
      byWorkload[workload] = await runWorkload(server, workload, settings);
      progress(`${server.spec.label} ${workload}: ${byWorkload[workload].rps} req/s, p99 ${byWorkload[workload].p99_ms} ms`);
    }
    return byWorkload;
  } finally {
    await server.stop();
  }
}

for (const name of Object.keys(SERVERS) as ServerName[]) load[name] = await measureServer(name);

// More rounds of the pair the hot-path targets compare, alternating which goes first; each case is
// then its median round (by req/s, with that round's p99 and CPU), the same rule for both servers.
const PAIR = ['ordermock', 'raw'] as const;
const rounds: Record<(typeof PAIR)[number], Record<WorkloadName, LoadResult>[]> = { ordermock: [load.ordermock], raw: [load.raw] };
for (let round = 2; round <= settings.rawRounds; round++) {
  for (const name of round % 2 ? PAIR : [...PAIR].reverse()) rounds[name].push(await measureServer(name));
}
const medianRound = (results: LoadResult[]) => [...results].sort((a, b) => a.rps - b.rps)[Math.floor((results.length - 1) / 2)]!;
for (const name of PAIR) load[name] = Object.fromEntries(WORKLOADS.map((w) => [w, medianRound(rounds[name].map((r) => r[w]))])) as Record<WorkloadName, LoadResult>;

for (const name of ['ordermock', 'prism'] as const) {
  while (coldStartSamples[name].length < settings.coldStartRuns) {
    const server = await startServer(SERVERS[name]);
    recordStart(name, server);
    await server.stop();
  }
  progress(`${name} cold starts: ${coldStartSamples[name].map(Math.round).join(', ')} ms`);
}

progress(`per-request cost with ${settings.smallOrders} and ${settings.largeOrders} orders`);
const scale = await measureScale(settings);

const results = summarise({ load, rounds, coldStartSamples, coldStartCpu, firstRunMs, scale, loadavg: [loadAtStart, loadavg()[0]!] }, settings);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(formatReport(results));
progress(`wrote ${out}`);

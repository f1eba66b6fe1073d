/**
 * Measures every /docs page in Chromium, as a reader meets it: a first visit in a fresh browser
 * profile (empty caches), then a second and a third visit with that profile (Chromium keeps V8's
 * code cache for a script from its second run on), `--rounds` times (default 3), and
 * prints the medians: `npx tsx scripts/measure-docs.ts [--rounds 5] [--pages sfox,admin] [--json out.json] [--reader]`.
 * By default the pages are driven by Playwright, whose DevTools `Runtime` domain makes a first visit
 * much slower (test/browser/docs-reader.ts says why); `--reader` measures a browser with no DevTools.
 * On a shared machine run it under the benchmark lock: `flock /work/perf.lock npx tsx scripts/measure-docs.ts`.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createMock } from '../src/http/app.js';
import { API_NAMES, type SpecName } from '../src/spec/load.js';
import { measureVisits, VISITS, type PageCost, type Visit } from '../test/browser/docs-page.js';
import { measureReaderVisits } from '../test/browser/docs-reader.js';

const ALL_PAGES: SpecName[] = [...API_NAMES, 'admin'];
const { values } = parseArgs({ options: { reader: { type: 'boolean', default: false }, rounds: { type: 'string', default: '3' }, json: { type: 'string' }, pages: { type: 'string', default: ALL_PAGES.join(',') } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a whole number of at least 1, not ${values.rounds}`);

const PAGES = values.pages.split(',') as SpecName[];
const unknown = PAGES.filter((name) => !ALL_PAGES.includes(name));
if (unknown.length > 0) throw new Error(`--pages takes some of ${ALL_PAGES.join(',')}, not ${unknown.join(',')}`);

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

const mock = createMock({ strict: true });
const base = `http://127.0.0.1:${await mock.listen(0)}`;
const runs = Object.fromEntries(PAGES.map((name) => [name, Object.fromEntries(VISITS.map((visit) => [visit, [] as PageCost[]]))])) as Record<string, Record<Visit, PageCost[]>>;
const loadBefore = loadavg();
try {
  // The server renders the site on its first request: a warm-up visit keeps that out of the numbers.
  await (await fetch(`${base}/docs/${PAGES[0]}`)).text();
  for (let round = 0; round < rounds; round++) {
    for (const name of PAGES) {
      const costs = await (values.reader ? measureReaderVisits : measureVisits)(`${base}/docs/${name}`);
      for (const visit of VISITS) runs[name]![visit].push(costs[visit]);
    }
  }
} finally {
  await mock.close();
}
const loadAfter = loadavg();

const summary = PAGES.flatMap((name) =>
  VISITS.map((visit) => {
    const costs = runs[name]![visit];
    return {
      page: name,
      visit,
      operations: Math.min(...costs.map((c) => c.operations)),
      readyMs: median(costs.map((c) => c.readyMs)),
      mainThreadCpuMs: median(costs.map((c) => c.mainThreadCpuMs)),
      kB: Math.round(median(costs.map((c) => c.bytes)) / 1024),
      requests: median(costs.map((c) => c.requests)),
      readyMsRuns: costs.map((c) => c.readyMs).join(' '),
    };
  }),
);
console.table(summary);
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
console.log(`${values.reader ? 'a reader\'s browser (no DevTools)' : 'Playwright (DevTools Runtime on)'}, ${rounds} round(s); load average before ${load(loadBefore)}, after ${load(loadAfter)}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ reader: values.reader, rounds, loadBefore, loadAfter, summary, runs }, null, 2)}\n`);

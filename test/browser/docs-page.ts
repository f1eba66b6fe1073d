import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { OpenApiDoc } from '../../src/spec/load.js';
import { indexOperations } from '../../src/spec/operations.js';
import { readStateMachine } from '../../src/spec/state-machine.js';

export const CHROMIUM = '/usr/bin/chromium';

/** The window the docs tests and measurements open pages in. */
export const VIEWPORT = { width: 1280, height: 900 };

/** Headless, and every background service that could phone home turned off. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The docs browser test needs Debian's Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does this).`);
  }
}

/** Debian's Chromium, headless, with every background service that could phone home turned off. */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  // launch() gives each run a fresh profile in a temporary directory and deletes it on close.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * The same Chromium with a fresh profile on disk, as a reader's browser has: unlike launch()'s
 * contexts, which are off the record, it keeps V8's code cache next to the HTTP cache, so repeat
 * visits measure what a reader gets. `close()` closes the browser and deletes the profile.
 */
export async function launchReaderProfile(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  requireChromium();
  const dir = mkdtempSync(join(tmpdir(), 'ordermock-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT });
  return {
    context,
    async close() {
      await context.close();
      // Chromium may still be writing its profile as it exits.
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a request stays on this machine: loopback HTTP, files, or in-page data and blobs. */
export function isLocalUrl(url: string): boolean {
  const parsed = new URL(url);
  if (['file:', 'data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

export type PageWatch = { consoleErrors: string[]; remoteRequests: string[] };

/** Records console errors and uncaught exceptions, and aborts (and records) any non-local request. */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { consoleErrors: [], remoteRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(String(error)));
  // Requests the router does not see (a worker's, a preconnect) still show up here.
  page.on('request', (request) => {
    if (!isLocalUrl(request.url())) watch.remoteRequests.push(request.url());
  });
  await page.route('**/*', (route) => (isLocalUrl(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  return watch;
}

/** What a rendered docs page shows: the diagram's states and arrows, the console's operations. */
export type RenderedDocs = {
  states: string[];
  arrows: { from: string; to: string; operation: string }[];
  /** Rules that keep the status, drawn as loops on their state. */
  loops: { state: string; operation: string }[];
  /** Swagger UI's operation blocks: `operations-<tag>-<operationId>` and the summary shown. */
  sections: { id: string; heading: string }[];
};

/** Waits for the console (Swagger UI) to finish rendering and reads the page. */
export async function readDocsPage(page: Page): Promise<RenderedDocs> {
  await page.waitForSelector('body[data-console]', { timeout: 20_000 });
  const state = await page.getAttribute('body', 'data-console');
  if (state !== 'ready') throw new Error(`Swagger UI did not render the page (data-console=${state})`);
  return page.evaluate(() => ({
    states: [...document.querySelectorAll('svg.lc [data-state]')].map((n) => n.getAttribute('data-state')!),
    arrows: [...document.querySelectorAll('svg.lc .lc-edge[data-kind="transition"]')].map((n) => ({
      from: n.getAttribute('data-from')!,
      to: n.getAttribute('data-to')!,
      operation: n.getAttribute('data-operation')!,
    })),
    loops: [...document.querySelectorAll('svg.lc .lc-loop')].map((n) => ({ state: n.getAttribute('data-from')!, operation: n.getAttribute('data-operation')! })),
    sections: [...document.querySelectorAll('#console .opblock[id^="operations-"]')].map((n) => ({
      id: n.id,
      heading: n.querySelector('.opblock-summary-description')?.textContent?.trim() ?? '',
    })),
  }));
}

/** Everything the spec says a page must show that the rendered page lacks (empty when complete). */
export function missingFromDocs(doc: OpenApiDoc, rendered: RenderedDocs): string[] {
  const problems: string[] = [];
  for (const op of indexOperations(doc)) {
    const section = rendered.sections.find((s) => s.id.endsWith(`-${op.operationId}`));
    if (!section) problems.push(`operation ${op.operationId} is not in the reference`);
    else if (op.operation.summary && section.heading !== op.operation.summary) {
      problems.push(`operation ${op.operationId} is headed "${section.heading}", not its summary "${op.operation.summary}"`);
    }
  }
  if (!doc.components?.schemas?.OrderStatus) return problems;
  const machine = readStateMachine(doc);
  for (const state of machine.states) if (!rendered.states.includes(state)) problems.push(`state ${state} is not in the diagram`);
  for (const { operationId, rules } of Object.values(machine.operations)) {
    for (const rule of rules) {
      for (const from of rule.from) {
        if (rule.to === undefined) {
          if (!rendered.loops.some((l) => l.state === from && l.operation === operationId)) problems.push(`${operationId} on ${from} (status kept) is not in the diagram`);
          continue;
        }
        if (!rendered.arrows.some((a) => a.from === from && a.to === rule.to && a.operation === operationId)) {
          problems.push(`transition ${from} → ${rule.to} (${operationId}) is not in the diagram`);
        }
      }
    }
  }
  return problems;
}

/** What the console shows after "Execute": the status code and the response body as text. */
export type ConsoleReply = { status: number; body: string; curl: string };

/**
 * Sends one operation from the console the way a reader does: open it, pick a parameter's named
 * example or type a value, edit the body, press Execute, read the response under it.
 */
export async function sendFromConsole(
  page: Page,
  operationId: string,
  input: { examples?: Record<string, string>; params?: Record<string, string>; body?: string } = {},
): Promise<ConsoleReply> {
  const op = page.locator(`#console .opblock[id$="-${operationId}"]`).first();
  if (!(await op.evaluate((n) => n.classList.contains('is-open')))) await op.locator('.opblock-summary').first().click();
  for (const [name, example] of Object.entries(input.examples ?? {})) {
    await op.locator(`tr[data-param-name="${name}"] select.examples-select-element`).selectOption(example);
  }
  for (const [name, value] of Object.entries(input.params ?? {})) await op.locator(`tr[data-param-name="${name}"] input`).fill(value);
  if (input.body !== undefined) await op.locator('.opblock-section-request-body textarea').fill(input.body);
  await op.locator('button.execute').click();
  const live = op.locator('.live-responses-table .response').first();
  await live.waitFor({ timeout: 10_000 });
  return {
    status: Number(await live.locator('.response-col_status').innerText()),
    body: await live.locator('.response-col_description pre').first().innerText(),
    curl: await op.locator('.curl-command').innerText(),
  };
}

/**
 * What loading a docs page cost: bytes over the wire and the requests that reached the server
 * (a cache hit counts for neither), and time until its console answered.
 */
export type PageCost = {
  /** Operations the console rendered: a console that broke while rendering is fast and worthless. */
  operations: number;
  bytes: number;
  requests: number;
  readyMs: number;
  mainThreadCpuMs: number;
};

/**
 * Loads a docs page in a new tab of `context` and measures it: bytes over the wire, wall
 * time from navigation to the console's ready mark, and the main thread's CPU time up to then
 * (Chromium's `ThreadTime`), which a busy machine stretches far less than wall time. A second
 * visit in the same context measures a repeat visit (HTTP cache and V8's code cache warm).
 */
export async function measureVisit(context: BrowserContext, url: string): Promise<PageCost> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.goto(url);
  const rendered = await readDocsPage(page);
  // Resource Timing's transferSize: bytes over the wire, headers included; 0 for a response the
  // browser's cache served, a few hundred bytes for a 304.
  const { readyMs, bytes, requests } = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    return { readyMs: performance.now(), bytes: entries.reduce((sum, e) => sum + e.transferSize, 0), requests: entries.filter((e) => e.transferSize > 0).length };
  });
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return {
    operations: rendered.sections.length,
    bytes,
    requests,
    readyMs: Math.round(readyMs),
    mainThreadCpuMs: Math.round(metrics.find((m) => m.name === 'ThreadTime')!.value * 1000),
  };
}

/**
 * The visits a reader's browser makes: the first with an empty profile, the second with the HTTP
 * cache (Chromium compiles the console again and keeps the code this time), the third with V8's
 * code cache as well.
 */
export const VISITS = ['first', 'second', 'third'] as const;
export type Visit = (typeof VISITS)[number];

/** Each of `VISITS` to `url`, measured in one fresh reader profile (launchReaderProfile). */
export async function measureVisits(url: string): Promise<Record<Visit, PageCost>> {
  const profile = await launchReaderProfile();
  try {
    const costs: Partial<Record<Visit, PageCost>> = {};
    for (const visit of VISITS) costs[visit] = await measureVisit(profile.context, url);
    return costs as Record<Visit, PageCost>;
  } finally {
    await profile.close();
  }
}

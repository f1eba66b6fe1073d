import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM, CHROMIUM_ARGS, VIEWPORT, VISITS, type PageCost, type Visit } from './docs-page.js';

// Why a second way to measure. Playwright enables the DevTools `Runtime` domain on every page, and
// with it V8 records a detailed stack trace for every error the page creates, parsing big functions
// again for their source positions: on a first visit to a docs page that was over half of the time
// measured (see README, Docs). A reader's browser has no DevTools attached. These visits speak the
// DevTools protocol over Chromium's pipe and send only what measuring needs (Page, Performance and
// Runtime.evaluate, none of which turns that recording on).

type Cdp = { send(method: string, params?: object, sessionId?: string): Promise<any>; close(): Promise<void> };

/** Chromium with a fresh on-disk profile, driven over `--remote-debugging-pipe` (fd 3 in, fd 4 out). */
function launchBare(): Cdp {
  const dir = mkdtempSync(join(tmpdir(), 'ordermock-reader-'));
  const args = [...CHROMIUM_ARGS, `--user-data-dir=${dir}`, `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, '--remote-debugging-pipe', 'about:blank'];
  const chromium: ChildProcess = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const input = chromium.stdio[3] as Writable;
  const output = chromium.stdio[4] as Readable;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; method: string }>();
  let nextId = 0;
  let buffered = '';
  output.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let end: number;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) continue;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.resolve(message.result);
    }
  });
  const exited = new Promise<void>((resolve) => chromium.once('exit', () => resolve()));
  return {
    send(method, params = {}, sessionId) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
      });
    },
    async close() {
      await this.send('Browser.close').catch(() => chromium.kill());
      await exited;
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

// Notes the moment docs.js marks the console ready or broken, before the page's own scripts run.
const READY_MARK = `new MutationObserver((_, observer) => {
  if (!document.body || !document.body.hasAttribute('data-console')) return;
  window.__consoleMark = { at: performance.now(), state: document.body.getAttribute('data-console') };
  observer.disconnect();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-console'] });`;

const READ_COST = `(() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return {
    mark: window.__consoleMark,
    bytes: entries.reduce((sum, e) => sum + e.transferSize, 0),
    requests: entries.filter((e) => e.transferSize > 0).length,
    operations: document.querySelectorAll('#console .opblock[id^="operations-"]').length,
  };
})()`;

async function visitBare(cdp: Cdp, url: string): Promise<PageCost> {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  await cdp.send('Page.enable', {}, sessionId);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }, sessionId);
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: READY_MARK }, sessionId);
  await cdp.send('Page.navigate', { url }, sessionId);
  const deadline = Date.now() + 20_000;
  let cost: { mark?: { at: number; state: string }; bytes: number; requests: number; operations: number } | undefined;
  while (!cost?.mark) {
    if (Date.now() > deadline) throw new Error(`${url}: the console did not finish within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    cost = (await cdp.send('Runtime.evaluate', { expression: READ_COST, returnByValue: true }, sessionId)).result.value;
  }
  if (cost.mark.state !== 'ready') throw new Error(`Swagger UI did not render ${url} (data-console=${cost.mark.state})`);
  const { metrics } = await cdp.send('Performance.getMetrics', {}, sessionId);
  await cdp.send('Target.closeTarget', { targetId });
  return {
    operations: cost.operations,
    bytes: cost.bytes,
    requests: cost.requests,
    readyMs: Math.round(cost.mark.at),
    mainThreadCpuMs: Math.round(metrics.find((m: { name: string }) => m.name === 'ThreadTime').value * 1000),
  };
}

/**
 * Like measureVisits, but as a reader's browser meets the page: no DevTools domain that changes
 * what V8 does is enabled (Playwright's pages always have `Runtime` on). The main-thread CPU time
 * counts the polling for the ready mark too (a few milliseconds).
 */
export async function measureReaderVisits(url: string): Promise<Record<Visit, PageCost>> {
  const cdp = launchBare();
  try {
    const costs: Partial<Record<Visit, PageCost>> = {};
    for (const visit of VISITS) costs[visit] = await visitBare(cdp, url);
    return costs as Record<Visit, PageCost>;
  } finally {
    await cdp.close();
  }
}

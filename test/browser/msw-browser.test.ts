/**
 * The engine in a real browser: examples/browser (built with esbuild from the package's browser
 * bundle) registers MSW's worker and drives a Dirty Lemon order through plain fetch calls to
 * https://api.dirtylemon.com, answered by ordermock inside the page.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserExample } from '../../examples/browser/build.js';
import { packageRoot } from '../../src/spec/package-files.js';
import { isLocalUrl, launchChromium } from './docs-page.js';

const ARTIFACTS = join(packageRoot, 'test', 'artifacts');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

let browser: Browser;
let site: Server;
let origin: string;
let dir: string;

/** A static file server for the built page, on loopback (a service worker needs a secure origin; localhost is one). */
function serveDirectory(root: string): Server {
  return createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
}

beforeAll(async () => {
  if (!existsSync(join(packageRoot, 'dist', 'browser', 'msw.js'))) throw new Error('dist/browser is missing: run `npm run build` first (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'ordermock-browser-'));
  await buildBrowserExample(dir);
  site = serveDirectory(dir);
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('examples/browser: ordermock behind MSW in Chromium', () => {
  it('creates, pays and cancels at https://api.dirtylemon.com, refuses fulfil with allowed_from, records charge and refund', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(String(error)));
    // Whatever the worker answers never reaches the router; anything that does would leave the machine.
    const escaped: string[] = [];
    await page.route('**/*', (route) => {
      if (isLocalUrl(route.request().url())) return route.continue();
      escaped.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const served: { url: string; fromWorker: boolean }[] = [];
    page.on('response', (response) => {
      if (!isLocalUrl(response.url())) served.push({ url: response.url(), fromWorker: response.fromServiceWorker() });
    });

    await page.goto(`${origin}/index.html`);
    await page.waitForSelector('body[data-done="true"]', { timeout: 30_000 });
    const { steps, outbox } = await page.evaluate(() => (window as any).ordermockDemo);

    expect(steps.map((s: any) => [s.step, s.status])).toEqual([
      ['create', 201],
      ['pay', 200],
      ['cancel', 200],
      ['fulfill (illegal now)', 422],
    ]);
    expect(steps.slice(0, 3).map((s: any) => s.body.status)).toEqual(['created', 'paid', 'canceled']);
    expect(steps[3].body.error).toMatchObject({ code: 'invalid_state_transition', current_status: 'canceled', allowed_from: ['paid'] });
    const types = outbox.map((e: any) => e.type);
    expect(types).toContain('charge');
    expect(types).toContain('refund');
    expect(outbox.find((e: any) => e.type === 'charge').data).toMatchObject({ amount: 13000, currency: 'usd' });
    expect(await page.locator('#steps tr').count()).toBe(4);

    expect(served.length).toBe(4);
    expect(served.every((s) => s.fromWorker && s.url.startsWith('https://api.dirtylemon.com/'))).toBe(true);
    expect(escaped).toEqual([]);
    // Chromium logs every 4xx answer; the one refused step is expected to be one.
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    expect(errors.length).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'msw-browser.png'), fullPage: true });
    await page.close();
  });
});

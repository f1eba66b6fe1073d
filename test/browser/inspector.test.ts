import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_CUSTOMER_ID, FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { INSPECTOR_SCRIPT } from '../../src/inspector/routes.js';
import { packageRoot } from '../../src/spec/package-files.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { launchChromium, watchPage, type PageWatch } from './docs-page.js';

const ARTIFACTS = join(packageRoot, 'test', 'artifacts');
const BROWSER_SOURCES = join(packageRoot, 'src', 'inspector', 'browser');

let browser: Browser;
let mock: RunningMock;

/** The page runs dist's bundle: one older than its sources would test yesterday's page. */
function expectFreshBundle() {
  const newestSource = Math.max(...readdirSync(BROWSER_SOURCES).map((file) => statSync(join(BROWSER_SOURCES, file)).mtimeMs));
  let built = 0;
  try {
    built = statSync(INSPECTOR_SCRIPT).mtimeMs;
  } catch {
    /* not built */
  }
  if (built < newestSource) throw new Error(`${INSPECTOR_SCRIPT} is missing or older than src/inspector/browser/: run npm run build`);
}

beforeAll(async () => {
  expectFreshBundle();
  browser = await launchChromium();
  mock = await startMock();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

type Opened = { page: Page; watch: PageWatch; fetched: string[] };

async function open(target: RunningMock, path: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const watch = await watchPage(page);
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(request.url()));
  const response = await page.goto(target.base + path);
  expect(response?.status(), `${path} answered ${response?.status()}`).toBe(200);
  return { page, watch, fetched };
}

/** No console error, and every request went to the mock itself (the bundle, the stylesheet, the admin API). */
function expectQuietAndOwn({ watch, fetched }: Opened, target: RunningMock) {
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.remoteRequests).toEqual([]);
  expect(fetched.filter((url) => !url.startsWith(`${target.base}/`))).toEqual([]);
  expect(fetched.length).toBeGreaterThan(3);
}

const count = (page: Page, api: string, state: string) =>
  page.$eval(`.diagram[data-api="${api}"] [data-state="${state}"]`, (g) => Number(g.getAttribute('data-count')));

const createOrder = (token: string) =>
  mock.call('POST', `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders`, { token, body: { line_items: [{ sku: '868137000115', quantity: 1 }] } });

// Each test drives a browser page through several polls; a loaded machine needs more than the default 30 s.
describe('the inspector at /__mock/ui', { timeout: 60_000 }, () => {
  it('shows the requests, the refusal, live updates and the order counts', async () => {
    const token = mock.newToken();
    const { body: order } = await createOrder(token);
    expect((await mock.call('POST', `/dirtylemon/v1/orders/${order.id}/fulfill`, { token })).status).toBe(422);

    const opened = await open(mock, `/__mock/ui?token=${token}`);
    const { page } = opened;
    await page.waitForSelector('tr[data-operation="createOrder"]');
    const refused = page.locator('tr[data-operation="fulfillOrder"]');
    await expect.poll(() => refused.getAttribute('class')).toContain('refused');
    expect(await refused.getAttribute('data-status')).toBe('422');
    expect(await refused.innerText()).toContain('invalid_state_transition');
    expect(await page.locator('tr[data-operation="createOrder"]').getAttribute('class')).not.toContain('refused');
    await page.waitForSelector('.diagram[data-api="dirtylemon"] [data-state="created"][data-count]');
    const created = await count(page, 'dirtylemon', 'created');
    const paid = await count(page, 'dirtylemon', 'paid');
    expect(created).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-requests.png'), fullPage: true });

    // Sent while the page is open: the next poll shows it, without a reload.
    const sent = performance.now();
    expect((await mock.call('POST', `/dirtylemon/v1/orders/${order.id}/pay`, { token })).status).toBe(200);
    await page.waitForSelector('tr[data-operation="payOrder"]', { timeout: 2000 });
    expect(performance.now() - sent).toBeLessThan(2000);
    await expect.poll(() => count(page, 'dirtylemon', 'created'), { timeout: 2000 }).toBe(created - 1);
    expect(await count(page, 'dirtylemon', 'paid')).toBe(paid + 1);
    // Newest first.
    expect(await page.$$eval('tr.row', (rows) => rows.map((r) => r.getAttribute('data-operation')))).toEqual(['payOrder', 'fulfillOrder', 'createOrder']);

    // A row opens onto the bodies the mock journaled.
    await refused.click();
    expect(await page.locator('tr.detail').innerText()).toContain('"allowed_from"');

    // A state lists its orders; an order shows its story: the requests about it and its side effects.
    await page.click('.diagram[data-api="dirtylemon"] [data-state="paid"]');
    await page.click(`#state-orders [data-order="${order.id}"]`);
    const detail = page.locator('#order-detail');
    await expect.poll(() => detail.innerText()).toContain('Side effects');
    const story = await detail.innerText();
    for (const text of ['createOrder → 201', 'fulfillOrder → 422', 'payOrder → 200', 'charge', 'email.confirmation', '"status": "paid"']) expect(story).toContain(text);
    expect(await page.locator('#outbox-list li[data-type="charge"]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-order.png'), fullPage: true });

    expectQuietAndOwn(opened, mock);
    await page.close();
  });

  it('controls: fault rules listed and cleared, the clock advanced (a settle), the tenant reset', async () => {
    const token = mock.newToken();
    await mock.call('POST', '/__mock/faults', { token, body: { api: 'dirtylemon', operationId: 'payOrder', status: 503, remaining: 2 } });
    expect((await mock.call('POST', `/dirtylemon/v1/orders/${FIXTURE_ORDERS.created}/pay`, { token })).status).toBe(503);
    // Order 124 is working: its cancel stays pending until 2 s pass on the (frozen) virtual clock.
    await mock.call('POST', '/__mock/clock', { token, body: { freeze_at: '2024-05-01T10:00:00.000Z' } });
    expect((await mock.call('DELETE', '/sfox/v1/orders/124', { token })).body).toEqual({ status: 'cancel pending' });
    await mock.call('POST', '/__mock/faults', { token, body: { delay_ms: 1, remaining: 5 } });

    const opened = await open(mock, `/__mock/ui?token=${token}`);
    const { page } = opened;
    await page.click('#api-tabs button[data-api="sfox"]');
    // Fixture 127 is cancel_pending too.
    await page.waitForSelector('.diagram[data-api="sfox"] [data-state="cancel_pending"][data-count="2"]');
    expect(await page.locator('#fault-list li').allInnerTexts()).toEqual([expect.stringContaining('#1 dirtylemon payOrder → status 503 (1 left)'), expect.stringContaining('#2 any API → +1 ms (5 left)')]);
    expect(await page.locator('tr[data-status="503"]').innerText()).toContain('fault 1: status 503');
    expect(await page.locator('#clock').innerText()).toContain('1 pending');

    await page.click('#clear-faults');
    await page.waitForSelector('#fault-list li', { state: 'detached' });
    await page.fill('#advance-ms', '2000');
    await page.click('#clock-form button');
    await page.waitForSelector('#outbox-list li[data-type="settle"]');
    expect(await count(page, 'sfox', 'cancel_pending')).toBe(1);
    expect(await page.locator('#clock').innerText()).not.toContain('pending');
    await page.screenshot({ path: join(ARTIFACTS, 'inspector-controls.png'), fullPage: true });
    expect((await mock.call('GET', '/__mock/faults', { token })).body.faults).toEqual([]);

    await page.click('#reset');
    await page.waitForSelector('tr.row', { state: 'detached' });
    expect(await page.locator('#requests-empty').isVisible()).toBe(true);
    expect(await count(page, 'sfox', 'working')).toBe(1);
    expectQuietAndOwn(opened, mock);
    await page.close();
  });

  it('switches tenants from the token field', async () => {
    const [first, second] = [mock.newToken(), mock.newToken()];
    await createOrder(first);
    const opened = await open(mock, `/__mock/ui?token=${first}`);
    const { page } = opened;
    await page.waitForSelector('tr[data-operation="createOrder"]');
    await page.fill('#token', second);
    await page.click('#tenant-form button');
    await page.waitForSelector('tr.row', { state: 'detached' });
    expect(new URL(page.url()).searchParams.get('token')).toBe(second);
    await mock.call('DELETE', '/sfox/v1/orders/123', { token: second });
    await page.waitForSelector('tr[data-operation="cancelOrder"]');
    expect(await page.locator('tr.row').count()).toBe(1);
    expectQuietAndOwn(opened, mock);
    await page.close();
  });
});

describe('access, as the rest of /__mock', { timeout: 60_000 }, () => {
  it('with --admin-token: refused without it; with ?admin_token= the page loads and sends it', async () => {
    const guarded = await startMock({ adminToken: 's3cret' });
    try {
      for (const path of ['/__mock/ui', '/__mock/ui/inspector.js', '/__mock/ui/inspector.css', '/__mock/ui?admin_token=wrong']) {
        const res = await fetch(guarded.base + path);
        expect(res.status, path).toBe(401);
        expect(await res.text()).toContain('admin_token=');
      }
      const token = guarded.newToken();
      await guarded.call('DELETE', '/sfox/v1/orders/123', { token });
      const opened = await open(guarded, `/__mock/ui?token=${token}&admin_token=s3cret`);
      await opened.page.waitForSelector('tr[data-operation="cancelOrder"]');
      expect(await opened.page.inputValue('#admin-token')).toBe('s3cret');
      expectQuietAndOwn(opened, guarded);
      await opened.page.close();
    } finally {
      await guarded.close();
    }
  });
});

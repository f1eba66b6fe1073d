import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocsSite, docsSpecs, STATIC_LINKS, STATIC_MOCK_ORIGIN } from '../../src/docs/site.js';
import { writeDocsSite } from '../../src/docs/write-site.js';
import { API_NAMES } from '../../src/spec/load.js';
import { packageRoot } from '../../src/spec/package-files.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { launchChromium, readDocsPage, sendFromConsole, watchPage, type PageWatch } from './docs-page.js';

// The console on each API page sends requests from the browser to the mock, with the reader's
// token; the mock's admin API then shows the change for that token and no other.

const ARTIFACTS = join(packageRoot, 'test', 'artifacts');
const DOCUMENT_ORDER = '44024b51-742a-4598-8311-d9a629631987';

let browser: Browser;
let mock: RunningMock;
let staticSite: string;

beforeAll(async () => {
  browser = await launchChromium();
  mock = await startMock();
  mkdirSync(ARTIFACTS, { recursive: true });
  staticSite = mkdtempSync(join(tmpdir(), 'ordermock-docs-console-'));
  writeDocsSite(staticSite, buildDocsSite(docsSpecs(API_NAMES), STATIC_LINKS));
});

afterAll(async () => {
  await browser?.close();
  await mock?.close();
  if (staticSite) rmSync(staticSite, { recursive: true, force: true });
});

/** Opens a docs page with the given token typed into its token field. */
async function openWithToken(url: string, token: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watch = await watchPage(page);
  await page.goto(url);
  await readDocsPage(page);
  await page.fill('#token', token);
  return { page, watch };
}

async function finish(page: Page, watch: PageWatch, screenshot: string) {
  await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: false });
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.remoteRequests).toEqual([]);
  await page.close();
}

// Each test loads a 1.7 MB page in Chromium; on a shared 2-core machine that can take seconds.
describe('the console on /docs sends requests to the mock with the reader token', { timeout: 90_000 }, () => {
  it('sfox: DELETE /v1/orders/124 from the page answers "cancel pending" and the order is cancel_pending for that token only', async () => {
    const token = mock.newToken();
    // A frozen virtual clock keeps the 2 s settle from finishing while the test reads the order.
    await mock.call('POST', '/__mock/clock', { token, body: { freeze_at: '2024-05-01T10:00:00Z' } });
    const { page, watch } = await openWithToken(`${mock.base}/docs/sfox`, token);

    const reply = await sendFromConsole(page, 'cancelOrder', { examples: { order_id: 'cancelPending' } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ status: 'cancel pending' });
    expect(reply.curl).toContain(`${mock.base}/sfox/v1/orders/124`);
    expect(reply.curl).toContain(`Authorization: Bearer ${token}`);
    await page.locator('#operations-Orders-cancelOrder .live-responses-table').scrollIntoViewIfNeeded();
    await finish(page, watch, 'docs-console-sfox-cancel.png');

    expect((await mock.call('GET', '/__mock/sfox/orders/124', { token })).body).toMatchObject({ id: '124', status: 'cancel_pending' });
    expect((await mock.call('GET', '/__mock/sfox/orders/124', { token: mock.newToken() })).body).toMatchObject({ status: 'working' });
  });

  it('dirtylemon: paying the document order from the page records its charge in the token outbox', async () => {
    const token = mock.newToken();
    const { page, watch } = await openWithToken(`${mock.base}/docs/dirtylemon`, token);

    const reply = await sendFromConsole(page, 'payOrder', { params: { order_id: DOCUMENT_ORDER } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ id: DOCUMENT_ORDER, status: 'paid' });
    await page.locator('.live-responses-table').first().scrollIntoViewIfNeeded();
    await finish(page, watch, 'docs-console-dirtylemon-pay.png');

    const outbox = await mock.call('GET', '/__mock/outbox', { token });
    expect(outbox.body.entries.filter((e: any) => e.order_id === DOCUMENT_ORDER).map((e: any) => e.type)).toEqual(['charge', 'shipments.create', 'email.confirmation']);
  });

  it('estoka: the token goes out in the Rails form the spec documents', async () => {
    const token = mock.newToken();
    const { page, watch } = await openWithToken(`${mock.base}/docs/estoka`, token);
    const reply = await sendFromConsole(page, 'cancelOrder');
    expect(reply.status).toBe(200);
    expect(reply.curl).toContain(`Authorization: Token token=${token}`);
    await finish(page, watch, 'docs-console-estoka-cancel.png');
    const order = await mock.call('GET', '/__mock/estoka/orders/100', { auth: `Token token=${token}` });
    expect(order.body).toMatchObject({ status: 'cancelled' });
  });

  it('admin: the page sends the token as the tenant, so the outbox read there is the token world', async () => {
    const token = mock.newToken();
    await mock.call('POST', '/dirtylemon/v1/orders/' + DOCUMENT_ORDER + '/pay', { token });
    const { page, watch } = await openWithToken(`${mock.base}/docs/admin`, token);
    const reply = await sendFromConsole(page, 'getOutbox');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).entries.map((e: any) => e.type)).toEqual(['charge', 'shipments.create', 'email.confirmation']);
    await finish(page, watch, 'docs-console-admin-outbox.png');
  });
});

describe('the token bar', { timeout: 90_000 }, () => {
  it('links the inspector for the token, keeps one token across pages, and follows the Authorize dialog', async () => {
    const { page, watch } = await openWithToken(`${mock.base}/docs/sfox`, 'reader one');
    expect(await page.getAttribute('#inspector-link', 'href')).toBe('/__mock/ui?token=reader%20one');

    await page.click('a[href="/docs/dirtylemon"]');
    await readDocsPage(page);
    expect(await page.inputValue('#token')).toBe('reader one');

    // Swagger UI's own Authorize dialog shows the token as set; logging out there and typing
    // another token makes that the page's token.
    await page.click('#console .btn.authorize');
    await page.click('.auth-container button[aria-label="Remove authorization"]');
    expect(await page.inputValue('#token')).toBe('');
    await page.fill('.auth-container input', 'from-dialog');
    await page.click('.auth-container button.authorize');
    await page.click('.auth-container .btn-done');
    expect(await page.inputValue('#token')).toBe('from-dialog');
    expect(await page.getAttribute('#inspector-link', 'href')).toBe('/__mock/ui?token=from-dialog');
    await finish(page, watch, 'docs-console-token.png');
  });

  it('a fresh reader gets a token of their own rather than the shared public tenant', async () => {
    const page = await browser.newPage();
    await page.goto(`${mock.base}/docs/sfox`);
    await readDocsPage(page);
    expect(await page.inputValue('#token')).toMatch(/^docs-[0-9a-f]{8}$/);
    await page.close();
  });
});

describe('the static build (npm run docs)', { timeout: 90_000 }, () => {
  it(`points the console at ${STATIC_MOCK_ORIGIN}/<api>, where the reader runs the mock`, async () => {
    const token = mock.newToken();
    const { page, watch } = await openWithToken(pathToFileURL(join(staticSite, 'sfox.html')).href, token);
    expect(await page.inputValue('#console .servers select')).toBe(`${STATIC_MOCK_ORIGIN}/sfox`);
    expect(await page.getAttribute('#inspector-link', 'href')).toBe(`${STATIC_MOCK_ORIGIN}/__mock/ui?token=${token}`);
    // Stand in for `npm start` on port 4010: hand those requests to this test's mock.
    await page.route(`${STATIC_MOCK_ORIGIN}/**`, (route) => route.continue({ url: route.request().url().replace(STATIC_MOCK_ORIGIN, mock.base) }));

    const reply = await sendFromConsole(page, 'cancelOrder', { examples: { order_id: 'canceled' } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ status: 'canceled' });
    await finish(page, watch, 'docs-console-static.png');
    expect((await mock.call('GET', '/__mock/sfox/orders/123', { token })).body).toMatchObject({ status: 'canceled' });
  });
});

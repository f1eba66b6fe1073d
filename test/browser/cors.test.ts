/**
 * CORS as production frontends meet it: a page on another origin calls the mock from real Chromium
 * with the headers Sentry, OpenTelemetry and apps add, and with credentials. Every call must reach
 * the app (the browser enforces CORS; a refusal is a TypeError in the page).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_CUSTOMER_ID, DOC_SKU_ID, FIXTURE_ORDERS } from '../../src/apis/dirtylemon/fixtures.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { isLocalUrl, launchChromium } from './docs-page.js';

/** A blank page on its own origin: the app the browser runs. */
async function serveAppOrigin(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>app</title><p>app under test</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

type Outcome = { ok: true; status: number; body: any; allow: string | null } | { ok: false; error: string };

/** Runs fetch inside the page, so the browser's CORS rules decide what the app sees. */
const fetchFromPage = (page: Page, url: string, init: RequestInit): Promise<Outcome> =>
  page.evaluate(
    async ({ url, init }) => {
      try {
        const res = await fetch(url, init);
        const text = await res.text();
        return { ok: true as const, status: res.status, body: text ? JSON.parse(text) : null, allow: res.headers.get('allow') };
      } catch (error) {
        return { ok: false as const, error: String(error) };
      }
    },
    { url, init },
  );

let browser: Browser;
const servers: Server[] = [];
const mocks: RunningMock[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(mocks.map((m) => m.close()));
  servers.forEach((s) => s.close());
});

const remoteRequests: string[] = [];
afterAll(() => expect(remoteRequests).toEqual([]));

async function openApp(): Promise<{ page: Page; origin: string }> {
  const app = await serveAppOrigin();
  servers.push(app.server);
  const page = await browser.newPage();
  // Watched, not routed: Playwright answers the preflights of routed requests itself, which would
  // hide exactly what this file tests.
  page.on('request', (request) => isLocalUrl(request.url()) || remoteRequests.push(request.url()));
  await page.goto(app.origin);
  return { page, origin: app.origin };
}

describe('a page on another origin calling the mock (any origin allowed, the default)', () => {
  let mock: RunningMock;
  let page: Page;
  let api: string;
  const token = 'cors-browser-token';
  beforeAll(async () => {
    mock = await startMock();
    mocks.push(mock);
    ({ page } = await openApp());
    // localhost vs 127.0.0.1 and another port: a different origin in every respect.
    api = `${mock.base.replace('127.0.0.1', 'localhost')}/dirtylemon`;
  });
  const order = () => `${api}/v1/orders/${FIXTURE_ORDERS.created}`;
  const auth = { authorization: `Bearer ${token}` };

  it('a plain GET with the Authorization header', async () => {
    expect(await fetchFromPage(page, order(), { headers: auth })).toMatchObject({ ok: true, status: 200, body: { status: 'created' } });
  });

  it("Sentry's sentry-trace and baggage", async () => {
    const headers = { ...auth, 'sentry-trace': '771a43a4192642f0b136d5159a501700-b0e6f15b45c36b12-1', baggage: 'sentry-environment=production,sentry-release=web@1.2.3' };
    expect(await fetchFromPage(page, order(), { headers })).toMatchObject({ ok: true, status: 200 });
  });

  it("OpenTelemetry's traceparent and tracestate", async () => {
    const headers = { ...auth, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'vendor=opaque' };
    expect(await fetchFromPage(page, order(), { headers })).toMatchObject({ ok: true, status: 200 });
  });

  it('a custom header (x-request-id)', async () => {
    expect(await fetchFromPage(page, order(), { headers: { ...auth, 'x-request-id': 'req-42' } })).toMatchObject({ ok: true, status: 200 });
  });

  it("credentials: 'include' (cookies, axios withCredentials)", async () => {
    expect(await fetchFromPage(page, order(), { headers: auth, credentials: 'include' })).toMatchObject({ ok: true, status: 200 });
  });

  it('a POST with a JSON body, then the state it changed', async () => {
    const created = await fetchFromPage(page, `${api}/v1/customers/${DOC_CUSTOMER_ID}/orders`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      body: JSON.stringify({ line_items: [{ sku: DOC_SKU_ID, quantity: 1 }] }),
      credentials: 'include',
    });
    expect(created).toMatchObject({ ok: true, status: 201, body: { status: 'created' } });
    const id = (created as { body: { id: string } }).body.id;
    const paid = await fetchFromPage(page, `${api}/v1/orders/${id}/pay`, { method: 'POST', headers: auth, credentials: 'include' });
    expect(paid).toMatchObject({ ok: true, status: 200, body: { status: 'paid' } });
  });

  it("refuses a method the path does not have at the preflight, which names the path's methods", async () => {
    const res = await fetchFromPage(page, order(), { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(res.ok).toBe(false);
  });
});

describe('a mock restricted with --cors-origin', () => {
  it('serves the listed origin and refuses a foreign one', async () => {
    const listed = await openApp();
    const foreign = await openApp();
    const mock = await startMock({ cors: { origins: [listed.origin] } });
    mocks.push(mock);
    const url = `${mock.base.replace('127.0.0.1', 'localhost')}/sfox/v1/orders/123`;
    const init = { method: 'DELETE', headers: { authorization: 'Bearer cors-list-token' }, credentials: 'include' as const };
    const refused = await fetchFromPage(foreign.page, url, init);
    expect(refused.ok).toBe(false);
    expect(await fetchFromPage(listed.page, url, init)).toMatchObject({ ok: true, status: 200, body: { status: 'canceled' } });
    // The browser stopped the foreign call at its preflight: the mock saw one DELETE, the listed page's.
    const journal = await mock.call('GET', '/__mock/journal', { token: 'cors-list-token' });
    expect(journal.body.entries.filter((e: { method: string }) => e.method === 'DELETE')).toHaveLength(1);
  });
});

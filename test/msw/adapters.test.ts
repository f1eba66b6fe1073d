/**
 * What the shared behaviour table cannot say about the in-process adapters: where MSW intercepts,
 * what a network-level fault looks like to fetch, and the programmatic controls' own contract.
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminError } from '../../src/control/mock-control.js';
import { createMock } from '../../src/mock.js';
import { createHandlers } from '../../src/msw/index.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

function intercept(...args: Parameters<typeof createHandlers>) {
  const { handlers, mock } = createHandlers(...args);
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  stop = () => server.close();
  return mock;
}

describe('ordermock/msw', () => {
  it('owns every path under an API host: an unknown one gets that API\'s 404 shape, HEAD no body', async () => {
    intercept({ strict: true });
    const unknown = await fetch('https://api.dirtylemon.com/v2/nothing', { headers: auth('t') });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'route_not_found' });
    const sfox = await fetch('https://api.sfox.com/v2/nothing', { headers: auth('t') });
    expect(sfox.status).toBe(404);
    const head = await fetch('https://api.dirtylemon.com/v1/orders/1526b746-6a39-4958-91bf-a80bba41cdc3', { method: 'HEAD', headers: auth('t') });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('moves an API with baseUrls (a path included)', async () => {
    intercept({ apis: ['sfox'], baseUrls: { sfox: 'http://localhost:5173/api/sfox/' } });
    const res = await fetch('http://localhost:5173/api/sfox/v1/orders/123', { method: 'DELETE', headers: auth('t') });
    expect(await res.json()).toEqual({ status: 'canceled' });
    // Outside the base path nothing is intercepted: MSW reports it as unhandled.
    await expect(fetch('http://localhost:5173/v1/orders/123', { method: 'DELETE' })).rejects.toThrow();
  });

  it('turns a drop fault into a network error, as a cut connection is to fetch', async () => {
    const mock = intercept();
    await mock.tenant('t').addFault({ api: 'sfox', drop: true, remaining: 1 });
    await expect(fetch('https://api.sfox.com/v1/orders/123', { method: 'DELETE', headers: auth('t') })).rejects.toThrow(TypeError);
    expect((await fetch('https://api.sfox.com/v1/orders/123', { method: 'DELETE', headers: auth('t') })).status).toBe(200);
    expect((await mock.tenant('t').journal()).map((e) => e.status)).toEqual([0, 200]);
  });
});

describe('createMock', () => {
  it('throws the admin error body as an AdminError', async () => {
    const mock = createMock({ strict: true });
    const refused = await mock.tenant('t').seedOrder('sfox', { status: 'shipped' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AdminError);
    expect((refused as AdminError).status).toBe(400);
    expect((refused as AdminError).body.error).toMatchObject({ code: 'invalid_request', field: 'status' });
    await expect(mock.tenant('t').order('sfox', 'nope')).rejects.toMatchObject({ status: 404 });
  });

  it('snapshots and restores every tenant, and resets them', async () => {
    const mock = createMock();
    await mock.tenant('a').seedOrder('retailops', { status: 'open', id: 'kept' });
    const snapshot = await mock.snapshot();
    expect(await mock.reset()).toBe(1);
    await expect(mock.tenant('a').order('retailops', 'kept')).rejects.toThrow(AdminError);
    expect(await mock.restore(snapshot)).toBe(1);
    expect((await mock.tenant('a').order('retailops', 'kept')).status).toBe('open');
  });

  it('asks for the admin token it was given, in process too', async () => {
    const mock = createMock({ adminToken: 's3cret' });
    expect((await mock.tenant('t').clock()).frozen).toBe(false);
    const bare = await mock.fetch('/__mock/clock', { headers: auth('t') });
    expect(bare.status).toBe(401);
  });

  it('serves real HTTP on listen(0) and stops on close()', async () => {
    const mock = createMock();
    const port = await mock.listen(0);
    const res = await fetch(`http://127.0.0.1:${port}/sfox/v1/orders/123`, { method: 'DELETE', headers: auth('t') });
    expect(await res.json()).toEqual({ status: 'canceled' });
    // The same state in process and over HTTP.
    expect((await mock.tenant('t').order('sfox', 123)).status).toBe('canceled');
    await mock.close();
    await expect(fetch(`http://127.0.0.1:${port}/__mock/health`)).rejects.toThrow();
  });
});

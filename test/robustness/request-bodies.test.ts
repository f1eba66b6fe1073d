/**
 * Hostile bodies: malformed JSON, oversized, wrong media type, prototype-polluting keys and
 * 100,000-deep nesting. Each is refused (or neutralised) in the API's own error shape, and the
 * server keeps answering afterwards.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DOC_CUSTOMER_ID } from '../../src/apis/dirtylemon/fixtures.js';
import { API_MODULES } from '../../src/apis/registry.js';
import { API_NAMES, type SpecName } from '../../src/spec/load.js';
import { errorShapeProblems } from './helpers/error-shape.js';
import { mockForFile, withMock } from './helpers/harness.js';
import type { RawRequest } from './helpers/raw-client.js';
import { targetFor } from './helpers/targets.js';

const MiB = 1024 * 1024;

/** One request per API that reads a body (operations without one still parse what is sent). */
const BODY_ROUTES: Record<SpecName, { method: string; path: string }> = {
  dirtylemon: { method: 'POST', path: `/dirtylemon/v1/customers/${DOC_CUSTOMER_ID}/orders` },
  estoka: { method: 'POST', path: '/estoka/api/v1/organizations/1/orders/340/cancel' },
  sfox: { method: 'DELETE', path: '/sfox/v1/orders/123' },
  retailops: { method: 'POST', path: '/retailops/order_cancel' },
  admin: { method: 'POST', path: '/__mock/dirtylemon/orders' },
};
const ALL: SpecName[] = [...API_NAMES, 'admin'];

const files = mockForFile();

const send = (name: SpecName, body: string | undefined, extra: Partial<RawRequest> & { token?: string } = {}) => {
  const token = extra.token ?? `bodies-${randomUUID()}`;
  const headers = { authorization: targetFor(name).authForms(token)[0]!, 'content-type': 'application/json', ...extra.headers };
  return files.client.send({ ...BODY_ROUTES[name], body, ...extra, headers });
};

/** The server still answers normally: a request after the hostile one gets its usual reply. */
async function expectStillServing() {
  const health = await files.client.send({ method: 'GET', path: '/__mock/health' });
  expect(health.status).toBe(200);
}

describe.each(ALL)('%s', (name) => {
  it('answers malformed JSON with a 400 in its error shape', async () => {
    for (const text of ['{"line_items": [', "{'a': 1}", '{"a":1}{"b":2}', '\uFEFF{}']) {
      const res = await send(name, text);
      expect(res.status, text).toBe(400);
      expect(errorShapeProblems(name, res.body), text).toEqual([]);
    }
  });

  it('answers a body without a JSON content type with its documented status (415; admin 400)', async () => {
    const expected = name === 'admin' ? 400 : 415;
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', undefined]) {
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      const token = `bodies-${randomUUID()}`;
      const auth = targetFor(name).authForms(token)[0]!;
      const res = await files.client.send({ ...BODY_ROUTES[name], body: '{}', headers: { authorization: auth, ...headers } });
      expect(res.status, String(contentType)).toBe(expected);
      expect(errorShapeProblems(name, res.body)).toEqual([]);
    }
  });

  it('refuses 100,000-deep arrays and objects with a 400, without overflowing the stack', async () => {
    const depth = 100_000;
    for (const text of ['['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)]) {
      const res = await send(name, text);
      expect(res.status).toBe(400);
      expect(errorShapeProblems(name, res.body)).toEqual([]);
    }
    await expectStillServing();
  });
});

describe.each(API_NAMES)('%s body limit', (name) => {
  it('answers a body over 1 MiB with 413, with a declared length and chunked, and keeps serving', async () => {
    const oversized = JSON.stringify({ padding: 'x'.repeat(MiB) });
    for (const chunked of [false, true]) {
      const res = await send(name, oversized, { chunked });
      expect(res.status, `chunked: ${chunked}`).toBe(413);
      expect(errorShapeProblems(name, res.body)).toEqual([]);
    }
    await expectStillServing();
  });

  it('reads a body of exactly 1 MiB (the limit is inclusive)', async () => {
    const shell = JSON.stringify({ padding: '' });
    const exact = JSON.stringify({ padding: 'x'.repeat(MiB - Buffer.byteLength(shell)) });
    expect(Buffer.byteLength(exact)).toBe(MiB);
    const res = await send(name, exact);
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});

describe('a configured body limit (createMock({bodyLimitBytes}))', () => {
  it('refuses past it with 413 and reads up to it', () =>
    withMock({ bodyLimitBytes: 1024 }, async (_, client) => {
      const token = randomUUID();
      const post = (padding: number) =>
        client.send({ method: 'DELETE', path: '/sfox/v1/orders/123', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ p: 'x'.repeat(padding) }) });
      expect((await post(2048)).status).toBe(413);
      expect((await post(512)).status).toBe(200);
    }));
});

describe('keys __proto__, constructor and prototype', () => {
  const POISON = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}';
  /** Adds the poisonous keys to a JSON object's text at its top level (JSON.stringify would drop `__proto__`). */
  const poisoned = (json: object) => `${JSON.stringify(json).slice(0, -1)}, ${POISON.slice(1)}`;

  const expectPrototypesUntouched = () => {
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  };

  /** Every order of the tenant, as the admin API shows it, holds nothing of the poison. */
  async function expectOrdersClean(token: string) {
    for (const api of API_NAMES) {
      const res = await files.client.send({ method: 'GET', path: `/__mock/${api}/orders?limit=10000`, headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('polluted');
    }
  }

  it('in a closed body are refused as unknown fields (Dirty Lemon create)', async () => {
    const token = randomUUID();
    const res = await send('dirtylemon', poisoned({ line_items: [{ sku: '868137000115', quantity: 1 }] }), { token });
    expect(res.status).toBe(400);
    expect(['__proto__', 'constructor', 'prototype']).toContain((res.body as any).error.param);
    expectPrototypesUntouched();
    await expectOrdersClean(token);
  });

  it('in an open body change nothing outside the request (RetailOPS order_cancel, nested too)', async () => {
    const token = randomUUID();
    const example = Object.values<any>(targetFor('retailops').operations[0]!.operation.requestBody.content['application/json'].examples)[0].value;
    const order = `${JSON.stringify(example.data.order).slice(0, -1)}, ${POISON.slice(1)}`;
    const text = poisoned({ ...example, data: { ...example.data, order: '__ORDER__' } }).replace('"__ORDER__"', order);
    expect(JSON.parse(text).data.order.id).toBe('4897');
    const res = await send('retailops', text, { token });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('polluted');
    expectPrototypesUntouched();
    await expectOrdersClean(token);
  });

  it('in bodies an operation ignores change nothing (sFOX, Estoka)', async () => {
    const token = randomUUID();
    expect((await send('sfox', POISON, { token })).status).toBe(200);
    expect((await send('estoka', POISON, { token })).status).toBe(200);
    expectPrototypesUntouched();
    await expectOrdersClean(token);
  });

  it.each(API_NAMES)('in admin seed overrides are refused, and in provider-state params never reach a stored %s order', async (api) => {
    const token = randomUUID();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const status = JSON.stringify(API_MODULES[api].machine.initial[0]);
    // Overrides are merged into the order, whose schema is closed in every API.
    const seed = await files.client.send({ method: 'POST', path: `/__mock/${api}/orders`, headers: auth, body: `{"status": ${status}, "overrides": ${POISON}}` });
    expect(seed.status).toBe(400);
    expect((seed.body as any).error.field).toMatch(/^overrides\.(__proto__|constructor|prototype)$/);
    // Params are open: the extra keys are ignored and the order is seeded as asked.
    const body = `{"state": "x", "params": {"api": "${api}", "status": ${status}, ${POISON.slice(1, -1)}}}`;
    const state = await files.client.send({ method: 'POST', path: '/__mock/provider-states', headers: auth, body });
    expect(state.status).toBe(200);
    expect((state.body as any).result.status).toBe(JSON.parse(status));
    expectPrototypesUntouched();
    await expectOrdersClean(token);
  });
});

/**
 * Property-based traffic generated from the specs, valid and hostile, against the mock in strict
 * mode. Every answer must be declared by the spec, match its schema, carry the API's error shape
 * when it is an error, and be the outcome the request implies (401, 415, 400, 404, …).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type SpecName } from '../../src/spec/load.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { requestGenerators } from './helpers/generated-requests.js';
import { rawClient, type RawClient } from './helpers/raw-client.js';
import { responseOracle } from './helpers/response-oracle.js';
import { targetFor } from './helpers/targets.js';

/** Requests per run; the four APIs together must stay at or above 10,000. */
const RUNS: Record<SpecName, number> = { dirtylemon: 3_000, estoka: 2_500, sfox: 2_500, retailops: 2_500, admin: 1_500 };

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const logged: string[] = [];
const logger = { debug: () => {}, info: () => {}, error: (msg: string, fields?: Record<string, unknown>) => void logged.push(`${msg} ${JSON.stringify(fields ?? {})}`) };

// The admin traffic restores snapshots and resets everything: it gets a mock of its own.
let apis: RunningMock;
let admin: RunningMock;
const clients = new Map<SpecName, RawClient>();
/** API → "expected kind → status" → count: shows the traffic reached every outcome, not just 404s. */
const outcomes = new Map<SpecName, Record<string, number>>();
beforeAll(async () => {
  [apis, admin] = await Promise.all([startMock({ logger }), startMock({ logger })]);
  for (const name of API_NAMES) clients.set(name, rawClient(apis.base));
  clients.set('admin', rawClient(admin.base));
});
afterAll(async () => {
  for (const client of clients.values()) client.close();
  await Promise.all([apis.close(), admin.close()]);
});

const clip = (text: string, n = 300) => (text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

describe.each([...API_NAMES, 'admin'] as SpecName[])('generated traffic: %s', (name) => {
  it(`answers ${RUNS[name]} generated requests as the spec says`, async () => {
    const target = targetFor(name);
    const { any } = requestGenerators(target);
    const check = responseOracle(target);
    const client = clients.get(name)!;
    const tally: Record<string, number> = {};
    outcomes.set(name, tally);
    await fc.assert(
      fc.asyncProperty(any, async (generated) => {
        const res = await client.send(generated.request);
        const problems = check(generated, res);
        const key = `${generated.expect.kind}→${res.status}`;
        tally[key] = (tally[key] ?? 0) + 1;
        if (problems.length) {
          const { method, path, headers, body } = generated.request;
          throw new Error(
            `${method} ${clip(path)} ${JSON.stringify(headers)} ${clip(String(body ?? ''))}\n  expected ${JSON.stringify(generated.expect)}\n  → ${res.status} ${clip(res.text, 500)}\n  ${problems.join('\n  ')}`,
          );
        }
      }),
      { numRuns: RUNS[name] },
    );
  }, 90_000);
});

describe('after the generated traffic', () => {
  it('sent at least 10,000 requests to the four APIs', () => {
    const perApi = Object.fromEntries([...clients].map(([name, client]) => [name, client.sent]));
    const total = API_NAMES.reduce((n, api) => n + perApi[api]!, 0);
    console.log(`generated requests: ${total} to the four APIs + ${perApi.admin} to the admin API`, perApi);
    for (const [name, tally] of outcomes) console.log(`${name}: ${Object.entries(tally).sort().map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    expect(total).toBeGreaterThanOrEqual(10_000);
  });

  it('logged no crash or strict-mode violation, and left Object.prototype alone', () => {
    expect(logged).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as any).polluted).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../src/spec/load.js';
import { indexOperations } from '../../src/spec/operations.js';
import { loadSpec } from '../../src/spec/load.js';
import { authFor, startMock, type RunningMock } from '../helpers/mock.js';
import { externalExamples, namedPairs, type NamedPair } from './pairs.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/** Sends every pair's request in this order with one token; answers the statuses received. */
async function replay(api: ApiName, pairs: NamedPair[]): Promise<string[]> {
  const token = mock.newToken();
  const statuses: string[] = [];
  for (const pair of pairs) {
    const res = await mock.call(pair.method, `/${api}${pair.path}`, { auth: authFor(api, token), ...(pair.body === undefined ? {} : { body: pair.body }) });
    statuses.push(`${pair.operationId} ${pair.name} ${res.status}`);
  }
  return statuses;
}

describe.each(API_NAMES)('%s named example pairs', (api) => {
  const pairs = namedPairs(api);
  const expected = pairs.map((p) => `${p.operationId} ${p.name} ${p.status}`);

  it('pair every success example with the request that gets it', () => {
    for (const op of indexOperations(loadSpec(api))) {
      for (const [status, examples] of Object.entries(op.examples)) {
        if (!status.startsWith('2')) continue;
        for (const name of Object.keys(examples)) expect(pairs.some((p) => p.operationId === op.operationId && p.name === name), `${op.operationId} ${status} ${name}`).toBe(true);
      }
    }
  });

  // Specmatic sends one token for a whole run, so every pair must hold in a shared tenant whatever
  // ran before it: each pair uses its own fixture order, or one that no other pair changes.
  it('answer each request its paired status in one tenant, in spec order and reversed', async () => {
    expect(await replay(api, pairs)).toEqual(expected);
    expect(await replay(api, [...pairs].reverse())).toEqual([...expected].reverse());
  });
});

describe('Estoka external examples (openapi/estoka_examples)', () => {
  it('repeat each inline pair exactly, adding the Token credential', () => {
    const pairs = namedPairs('estoka');
    const external = externalExamples('estoka');
    expect(external.map((e) => e.file)).toEqual(pairs.map((p) => `${p.name}.json`).sort());
    for (const example of external) {
      const pair = pairs.find((p) => `${p.name}.json` === example.file)!;
      expect({ method: example.method, path: example.path, status: example.status }).toEqual({ method: pair.method, path: pair.path, status: pair.status });
      expect(example.authorization).toMatch(/^Token token=\S+$/);
    }
  });
});

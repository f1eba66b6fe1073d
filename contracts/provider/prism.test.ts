/**
 * Independent conformance: Stoplight Prism as a validating proxy (`prism proxy <spec> <mock>
 * --errors`) in front of the mock, replaying every contract request. Prism answers a response
 * that breaks the spec with a 500 problem and lists violations in `sl-violations`; there must be
 * none. With `--errors` Prism also refuses, itself, a request that breaks the spec (401 without
 * credentials, 422 for an invalid body): the contracts' deliberate bad requests end there, and
 * the test requires that the contract expected the mock to refuse them too.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../src/spec/load.js';
import { startMock, type RunningMock } from '../../test/helpers/mock.js';
import { freshInteractions, type Interaction } from '../support/pact-files.js';
import { startPrismProxy, type PrismProxy } from '../support/prism.js';
import { replay, setUpStates } from '../support/replay.js';

type Verdict =
  | { kind: 'conforms' }
  | { kind: 'refused'; expected: number; prism: number; problem: string }
  | { kind: 'violation'; description: string; detail: string };

/** What Prism made of one replayed interaction. */
async function judge(interaction: Interaction, res: Response): Promise<Verdict> {
  const text = await res.text();
  const violations = res.headers.get('sl-violations');
  const expected = interaction.response.status as number;
  if (violations) return { kind: 'violation', description: interaction.description, detail: violations };
  if (res.headers.get('content-type')?.startsWith('application/problem+json')) {
    const problem = JSON.parse(text) as { type: string };
    if (/#(UNAUTHORIZED|UNPROCESSABLE_ENTITY)$/.test(problem.type)) return { kind: 'refused', expected, prism: res.status, problem: problem.type };
    return { kind: 'violation', description: interaction.description, detail: text };
  }
  if (res.status !== expected) return { kind: 'violation', description: interaction.description, detail: `status ${res.status}, contract ${expected}: ${text}` };
  return { kind: 'conforms' };
}

/** Prism refuses only what the contract expects refused: 401 as 401, a body the spec refuses (400) as 422. */
const refusedAsContracted = (v: Extract<Verdict, { kind: 'refused' }>) => (v.expected === 401 && v.prism === 401) || (v.expected === 400 && v.prism === 422);

let mock: RunningMock;
const proxies = new Map<ApiName, PrismProxy>();
beforeAll(async () => {
  mock = await startMock();
  await Promise.all(API_NAMES.map(async (api) => proxies.set(api, await startPrismProxy(api, `${mock.base}/${api}`))));
});
afterAll(async () => {
  for (const proxy of proxies.values()) proxy.stop();
  await mock.close();
});

describe.concurrent('prism proxy --errors in front of the mock', () => {
  it.each(API_NAMES)('%s: every contract request is answered as the spec says', async (api) => {
    const verdicts: Verdict[] = [];
    for (const interaction of freshInteractions(api)) {
      await setUpStates(`${mock.base}/__mock/provider-states`, interaction);
      verdicts.push(await judge(interaction, await replay(proxies.get(api)!.url, interaction)));
    }
    expect(verdicts.filter((v) => v.kind === 'violation')).toEqual([]);
    expect(verdicts.filter((v) => v.kind === 'refused' && !refusedAsContracted(v))).toEqual([]);
  });

  it('flags an upstream whose answer breaks the spec (the check can fail)', async () => {
    const liar = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'gone fishing' })));
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    const proxy = await startPrismProxy('sfox', `http://127.0.0.1:${(liar.address() as AddressInfo).port}`);
    try {
      const res = await fetch(`${proxy.url}/v1/orders/123`, { method: 'DELETE', headers: { authorization: 'Bearer liar' } });
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('VIOLATIONS');
    } finally {
      proxy.stop();
      liar.close();
    }
  });
});

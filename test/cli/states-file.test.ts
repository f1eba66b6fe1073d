/**
 * The states file of `ordermock verify --states`: consumer state names mapped to seeds, first match
 * wins, placeholders filled from the name's captures and then the state's params, and every
 * mistake in the file named with its entry before anything runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planStates } from '../../src/cli/in-process-provider.js';
import type { PactFile } from '../../src/cli/pact-files.js';
import { conventionResolver, parseStatesFile, statesFileResolver, StateProblem } from '../../src/cli/states-file.js';
import { UsageError } from '../../src/cli/usage.js';
import { packageRoot } from '../../src/spec/package-files.js';

const resolver = (yaml: string) => statesFileResolver(parseStatesFile(yaml, 'states.yaml'));

const ACME = `
- state: "order {short} is {status}"
  api: dirtylemon
  seed: { id: "{order_id}", status: "{status}" }
- state: "order {short} is {status}"
  seed: { id: "{short}", status: "{status}", overrides: { note: "seeded for {short}" } }
- state: "there is no order {id}"
`;

describe('statesFileResolver', () => {
  it('fills a seed from the captures, then from the params, first matching entry of the API winning', () => {
    const resolve = resolver(ACME);
    expect(resolve('dirtylemon', 'order 9d7f4c1e is created', { order_id: '9d7f4c1e-5b2a' })).toEqual([{ api: 'dirtylemon', id: '9d7f4c1e-5b2a', status: 'created' }]);
    // The first entry is Dirty Lemon's only; sFOX falls through to the second.
    expect(resolve('sfox', 'order 123 is open', {})).toEqual([{ api: 'sfox', id: '123', status: 'open', overrides: { note: 'seeded for 123' } }]);
  });

  it('keeps a param that fills a whole value as it is (an Estoka id stays a number)', () => {
    const resolve = resolver('- state: "an order {id} in state {status}"\n  seed: { id: "{id}", status: "{status}", overrides: { organization_id: "{org}" } }');
    // A name that is itself the template captures its own placeholders; the params hold the values.
    expect(resolve('estoka', 'an order {id} in state {status}', { id: 5001, status: 'new', org: 4 })).toEqual([
      { api: 'estoka', id: 5001, status: 'new', overrides: { organization_id: 4 } },
    ]);
  });

  it('needs no seed for a state that sets nothing up', () => {
    expect(resolver(ACME)('dirtylemon', 'there is no order 0badf00d', {})).toEqual([]);
  });

  it('names the state and the file when no entry matches, or a placeholder has no value', () => {
    const resolve = resolver(ACME);
    expect(() => resolve('dirtylemon', 'an order exists', {})).toThrow(new StateProblem("state 'an order exists' matches no entry of states.yaml"));
    expect(() => resolve('dirtylemon', 'order 9d7f4c1e is paid', { id: 'x' })).toThrow(
      new StateProblem("state 'order 9d7f4c1e is paid' (states.yaml, entry 1): {order_id} is neither captured from the name nor one of its params (id)"),
    );
  });
});

describe('parseStatesFile', () => {
  it.each([
    ['- state: "a"\n  seed: { status: "paid", overides: {} }', 'states.yaml: entry 1: seed.overides is not a known field'],
    ['- state: "a"\n- state: "b"\n  seed: { id: "x" }', 'states.yaml: entry 2: seed.status is required'],
    ['- state: "a"\n  api: shopify', 'states.yaml: entry 1: api must be one of: dirtylemon, estoka, sfox, retailops'],
    ['- state: "order {id} of {id}"', "states.yaml: entry 1: {id} appears twice in 'order {id} of {id}'"],
    ['state: "a"', 'states.yaml: must be a list of {state, api?, seed?} entries (must be array)'],
    ['- state: [', 'states.yaml: '],
  ])('refuses %j as a usage error naming the entry', (yaml, message) => {
    expect(() => parseStatesFile(yaml, 'states.yaml')).toThrow(UsageError);
    expect(() => parseStatesFile(yaml, 'states.yaml')).toThrow(message);
  });

  it('reads JSON as well', () => {
    expect(statesFileResolver(parseStatesFile('[{"state": "x {n}", "seed": {"status": "open", "id": "{n}"}}]', 's.json'))('sfox', 'x 7', {})).toEqual([{ api: 'sfox', id: '7', status: 'open' }]);
  });

  it('matches whole names only, with regex characters in a template taken literally', () => {
    const resolve = resolver('- state: "order (v2) {id}."');
    expect(resolve('sfox', 'order (v2) 1.', {})).toEqual([]);
    expect(() => resolve('sfox', 'order (v2) 1.x', {})).toThrow(StateProblem);
    expect(() => resolve('sfox', 'order v2 1.', {})).toThrow(StateProblem);
  });
});

describe('conventionResolver (ordermock\'s own contracts)', () => {
  it('seeds from params with a status, and nothing without', () => {
    expect(conventionResolver('sfox', 'an order {id} in state {status}', { api: 'sfox', id: '124', status: 'working', token: 't' })).toEqual([
      { api: 'sfox', id: '124', status: 'working', overrides: undefined },
    ]);
    expect(conventionResolver('sfox', 'no order {id}', { id: '999' })).toEqual([]);
  });
});

describe('planStates: every interaction\'s states set up in a scratch store before Pact runs', () => {
  const pactGiven = (...states: [string, Record<string, unknown>?][]): PactFile => ({
    consumer: { name: 'acme-web' },
    provider: { name: 'dirtylemon' },
    interactions: states.map(([name, params], i) => ({ description: `interaction ${i}`, providerStates: [{ name, params }], request: {}, response: {} })),
  });

  it('accepts the README\'s example states file', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    const yaml = /The \*\*states file\*\*[^`]*```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const pact = pactGiven(['order 9d7f4c1e is created', { order_id: '9d7f4c1e-5b2a-4c3d-8e9f-0a1b2c3d4e5f' }], ['an order 6b1c2d3e-0000-4000-8000-000000000000 of an unconfirmed customer'], ['there is no order 0badf00d']);
    expect(planStates(pact, 'dirtylemon', statesFileResolver(parseStatesFile(yaml, 'README.md')))).toEqual(new Map());
  });

  it('fails an interaction whose seed the mock refuses, with the mock\'s reason', () => {
    const resolve = resolver('- state: "order {id} is {status}"\n  seed: { id: "{id}", status: "{status}" }');
    const pact = pactGiven(['order 9d7f4c1e-5b2a-4c3d-8e9f-0a1b2c3d4e5f is shipped'], ['order 9d7f4c1e-5b2a-4c3d-8e9f-0a1b2c3d4e5f is paid'], ['an order']);
    expect(planStates(pact, 'dirtylemon', resolve)).toEqual(
      new Map([
        ['interaction 0', [expect.stringMatching(/^state 'order 9d7f4c1e-5b2a-4c3d-8e9f-0a1b2c3d4e5f is shipped': the mock refuses the seed .*: status must be one of: created, paid/)]],
        ['interaction 2', ["state 'an order' matches no entry of states.yaml"]],
      ]),
    );
  });
});

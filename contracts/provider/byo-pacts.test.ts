/**
 * Bring your own pacts: a consumer team's contract — written here with pact-js the way a frontend
 * `acme-web` would, with its own state names and token, none of ordermock's templates — verified
 * by `ordermock verify` through a states file with no server running, and checked against the
 * spec alone by `ordermock check-pact`. An unmatched state and a broken pact fail, readably.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3 as M, PactV4 } from '@pact-foundation/pact';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInteraction } from '../support/pact.js';
import { ordermock } from '../support/run.js';

const ORDER = '9d7f4c1e-5b2a-4c3d-8e9f-0a1b2c3d4e5f';
const AUTH = { Authorization: 'Bearer acme-ci-token' };

const STATES_YAML = `# acme-web's provider states, as seeds of the mock
- state: "order {short} is {status}"
  api: dirtylemon
  seed: { id: "{order_id}", status: "{status}" }
- state: "there is no order {id}"
`;

const dir = mkdtempSync(join(tmpdir(), 'ordermock-byo-'));
const pactsDir = join(dir, 'pacts');
const pactPath = join(pactsDir, 'acme-web-dirtylemon.json');
const statesPath = join(dir, 'states.yaml');

/** What acme-web's order page reads: the id, the status it branches on, the total it shows. */
const orderBody = (status: string) => ({ id: ORDER, status, total: M.integer(6500), reference: M.regex('^[0-9a-f]{6}$', 'd7590e') });

const call = (url: string, method = 'GET') => fetch(url, { method, headers: AUTH });

/** acme-web's consumer tests: three interactions, each through Pact's mock server. */
async function writeConsumerPact(): Promise<void> {
  const pact = new PactV4({ consumer: 'acme-web', provider: 'dirtylemon', dir: pactsDir, logLevel: 'warn' });
  await verifyInteraction(
    pact
      .addInteraction()
      .given('order 9d7f4c1e is created', { order_id: ORDER })
      .uponReceiving('a request to cancel order 9d7f4c1e')
      .withRequest('POST', `/v1/orders/${ORDER}/cancel`, (b) => b.headers(AUTH))
      .willRespondWith(200, (b) => b.jsonBody(orderBody('canceled'))),
    async (mock) => expect((await (await call(`${mock.url}/v1/orders/${ORDER}/cancel`, 'POST')).json()).status).toBe('canceled'),
  );
  await verifyInteraction(
    pact
      .addInteraction()
      .given('order 9d7f4c1e is canceled', { order_id: ORDER })
      .uponReceiving('a request for canceled order 9d7f4c1e')
      .withRequest('GET', `/v1/orders/${ORDER}`, (b) => b.headers(AUTH))
      .willRespondWith(200, (b) => b.jsonBody(orderBody('canceled'))),
    async (mock) => expect((await (await call(`${mock.url}/v1/orders/${ORDER}`)).json()).status).toBe('canceled'),
  );
  // The same order id, with no order: passes only if this interaction's tenant is fresh, whatever
  // the interactions before it did to that order (Pact runs them in order of description).
  await verifyInteraction(
    pact
      .addInteraction()
      .given('there is no order 9d7f4c1e')
      .uponReceiving('a request to show order 9d7f4c1e once it is gone')
      .withRequest('GET', `/v1/orders/${ORDER}`, (b) => b.headers(AUTH))
      .willRespondWith(404, (b) => b.jsonBody({ error: { code: 'order_not_found' } })),
    async (mock) => expect((await call(`${mock.url}/v1/orders/${ORDER}`)).status).toBe(404),
  );
}

/** A copy of the pact with `change` applied to its first interaction's response body. */
function brokenPact(name: string, change: (body: Record<string, unknown>) => void): string {
  const pact = JSON.parse(readFileSync(pactPath, 'utf8'));
  change(pact.interactions.find((i: any) => i.description === 'a request to cancel order 9d7f4c1e').response.body.content);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(pact));
  return path;
}

const testcases = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' }).parse(xml);
  return doc.testsuites.testsuite.flatMap((suite: any) => suite.testcase) as { name: string; failure?: { message: string } }[];
};

beforeAll(async () => {
  await writeConsumerPact();
  writeFileSync(statesPath, STATES_YAML);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One at a time: each run is a Node process with Pact's native core, and the machine has two cores.
describe('a consumer team verifies its own pacts', () => {
  it('verifies all three interactions through the states file, with no server running', async () => {
    const junit = join(dir, 'verify.xml');
    const run = await ordermock('verify', '--api', 'dirtylemon', '--pacts', pactsDir, '--states', statesPath, '--junit', junit);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('ordermock verify: dirtylemon: 3 interactions in 1 pact(s), all verified');
    const cases = testcases(readFileSync(junit, 'utf8'));
    expect(cases.map((c) => c.name).sort()).toEqual(['a request for canceled order 9d7f4c1e', 'a request to cancel order 9d7f4c1e', 'a request to show order 9d7f4c1e once it is gone']);
    expect(cases.filter((c) => c.failure)).toEqual([]);
  });

  it('fails an interaction whose state no entry matches, naming the state and the file', async () => {
    const states = join(dir, 'states-without-orders.yaml');
    writeFileSync(states, '- state: "there is no order {id}"\n');
    const junit = join(dir, 'verify-unmatched.xml');
    const run = await ordermock('verify', '--api', 'dirtylemon', '--pacts', pactsDir, '--states', states, '--junit', junit);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('3 interactions in 1 pact(s), 2 failed');
    expect(run.stderr).toContain(`a request to cancel order 9d7f4c1e: state 'order 9d7f4c1e is created' matches no entry of ${states}`);
    expect(run.stderr).toContain(`state 'order 9d7f4c1e is canceled' matches no entry of ${states}`);
    const failed = testcases(readFileSync(junit, 'utf8')).filter((c) => c.failure);
    expect(failed.map((c) => c.name).sort()).toEqual(['a request for canceled order 9d7f4c1e', 'a request to cancel order 9d7f4c1e']);
  });

  it('check-pact: the pact is compatible with the spec (lenient: it pins only what acme-web reads)', async () => {
    const junit = join(dir, 'check.xml');
    const run = await ordermock('check-pact', pactPath, '--junit', junit);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('1 pact(s), 3 interactions, all compatible');
    expect(testcases(readFileSync(junit, 'utf8'))).toHaveLength(3);
  });

  it('check-pact --strict: every field the spec requires must be in the response', async () => {
    const run = await ordermock('check-pact', pactPath, '--strict');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/- "a request to cancel order 9d7f4c1e" \(given order 9d7f4c1e is created\)\n\s+.*must have required property 'customer_id'/);
  });

  it('check-pact: a response field the spec does not have fails, naming it', async () => {
    const run = await ordermock('check-pact', brokenPact('extra-field.json', (body) => (body.tracking_code = 'ZX81')));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 incompatible');
    expect(run.stdout).toMatch(/"a request to cancel order 9d7f4c1e"[^\n]*\n\s+.*tracking_code/);
  });

  it('check-pact: a field of the wrong type fails, naming where', async () => {
    const run = await ordermock('check-pact', brokenPact('wrong-type.json', (body) => (body.total = '65.00')), '--api', 'dirtylemon');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/"a request to cancel order 9d7f4c1e"[^\n]*\n\s+.*must be integer \(at interactions\[\d\]\.response\.body\.total/);
  });

  it('usage errors exit 2', async () => {
    const noFile = await ordermock('check-pact', join(dir, 'nope.json'));
    expect([noFile.code, noFile.stderr.trim()]).toEqual([2, `ordermock: ${join(dir, 'nope.json')}: no such file or directory`]);
    const both = await ordermock('verify', '--api', 'dirtylemon', '--pacts', pactsDir, '--states', statesPath, '--base-url', 'http://127.0.0.1:9');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--states seeds the in-process mock');
  });
});

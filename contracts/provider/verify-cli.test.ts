/**
 * `ordermock verify` with the contracts the package ships: it passes against the mock and fails,
 * with Pact's report, against a provider that answers one operation wrongly — the mock with a
 * fault rule turning Dirty Lemon's retrieveOrder into a 500, in the tenant `--token` selects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../test/helpers/mock.js';
import { ordermock } from '../support/run.js';

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const verify = (...extra: string[]) =>
  ordermock('verify', '--api', 'dirtylemon', '--base-url', `${mock.base}/dirtylemon`, '--states-url', `${mock.base}/__mock/provider-states`, ...extra);

describe.concurrent('ordermock verify', () => {
  it('passes against the mock with the shipped contracts', async () => {
    const run = await verify();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/ordermock verify: dirtylemon: \d+ interactions in 1 pact\(s\), all verified/);
  });

  it('fails against a provider that answers a status the contract does not expect', async () => {
    const token = 'broken-provider';
    const fault = await mock.call('POST', '/__mock/faults', { token, body: { api: 'dirtylemon', operationId: 'retrieveOrder', status: 500 } });
    expect(fault.status).toBe(201);
    const run = await verify('--token', token);
    expect(run.code).toBe(1);
    // Pact's readable report on stdout, our one-line-per-failure summary on stderr.
    expect(run.stdout).toContain('expected 200 but was 500');
    expect(run.stderr).toContain('a request to retrieve a created order');
    expect(run.stderr).toMatch(/dirtylemon: \d+ interactions in 1 pact\(s\), 2 failed/);
  });

  it('refuses to run without the provider to verify', async () => {
    const run = await ordermock('verify', '--base-url', mock.base);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--base-url needs --api NAME, the API that answers there');
    const unknown = await ordermock('verify', '--api', 'acme', '--base-url', mock.base);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--api must be one of: dirtylemon, estoka, sfox, retailops');
  });
});

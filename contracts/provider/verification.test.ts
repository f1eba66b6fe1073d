/**
 * Provider verification: every pact the consumer tests just wrote, replayed by the Pact Verifier —
 * through `ordermock verify`, as a provider team runs it — against the mock in strict mode, each
 * provider state set up through the mock's admin API (`/__mock/provider-states`). On each store
 * (memory, and Redis).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES } from '../../src/spec/load.js';
import { startMock, STORE_KINDS, type RunningMock } from '../../test/helpers/mock.js';
import { PACTS_DIR } from '../support/pact.js';
import { freshInteractions } from '../support/pact-files.js';
import { ordermock } from '../support/run.js';

describe.each(STORE_KINDS)('%s store', (store) => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({}, store);
  });
  afterAll(() => mock.close());

  describe.concurrent('the mock honours every consumer contract', () => {
    it.each(API_NAMES)('%s: every interaction verifies', async (api) => {
      const run = await ordermock('verify', '--api', api, '--base-url', `${mock.base}/${api}`, '--states-url', `${mock.base}/__mock/provider-states`, '--pacts', PACTS_DIR);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      // The verifier's own count of interactions it ran, against what the pact declares.
      expect(run.stdout).toContain(`ordermock verify: ${api}: ${freshInteractions(api).length} interactions in 1 pact(s), all verified`);
    });
  });
});

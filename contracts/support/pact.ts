import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PactV4, type V3MockServer } from '@pact-foundation/pact';
// Type-only deep imports: the package's root does not re-export these V4 builder types.
import type { JsonMap } from '@pact-foundation/pact/src/common/jsonTypes.js';
import type { V4InteractionWithResponse } from '@pact-foundation/pact/src/v4/http/types.js';
import { PACT_TOKEN } from '../../src/cli/verify.js';
import type { ApiName } from '../../src/spec/load.js';

/** Where consumer tests write their pacts (git-ignored; `npm run contracts:ship` copies them to contracts/pacts). */
export const PACTS_DIR = fileURLToPath(new URL('../../pacts', import.meta.url));

/** The consumer that drives each API in these contracts; the provider is always the API's own name. */
export const CONSUMERS: Record<ApiName, string> = {
  dirtylemon: 'dirtylemon-storefront',
  estoka: 'estoka-oms-client',
  sfox: 'sfox-trading-client',
  // RetailOPS is the client of its webhook: the provider is the integrator (played by the mock).
  retailops: 'retailops-webhooks',
};

export { PACT_TOKEN };

/**
 * A V4 consumer pact for one API. Pact merges interactions into an existing file, so each consumer
 * file deletes its own pact first: the file then holds exactly what this run declared.
 */
export function consumerPact(api: ApiName): PactV4 {
  rmSync(join(PACTS_DIR, `${CONSUMERS[api]}-${api}.json`), { force: true });
  return new PactV4({ consumer: CONSUMERS[api], provider: api, dir: PACTS_DIR, logLevel: 'warn' });
}

/** A provider state as `.given(...state)` takes it; params always name the API and the tenant token. */
export type ProviderState = [name: string, params: JsonMap];

/**
 * Provider states of one API. Names are templates (`an order {id} in state {status}`) and the
 * values travel as params, with the API and tenant token the mock's state endpoint needs.
 */
export const states = (api: ApiName) => {
  const state = (name: string, params: JsonMap = {}): ProviderState => [name, { api, token: PACT_TOKEN, ...params }];
  return {
    state,
    /** Seeded by the mock's provider-state endpoint (`params.api` + `params.status`). */
    orderInState: (id: string | number, status: string, extra: JsonMap = {}) => state('an order {id} in state {status}', { id, status, ...extra }),
    /** Nothing to seed: fixture worlds never hold these ids, and the mock's endpoint ignores a state without a status. */
    noOrder: (id: string | number, extra: JsonMap = {}) => state('no order {id}', { id, ...extra }),
  };
};

/**
 * `interaction.executeTest(test)`, tried up to three times when Pact reports a request "expected but
 * not received" although its mock server answered it: an upstream race under CPU load, where the
 * match is recorded after the response is sent (pact-foundation/pact-core-mock-server#13, open;
 * pact-reference#535). A request that really never arrives still fails, on the third try.
 */
export async function verifyInteraction<T>(interaction: V4InteractionWithResponse, test: (mock: V3MockServer) => Promise<T>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await interaction.executeTest(test);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('expected but not received')) throw error;
    }
  }
}

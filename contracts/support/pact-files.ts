import { readPacts, type PactFile } from '../../src/cli/verify.js';
import type { ApiName } from '../../src/spec/load.js';
import { PACTS_DIR } from './pact.js';

export type Interaction = PactFile['interactions'][number];

/** The pacts this run's consumer tests wrote for `api`; loud when the consumer project did not run first. */
export function freshPacts(api: ApiName): { path: string; pact: PactFile }[] {
  const found = readPacts(PACTS_DIR, api);
  if (found.length === 0) {
    throw new Error(`no pact for ${api} in ${PACTS_DIR}: the contracts-consumer vitest project writes them and must run first (npm test runs it before this one)`);
  }
  return found;
}

/** Every HTTP interaction of the fresh pacts of `api`. */
export const freshInteractions = (api: ApiName): Interaction[] => freshPacts(api).flatMap(({ pact }) => pact.interactions);

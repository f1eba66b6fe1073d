/**
 * `ordermock verify` without `--base-url`: the mock itself, in this process (strict mode, an
 * ephemeral loopback port), is the provider. Every interaction gets a fresh tenant — the one its
 * request's token names, whatever token the pact sends — with its provider states seeded there.
 */
import { PUBLIC_TENANT } from '../apis/auth.js';
import { enterTenant } from '../apis/engine.js';
import { API_MODULES } from '../apis/registry.js';
import { createTenantStore, resetTenants, type TenantStore } from '../core/tenants.js';
import { seedOrders } from '../http/admin-handlers.js';
import { createMock } from '../http/app.js';
import type { ApiName } from '../spec/load.js';
import { statesOf, type PactFile } from './pact-files.js';
import { StateProblem, type Seed, type StateResolver } from './states-file.js';

/** What the Pact Verifier calls around each interaction: a setup per provider state, and a filter on every request. */
export type PactHooks = {
  setup(name: string, params: Record<string, unknown>): void;
  requestFilter(req: any, res: any, next: () => void): void;
};

// pact-js posts state changes to its own verification proxy, through the same request filter.
const PACT_STATE_PATH = '/_pactSetup';

/**
 * Pact runs one interaction at a time: its states' setups, its one request, its teardowns. A
 * state's setup cannot know the token the request will carry, so the seeds wait for the request,
 * whose token picks the tenant; a setup after a request, or a second request, starts the next interaction.
 */
function interactionHooks(store: TenantStore, api: ApiName, resolve: StateResolver): PactHooks {
  let seeds: Seed[] = [];
  let requested = false;
  const next = () => {
    seeds = [];
    requested = false;
  };
  return {
    setup(name, params) {
      if (requested) next();
      // '' is the setup Pact sends for an interaction without states.
      if (name !== '') seeds.push(...resolve(api, name, params));
    },
    requestFilter(req, res, proceed) {
      if (req.path === PACT_STATE_PATH) return proceed();
      if (requested) next();
      requested = true;
      const token = API_MODULES[api].tokenFrom(req.headers.authorization) ?? PUBLIC_TENANT;
      try {
        resetTenants(store, token);
        const tenant = enterTenant(store, token);
        for (const seed of seeds) seedOrders(store, tenant, seed);
      } catch (error) {
        // Reported by planStates already; answering anyway keeps Pact's own report pointing at it.
        return void res.status(500).json({ ordermock: `provider states could not be set up: ${(error as Error).message}` });
      }
      proceed();
    },
  };
}

export type InProcessProvider = {
  baseUrl(api: ApiName): string;
  hooks(api: ApiName, resolve: StateResolver): PactHooks;
  close(): Promise<void>;
};

export async function startInProcessProvider(): Promise<InProcessProvider> {
  const tenants = createTenantStore();
  const mock = createMock({ strict: true }, tenants);
  const port = await mock.listen(0);
  return {
    baseUrl: (api) => `http://127.0.0.1:${port}/${api}`,
    hooks: (api, resolve) => interactionHooks(tenants, api, resolve),
    close: () => mock.close(),
  };
}

/**
 * Each interaction's provider-state problems, found before Pact runs by setting its states up in
 * a scratch store: an unmatched state or a seed the mock refuses then fails that interaction with
 * a message naming the state, rather than only with the 404 it would cause. Keyed by description.
 */
export function planStates(pact: PactFile, api: ApiName, resolve: StateResolver): Map<string, string[]> {
  const scratch = createTenantStore();
  const problems = new Map<string, string[]>();
  for (const interaction of pact.interactions) {
    resetTenants(scratch);
    const tenant = enterTenant(scratch, 'plan');
    const found: string[] = [];
    for (const state of statesOf(interaction)) {
      let seeds: Seed[] = [];
      try {
        seeds = resolve(api, state.name, state.params ?? {});
      } catch (error) {
        if (!(error instanceof StateProblem)) throw error;
        found.push(error.message);
      }
      for (const seed of seeds) {
        try {
          seedOrders(scratch, tenant, seed);
        } catch (error) {
          found.push(`state '${state.name}': the mock refuses the seed ${JSON.stringify(seed)}: ${(error as Error).message}`);
        }
      }
    }
    if (found.length) problems.set(interaction.description, found);
  }
  return problems;
}

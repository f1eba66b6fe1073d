import { createTenantStore, type TenantStore } from '../core/tenants.js';
import { createMemoryStore } from '../store/memory.js';
import type { StateStore } from '../store/types.js';
import { serveCore, type NodeServer } from './node-server.js';
import { DEFAULT_OPTIONS, type MockOptions } from './options.js';
import { createRequestCore, type RequestCore } from './request-core.js';

export type MockServer = NodeServer & {
  /** Where the tenants live: this process's memory (the default) or a store shared by several instances. */
  store: StateStore;
  options: MockOptions;
  /** The transport-neutral pipeline the server (and any other adapter) calls. */
  core: RequestCore;
};

/**
 * The whole mock (every API, admin) on one store behind a node:http server, for the CLI and the
 * tests; nothing listens until `listen`. Users get the programmatic `createMock` of src/mock.ts.
 * `store`: a StateStore (from `openStore`, e.g. Redis), or the TenantStore of a memory store; the
 * caller that passes a store closes it.
 */
export function createMock(overrides: Partial<MockOptions> = {}, store?: TenantStore | StateStore): MockServer {
  const options: MockOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const state = store && 'run' in store ? store : createMemoryStore(store ?? createTenantStore(options.seed, options.limits));
  const core = createRequestCore(options, state);
  return { store: state, options, core, ...serveCore(core) };
}

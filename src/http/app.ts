import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRestoredWorld } from '../apis/engine.js';
import { createTenantStore, type TenantStore } from '../core/tenants.js';
import { createMemoryStore } from '../store/memory.js';
import type { StateStore } from '../store/types.js';
import { nodeListener } from './node-adapter.js';
import { DEFAULT_OPTIONS, type MockOptions } from './options.js';
import { createRequestCore, type RequestCore } from './request-core.js';

export type MockServer = {
  /** Where the tenants live: this process's memory (the default) or a store shared by several instances. */
  store: StateStore;
  options: MockOptions;
  /** The transport-neutral pipeline the server (and any other adapter) calls. */
  core: RequestCore;
  server: Server;
  /** Starts listening; resolves with the bound port (pass 0 for an ephemeral one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
};

/**
 * Builds the whole mock (every API, admin) on one store; nothing here listens until `listen`.
 * `store`: a StateStore (from `openStore`, e.g. Redis), or the TenantStore of a memory store.
 * The caller that passes a store closes it.
 */
export function createMock(overrides: Partial<MockOptions> = {}, store?: TenantStore | StateStore): MockServer {
  const options: MockOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const state = store && 'run' in store ? store : createMemoryStore(store ?? createTenantStore(options.seed, options.limits), checkRestoredWorld);
  const core = createRequestCore(options, state);
  const server = createServer(nodeListener(core));
  // Clients that keep connections open (browsers, load generators) should not see them cut at 5 s.
  server.keepAliveTimeout = 65_000;
  return {
    store: state,
    options,
    core,
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

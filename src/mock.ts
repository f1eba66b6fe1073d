import { createMockControl, type MockControl } from './control/mock-control.js';
import { createTenantStore } from './core/tenants.js';
import { plainRequestOf, responseOf } from './http/fetch-adapter.js';
import type { NodeServer } from './http/node-server.js';
import { DEFAULT_OPTIONS, type MockOptions } from './http/options.js';
import { createRequestCore, type RequestCore } from './http/request-core.js';
import { createMemoryStore } from './store/memory.js';
import type { StateStore } from './store/types.js';

/**
 * What `createMock` accepts: every field optional, defaults as `ordermock serve` has them.
 * `store`: where tenants live, when not in this process's memory: `await createRedisStore({ url, … })`
 * from `ordermock/redis` (Node only), shared with every other mock on that Redis.
 */
export type CreateMockOptions = Partial<Pick<MockOptions, 'apis' | 'strict' | 'seed' | 'limits' | 'bodyLimitBytes' | 'adminToken' | 'journal' | 'logger'>> & { store?: StateStore };

export type Mock = MockControl & {
  readonly options: MockOptions;
  /**
   * fetch, answered in process by the mock: the URL's path and query are in the mock's own layout
   * (`/dirtylemon/v1/orders/…`, `/__mock/outbox`), its origin is ignored. A dropped connection
   * (a `drop` fault) rejects with a TypeError, as a real fetch does.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** The request core itself: plain request in, plain reply out (what every adapter calls). */
  handle: RequestCore;
  /** Serves the mock over HTTP (Node only); resolves with the port (0 = an ephemeral one). */
  listen(port?: number, host?: string): Promise<number>;
  /** Stops the HTTP server, if `listen` started one. */
  close(): Promise<void>;
};

// Any origin will do: mock.fetch reads only the path. A name that cannot resolve on a network.
const IN_PROCESS_ORIGIN = 'http://ordermock.invalid';

/**
 * The whole stateful mock in process: every API, the admin API as typed methods, and `listen`
 * for a real server. Nothing here imports node:http until `listen` is called, so the same object
 * runs in a browser (see ordermock/msw).
 */
export function createMock(overrides: CreateMockOptions = {}): Mock {
  const { store, ...rest } = overrides;
  const options: MockOptions = { ...DEFAULT_OPTIONS, ...rest };
  const handle = createRequestCore(options, store ?? createMemoryStore(createTenantStore(options.seed, options.limits)));

  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(typeof input === 'string' && input.startsWith('/') ? IN_PROCESS_ORIGIN + input : input, init);
    const url = new URL(request.url);
    const response = responseOf(await handle(plainRequestOf(request, url.pathname + url.search)), request.method);
    if (response.type === 'error') throw new TypeError('ordermock: the connection was dropped (a drop fault)');
    return response;
  };

  let server: Promise<NodeServer> | undefined;
  return {
    options,
    handle,
    fetch,
    ...createMockControl({ baseUrl: IN_PROCESS_ORIGIN, fetch, ...(options.adminToken ? { adminToken: options.adminToken } : {}) }),
    async listen(port = 0, host) {
      // Loaded on demand, so importing ordermock never loads node:http (and browsers never see it).
      server ??= import('./http/node-server.js').then(({ serveCore }) => serveCore(handle));
      return (await server).listen(port, host);
    },
    async close() {
      await (await server)?.close();
    },
  };
}

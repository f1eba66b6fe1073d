import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import polka from 'polka';
import { API_MODULES } from '../apis/registry.js';
import { NotFound } from '../core/errors.js';
import { createTenantStore, type TenantStore } from '../core/tenants.js';
import { docsRoutes } from '../docs/routes.js';
import { inspectorRoutes } from '../inspector/routes.js';
import { adminErrorReply, adminRoutes, ADMIN_PREFIX } from './admin.js';
import { apiRoutes, type Route } from './api-routes.js';
import { answerPreflight } from './cors.js';
import { apiPrefix, DEFAULT_OPTIONS, type MockOptions } from './options.js';
import { sendJson } from './replies.js';

export type MockServer = {
  store: TenantStore;
  options: MockOptions;
  server: Server;
  /** Starts listening; resolves with the bound port (pass 0 for an ephemeral one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
};

/** Unknown paths still get the owning API's error shape, so clients parse every answer alike. */
function noRoute(options: MockOptions) {
  return (req: IncomingMessage & { path?: string }, res: ServerResponse) => {
    const path = req.path ?? req.url ?? '/';
    const error = new NotFound('route', `${req.method} ${path}`, 'path');
    // `/dirtylemon` itself belongs to the API too, and `/__mockery` does not belong to the admin API.
    const under = (prefix: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    if (under(ADMIN_PREFIX)) return sendJson(res, adminErrorReply(error));
    const api = options.apis.find((name) => under(apiPrefix(options, name)));
    sendJson(res, api ? API_MODULES[api].errorReply(error) : { status: 404, body: { error: { code: 'not_found', message: error.message } } });
  };
}

/** Builds the whole mock (every API, admin) on one store; nothing here listens until `listen`. */
export function createMock(overrides: Partial<MockOptions> = {}, store?: TenantStore): MockServer {
  const options: MockOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const state = store ?? createTenantStore(options.seed, options.limits);
  const app = polka({ onNoMatch: noRoute(options) as any });
  const routes: Route[] = [...options.apis.flatMap((api) => apiRoutes(api, state, options)), ...adminRoutes(state, options)];
  for (const route of routes) app.add(route.method as any, route.path, route.handle as any);
  const index = { name: 'ordermock', apis: options.apis.map((api) => ({ api, base_url: apiPrefix(options, api) || '/' })), admin: ADMIN_PREFIX, docs: '/docs' };
  app.get('/', ((_req: IncomingMessage, res: ServerResponse) => sendJson(res, { status: 200, body: index })) as any);
  for (const route of docsRoutes(options.apis)) app.get(route.path, route.handle as any);
  for (const route of inspectorRoutes(options)) app.get(route.path, route.handle as any);
  const server = createServer((req, res) => {
    if (!answerPreflight(req, res)) app.handler(req as any, res, undefined as any);
  });
  // Clients that keep connections open (browsers, load generators) should not see them cut at 5 s.
  server.keepAliveTimeout = 65_000;
  return {
    store: state,
    options,
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

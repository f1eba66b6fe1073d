import { API_MODULES } from '../apis/registry.js';
import { NotFound } from '../core/errors.js';
import type { TenantStore } from '../core/tenants.js';
import { docsRoutes } from '../docs/routes.js';
import { adminErrorReply, adminRoutes, ADMIN_PREFIX } from './admin.js';
import { apiRoutes } from './api-routes.js';
import { corsHeaders, preflightReply } from './cors.js';
import { headerOf, jsonReply, type PlainReply, type PlainRequest } from './exchange.js';
import { apiPrefix, type MockOptions } from './options.js';
import type { CoreRoute } from './routed.js';
import { createRouter } from './router.js';

/** The whole mock as one function from a plain request to a plain reply: every transport calls this. */
export type RequestCore = (req: PlainRequest) => Promise<PlainReply>;

/** Builds the pipeline for every API, the admin API, the index and the docs, on one store. */
export function createRequestCore(options: MockOptions, store: TenantStore): RequestCore {
  const router = createRouter<CoreRoute['handle']>();
  const index = { name: 'ordermock', apis: options.apis.map((api) => ({ api, base_url: apiPrefix(options, api) || '/' })), admin: ADMIN_PREFIX, docs: '/docs' };
  const routes: CoreRoute[] = [
    ...options.apis.flatMap((api) => apiRoutes(api, store, options)),
    ...adminRoutes(store, options),
    { method: 'GET', path: '/', handle: () => jsonReply({ status: 200, body: index }) },
    ...docsRoutes(options.apis),
  ];
  for (const route of routes) router.add(route.method, route.path, route.handle);

  /** Unknown paths still get the owning API's error shape, so clients parse every answer alike. */
  const noRoute = (req: PlainRequest, path: string): PlainReply => {
    const error = new NotFound('route', `${req.method} ${path}`, 'path');
    // `/dirtylemon` itself belongs to the API too, and `/__mockery` does not belong to the admin API.
    const under = (prefix: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    if (under(ADMIN_PREFIX)) return jsonReply(adminErrorReply(error));
    const api = options.apis.find((name) => under(apiPrefix(options, name)));
    return jsonReply(api ? API_MODULES[api].errorReply(error) : { status: 404, body: { error: { code: 'not_found', message: error.message } } });
  };

  return async (req) => {
    if (req.method === 'OPTIONS' && headerOf(req, 'access-control-request-method')) return preflightReply(req);
    const queryAt = req.url.indexOf('?');
    const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : req.url.slice(queryAt + 1);
    const match = router.match(req.method, path);
    const reply = match.kind === 'found' ? await match.handler({ req, path, search, params: match.params }) : noRoute(req, path);
    Object.assign(reply.headers, corsHeaders(req));
    return reply;
  };
}

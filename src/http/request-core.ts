import { enterTenant } from '../apis/engine.js';
import { API_MODULES } from '../apis/registry.js';
import { MethodNotAllowed, NotFound, type MockError } from '../core/errors.js';
import { NO_VALIDATION_ERRORS } from '../core/journal.js';
import { docsRoutes } from '../docs/routes.js';
import { inspectorRoutes } from '../inspector/routes.js';
import { adminErrorReply, adminRoutes, ADMIN_PREFIX } from './admin.js';
import { apiRoutes, journalRequest } from './api-routes.js';
import { createCors } from './cors.js';
import { headerOf, jsonReply, type PlainReply, type PlainRequest } from './exchange.js';
import { apiPrefix, type MockOptions } from './options.js';
import type { CoreRoute } from './routed.js';
import { createRouter } from './router.js';
import type { StateStore } from '../store/types.js';

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The whole mock as one function from a plain request to a plain reply: every transport calls this. */
export type RequestCore = (req: PlainRequest) => Promise<PlainReply>;

/** Builds the pipeline for every API, the admin API, the index and the docs, on one store. */
export function createRequestCore(options: MockOptions, store: StateStore): RequestCore {
  const router = createRouter<CoreRoute['handle']>();
  const index = { name: 'ordermock', apis: options.apis.map((api) => ({ api, base_url: apiPrefix(options, api) || '/' })), admin: ADMIN_PREFIX, docs: '/docs' };
  const routes: CoreRoute[] = [
    ...options.apis.flatMap((api) => apiRoutes(api, store, options)),
    ...adminRoutes(store, options),
    { method: 'GET', path: '/', handle: () => jsonReply({ status: 200, body: index }) },
    ...docsRoutes(options.apis),
    ...inspectorRoutes(options),
  ];
  for (const route of routes) router.add(route.method, route.path, route.handle);

  const cors = createCors(options.cors);

  /** Requests no operation answers still get the owning API's error shape, so clients parse every answer alike. */
  const unrouted = async (req: PlainRequest, path: string, error: MockError): Promise<PlainReply> => {
    const started = performance.now();
    // `/dirtylemon` itself belongs to the API too, and `/__mockery` does not belong to the admin API.
    const under = (prefix: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    if (under(ADMIN_PREFIX)) return jsonReply(adminErrorReply(error));
    const api = options.apis.find((name) => under(apiPrefix(options, name)));
    if (!api) return jsonReply({ status: 404, body: { error: { code: 'not_found', message: error.message } } });
    const reply = API_MODULES[api].errorReply(error);
    const sent = jsonReply(reply);
    // Journaled like any request, so a wrong path or method shows up where the app's calls are listed.
    const token = API_MODULES[api].tokenFrom(headerOf(req, 'authorization'));
    if (token && options.journal) {
      try {
        await store.run(token, (state) => journalRequest(enterTenant(state, token), req, api, null, started, { status: reply.status, validationErrors: NO_VALIDATION_ERRORS, fault: null, requestBody: undefined, reply, sent }));
      } catch {
        // A tenant table at its cap, or the store unreachable: the answer still goes out, unjournaled.
      }
    }
    return sent;
  };

  return async (req) => {
    const queryAt = req.url.indexOf('?');
    const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    const match = router.match(req.method, path);
    if (req.method === 'OPTIONS' && options.cors !== false && headerOf(req, 'access-control-request-method')) {
      return cors.preflight(req, match.kind === 'method' ? match.allow : ALL_METHODS);
    }
    let reply: PlainReply;
    if (match.kind === 'found') reply = await match.handler({ req, path, search: queryAt === -1 ? '' : req.url.slice(queryAt + 1), params: match.params });
    else if (match.kind === 'method') {
      reply = await unrouted(req, path, new MethodNotAllowed(req.method, path, match.allow));
      reply.headers.allow = match.allow.join(', ');
    } else reply = await unrouted(req, path, new NotFound('route', `${req.method} ${path}`, 'path'));
    const corsHeaders = cors.headersFor(req);
    if (corsHeaders) Object.assign(reply.headers, corsHeaders);
    return reply;
  };
}

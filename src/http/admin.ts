import { anyToken, PUBLIC_TENANT } from '../apis/auth.js';
import type { Reply } from '../apis/types.js';
import { enterTenant } from '../apis/engine.js';
import * as E from '../core/errors.js';
import { ForeignSnapshot } from '../core/snapshot.js';
import type { StateStore } from '../store/types.js';
import { loadSpec } from '../spec/load.js';
import { indexOperations } from '../spec/operations.js';
import { createSchemaCompiler } from '../spec/schemas.js';
import { adminHandlers } from './admin-handlers.js';
import { headerOf, jsonReply, type PlainRequest } from './exchange.js';
import { parseJsonBody } from './json-body.js';
import type { MockOptions } from './options.js';
import { parseQuery, type CoreRoute } from './routed.js';
import { compileRequestValidator, compileResponseChecker } from './validate.js';

export const ADMIN_PREFIX = '/__mock';
export const ADMIN_TOKEN_HEADER = 'x-ordermock-admin-token';

const reply = (status: number, code: string, message: string, field?: string): Reply => ({
  status,
  body: { error: { code, message, ...(field ? { field } : {}) } },
});

/** The admin API's one error shape (openapi/admin.yaml, components.schemas.Error). */
export function adminErrorReply(error: unknown): Reply {
  if (error instanceof E.ValidationFailed) return reply(400, 'invalid_request', error.message, error.field);
  if (error instanceof ForeignSnapshot) return reply(400, 'invalid_request', error.message, 'body');
  if (error instanceof E.Unauthorized) return reply(401, 'unauthorized', error.message);
  if (error instanceof E.NotFound) return reply(404, 'not_found', error.message, error.field);
  if (error instanceof E.MethodNotAllowed) return reply(405, 'method_not_allowed', error.message);
  if (error instanceof E.LimitReached) return reply(429, 'limit_reached', error.message);
  if (error instanceof E.PayloadTooLarge) return reply(400, 'invalid_request', error.message, 'body');
  if (error instanceof E.UnsupportedMediaType) return reply(400, 'invalid_request', error.message, 'body');
  if (error instanceof E.StoreUnavailable) return reply(503, 'service_unavailable', error.message);
  return reply(error instanceof E.ServerFault ? error.status : 500, 'internal_error', error instanceof Error ? error.message : 'internal error');
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Who may use the admin API: with an admin token, whoever sends it; without, loopback clients and
 * in-process callers (MSW, the programmatic API: no remote address) only.
 */
export function checkAdminAccess(req: Pick<PlainRequest, 'headers' | 'remoteAddress'>, options: MockOptions): Reply | null {
  if (options.adminToken) {
    return req.headers[ADMIN_TOKEN_HEADER] === options.adminToken ? null : reply(401, 'unauthorized', `Send the admin token in ${ADMIN_TOKEN_HEADER}`);
  }
  return req.remoteAddress === undefined || LOOPBACK.test(req.remoteAddress) ? null : reply(403, 'forbidden', 'The admin API answers loopback clients only; start with --admin-token to open it');
}

/** Routes for openapi/admin.yaml, validated like the APIs and answered by adminHandlers. */
export function adminRoutes(store: StateStore, options: MockOptions): CoreRoute[] {
  const doc = loadSpec('admin');
  const compiler = createSchemaCompiler('admin', doc);
  const startedAt = performance.now();
  return indexOperations(doc).map((op): CoreRoute => {
    const validate = compileRequestValidator(op, compiler);
    const checkResponse = options.strict ? compileResponseChecker(op, compiler) : null;
    const handler = adminHandlers[op.operationId];
    if (!handler) throw new Error(`admin: no handler for ${op.operationId}`);
    const handle: CoreRoute['handle'] = async ({ req, search, params: pathParams }) => {
      let result: Reply;
      try {
        const denied = checkAdminAccess(req, options);
        if (denied) result = denied;
        else {
          // The admin limit is larger than the APIs': a snapshot of many tenants is legitimately big.
          const bytes = await req.readBody(Math.max(options.bodyLimitBytes, 256 * 1024 * 1024));
          const { params, body } = validate({ params: pathParams, query: parseQuery(search), body: parseJsonBody(bytes, headerOf(req, 'content-type')) });
          const token = anyToken(headerOf(req, 'authorization')) ?? PUBLIC_TENANT;
          const answer = handler({
            store,
            options,
            token,
            inTenant: (work, tenantToken = token) => store.run(tenantToken, (state) => work(enterTenant(state, tenantToken), state)),
            params,
            body,
            startedAt,
          });
          result = answer instanceof Promise ? await answer : answer;
        }
      } catch (error) {
        if (!(error instanceof E.MockError) && !(error instanceof ForeignSnapshot)) options.logger?.error(`admin.${op.operationId} crashed`, { error: String((error as Error)?.stack ?? error) });
        result = adminErrorReply(error);
      }
      if (checkResponse) {
        try {
          checkResponse(result.status, result.body);
        } catch (violation) {
          options.logger?.error(`strict: ${(violation as Error).message}`);
          result = adminErrorReply(violation);
        }
      }
      return jsonReply(result);
    };
    return { method: op.method, path: op.routePath, handle };
  });
}

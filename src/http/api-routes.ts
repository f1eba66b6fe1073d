import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { enterTenant, handlerContext } from '../apis/engine.js';
import { API_MODULES } from '../apis/registry.js';
import type { Reply } from '../apis/types.js';
import { nowIso } from '../core/clock.js';
import { MockError, ServerFault, Unauthorized, ValidationFailed } from '../core/errors.js';
import { takeFault } from '../core/faults.js';
import { appendJournal, errorCodeOf, journalBody } from '../core/journal.js';
import { tenantRandom, type Tenant, type TenantStore } from '../core/tenants.js';
import { loadSpec, type ApiName } from '../spec/load.js';
import { indexOperations, type OperationIndex } from '../spec/operations.js';
import { createSchemaCompiler } from '../spec/schemas.js';
import { readJsonBody } from './body.js';
import { apiPrefix, type MockOptions } from './options.js';
import { parsePrefer } from './prefer.js';
import { declaresStatus, exampleReply, sendJson } from './replies.js';
import { compileRequestValidator, compileResponseChecker } from './validate.js';

type Req = IncomingMessage & { params: Record<string, string>; query: Record<string, string | string[]>; path: string };

export type Route = { method: string; path: string; handle: (req: Req, res: ServerResponse) => Promise<void> };

const AUTH_HINT: Record<ApiName, string> = {
  dirtylemon: 'Send Authorization: Bearer <token>',
  estoka: 'Send Authorization: Token token=<token>',
  sfox: 'Send Authorization: Bearer <api key>',
  retailops: '',
};

/** Answers with the status's example from the spec, or the API's error body when it has none. */
function cannedReply(api: ApiName, op: OperationIndex, status: number, example?: string): Reply {
  const canned = exampleReply(op, status, example);
  if (canned) return canned;
  if (!declaresStatus(op, status)) throw new ValidationFailed('Prefer', `code=${status} is not a status ${op.operationId} declares`, 'header');
  // Without the named example, or for a success status (whose body an error reply would break), refuse
  // rather than answer something the spec does not allow.
  if (example !== undefined) throw new ValidationFailed('Prefer', `example=${example} is not an example of the ${status} response of ${op.operationId}`, 'header');
  if (status < 400) throw new ValidationFailed('Prefer', `code=${status} has no example in the spec to answer with`, 'header');
  return API_MODULES[api].errorReply(new ServerFault(`Injected ${status}`, status));
}

/** One route per operation of one API: auth → body → faults → validation → handler → strict check. */
export function apiRoutes(api: ApiName, store: TenantStore, options: MockOptions): Route[] {
  const module = API_MODULES[api];
  const doc = loadSpec(api);
  const compiler = createSchemaCompiler(api, doc);
  const prefix = apiPrefix(options, api);
  return indexOperations(doc).map((op) => {
    const validateRequest = compileRequestValidator(op, compiler);
    const checkResponse = options.strict ? compileResponseChecker(op, compiler) : null;
    const handler = module.handlers[op.operationId];
    if (!handler) throw new Error(`${api}: no handler for operation ${op.operationId}`);

    const handle = async (req: Req, res: ServerResponse) => {
      const started = performance.now();
      let tenant: Tenant | undefined;
      let reply: Reply;
      let faultNote: string | null = null;
      let payload: unknown;
      const validationErrors: string[] = [];
      // A dropped connection has no status; the journal records it as 0 so it still shows up.
      const journal = (status: number, replyBytes?: number) => {
        if (!tenant || !options.journal) return;
        appendJournal(tenant.journal, {
          at: nowIso(tenant.clock),
          method: req.method ?? '',
          path: req.url ?? '',
          api,
          operationId: op.operationId,
          status,
          latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
          validation_errors: validationErrors,
          fault: faultNote,
          request_body: journalBody(payload, Number(req.headers['content-length']) || undefined),
          response_body: replyBytes === undefined ? null : journalBody(reply.body, replyBytes),
          error_code: replyBytes === undefined ? null : errorCodeOf(reply.body),
        });
      };
      try {
        const token = module.tokenFrom(req.headers.authorization);
        if (!token) throw new Unauthorized(`Missing or malformed Authorization header. ${AUTH_HINT[api]}`);
        tenant = enterTenant(store, token);
        const fault = tenant.faults.rules.length ? takeFault(tenant.faults, api, op.operationId, () => tenantRandom(tenant!)) : null;
        const prefer = req.headers.prefer ? parsePrefer(String(req.headers.prefer)) : {};
        payload = await readJsonBody(req, options.bodyLimitBytes);
        const delay = (fault?.delayMs ?? 0) + (prefer.delayMs ?? 0);
        if (delay) await sleep(delay);
        if (fault?.drop) {
          faultNote = `fault ${fault.id}: drop`;
          req.socket.destroy();
          return journal(0);
        }
        // Re-enter after the awaits: an admin reset may have replaced the tenant meanwhile, and the
        // handler below runs without awaiting, so concurrent requests on one order never interleave.
        tenant = enterTenant(store, token);
        const { params, body } = validateRequest({ params: req.params, query: req.query, body: payload });
        if (fault?.status) {
          faultNote = `fault ${fault.id}: status ${fault.status}`;
          reply = cannedReply(api, op, fault.status);
        } else if (prefer.code) reply = cannedReply(api, op, prefer.code, prefer.example);
        else reply = handler(handlerContext(store, tenant, api, op.operationId, params, body));
      } catch (error) {
        if (error instanceof ValidationFailed) validationErrors.push(error.message);
        if (!(error instanceof MockError)) options.logger?.error(`${api}.${op.operationId} crashed`, { error: String((error as Error)?.stack ?? error) });
        reply = module.errorReply(error instanceof MockError ? error : new ServerFault('Internal error in ordermock'));
      }
      if (checkResponse) {
        try {
          checkResponse(reply.status, reply.body);
        } catch (violation) {
          options.logger?.error(`strict: ${(violation as Error).message}`, { api, operationId: op.operationId, status: reply.status });
          reply = module.errorReply(violation as ServerFault);
        }
      }
      journal(reply.status, sendJson(res, reply));
    };
    return { method: op.method, path: `${prefix}${op.routePath}`, handle };
  });
}

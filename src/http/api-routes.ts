import { enterTenant, handlerContext } from '../apis/engine.js';
import { API_MODULES } from '../apis/registry.js';
import type { Reply } from '../apis/types.js';
import { nowIso } from '../core/clock.js';
import { MockError, NotAcceptable, ServerFault, Unauthorized, ValidationFailed } from '../core/errors.js';
import { takeFault } from '../core/faults.js';
import { appendJournal, errorCodeOf, journalBody } from '../core/journal.js';
import { tenantRandom, type Tenant, type TenantStore } from '../core/tenants.js';
import { loadSpec, type ApiName } from '../spec/load.js';
import { indexOperations, type OperationIndex } from '../spec/operations.js';
import { createSchemaCompiler } from '../spec/schemas.js';
import { acceptsJson } from './accept.js';
import { headerOf, jsonReply, type PlainReply, type PlainRequest } from './exchange.js';
import { parseJsonBody } from './json-body.js';
import { apiPrefix, type MockOptions } from './options.js';
import { parsePrefer } from './prefer.js';
import { declaresStatus, exampleReply } from './replies.js';
import { parseQuery, type CoreRoute } from './routed.js';
import { compileRequestValidator, compileResponseChecker } from './validate.js';

const AUTH_HINT: Record<ApiName, string> = {
  dirtylemon: 'Send Authorization: Bearer <token>',
  estoka: 'Send Authorization: Token token=<token>',
  sfox: 'Send Authorization: Bearer <api key>',
  retailops: '',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const DROPPED: PlainReply = Object.freeze({ status: 0, headers: {}, drop: true });

/** How one request ended, as its journal entry tells it. `sent` is absent when nothing was (a dropped connection). */
export type RequestOutcome = { status: number; validationErrors: string[]; fault: string | null; requestBody: unknown; reply?: Reply; sent?: PlainReply };

/** Records one request in its tenant's journal, as the admin API and the inspector show it. */
export function journalRequest(tenant: Tenant, req: PlainRequest, api: ApiName, operationId: string | null, started: number, outcome: RequestOutcome): void {
  const { reply, sent } = outcome;
  appendJournal(tenant.journal, {
    at: nowIso(tenant.clock),
    method: req.method,
    path: req.url,
    api,
    operationId,
    status: outcome.status,
    latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
    validation_errors: outcome.validationErrors,
    fault: outcome.fault,
    request_body: journalBody(outcome.requestBody, Number(headerOf(req, 'content-length')) || undefined),
    response_body: reply && sent ? journalBody(reply.body, (sent.body as string).length) : null,
    error_code: reply && sent ? errorCodeOf(reply.body) : null,
  });
}

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

/** One route per operation of one API: auth → faults/Prefer → body → validation → handler → strict check → journal. */
export function apiRoutes(api: ApiName, store: TenantStore, options: MockOptions): CoreRoute[] {
  const module = API_MODULES[api];
  const doc = loadSpec(api);
  const compiler = createSchemaCompiler(api, doc);
  const prefix = apiPrefix(options, api);
  return indexOperations(doc).map((op): CoreRoute => {
    const validateRequest = compileRequestValidator(op, compiler);
    const checkResponse = options.strict ? compileResponseChecker(op, compiler) : null;
    const handler = module.handlers[op.operationId];
    if (!handler) throw new Error(`${api}: no handler for operation ${op.operationId}`);

    const handle: CoreRoute['handle'] = async ({ req, search, params: pathParams }) => {
      const started = performance.now();
      let tenant: Tenant | undefined;
      let reply: Reply;
      let faultNote: string | null = null;
      let payload: unknown;
      const validationErrors: string[] = [];
      // A dropped connection has no status; the journal records it as 0 so it still shows up.
      const journal = (status: number, sent?: PlainReply) => {
        if (tenant && options.journal) journalRequest(tenant, req, api, op.operationId, started, { status, validationErrors, fault: faultNote, requestBody: payload, reply, sent });
      };
      try {
        const token = module.tokenFrom(headerOf(req, 'authorization'));
        if (!token) throw new Unauthorized(`Missing or malformed Authorization header. ${AUTH_HINT[api]}`);
        tenant = enterTenant(store, token);
        const accept = headerOf(req, 'accept');
        if (accept !== undefined && !acceptsJson(accept)) throw new NotAcceptable(accept);
        const fault = tenant.faults.rules.length ? takeFault(tenant.faults, api, op.operationId, () => tenantRandom(tenant!)) : null;
        const preferHeader = headerOf(req, 'prefer');
        const prefer = preferHeader ? parsePrefer(preferHeader) : {};
        payload = parseJsonBody(await req.readBody(options.bodyLimitBytes), headerOf(req, 'content-type'));
        const delay = (fault?.delayMs ?? 0) + (prefer.delayMs ?? 0);
        if (delay) await sleep(delay);
        if (fault?.drop) {
          faultNote = `fault ${fault.id}: drop`;
          journal(0);
          return DROPPED;
        }
        // Re-enter after the awaits: an admin reset may have replaced the tenant meanwhile, and the
        // handler below runs without awaiting, so concurrent requests on one order never interleave.
        tenant = enterTenant(store, token);
        const { params, body } = validateRequest({ params: pathParams, query: parseQuery(search), body: payload });
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
      const sent = jsonReply(reply, op.method === 'GET');
      journal(reply.status, sent);
      return sent;
    };
    return { method: op.method, path: `${prefix}${op.routePath}`, handle };
  });
}

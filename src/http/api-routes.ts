import { enterTenant, handlerContext } from '../apis/engine.js';
import { API_MODULES } from '../apis/registry.js';
import type { Reply } from '../apis/types.js';
import { nowIso } from '../core/clock.js';
import { MockError, NotAcceptable, ServerFault, Unauthorized, ValidationFailed } from '../core/errors.js';
import { takeFault, type FaultRule } from '../core/faults.js';
import { appendJournal, errorCodeOf, journalBody, NO_VALIDATION_ERRORS } from '../core/journal.js';
import { tenantRandom, type Tenant, type TenantStore } from '../core/tenants.js';
import type { StateStore } from '../store/types.js';
import { loadSpec, type ApiName } from '../spec/load.js';
import { indexOperations, type OperationIndex } from '../spec/operations.js';
import { createSchemaCompiler } from '../spec/schemas.js';
import { acceptsJson } from './accept.js';
import { headerOf, jsonReply, type PlainReply, type PlainRequest } from './exchange.js';
import { parseJsonBody } from './json-body.js';
import { apiPrefix, type MockOptions } from './options.js';
import { parsePrefer, type Preferences } from './prefer.js';
import { declaresStatus, exampleReply } from './replies.js';
import { parseQuery, type CoreRoute, type RoutedRequest } from './routed.js';
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

/** A request's parts the store has no say in, read before any step on the tenant. */
type Incoming = {
  started: number;
  token: string;
  /** Refused before a fault rule is taken, as the Accept check always was. */
  notAcceptable?: NotAcceptable;
  /** A bad body or Prefer header: refused after the fault rule is taken. */
  problem?: unknown;
  payload: unknown;
  prefer: Preferences;
};

/**
 * A step's result: the reply, or a delay (a fault rule's and `Prefer: delay`) that must pass before a
 * second step answers. The first step enters the tenant, so a held request's tenant exists meanwhile.
 */
type Outcome = { reply: PlainReply; pause?: undefined } | { reply?: undefined; pause: { ms: number; fault: FaultRule | null } };

/** One route per operation of one API: auth → faults/Prefer → body → validation → handler → strict check → journal. */
export function apiRoutes(api: ApiName, store: StateStore, options: MockOptions): CoreRoute[] {
  const module = API_MODULES[api];
  const doc = loadSpec(api);
  const compiler = createSchemaCompiler(api, doc);
  const prefix = apiPrefix(options, api);
  return indexOperations(doc).map((op): CoreRoute => {
    const validateRequest = compileRequestValidator(op, compiler);
    const checkResponse = options.strict ? compileResponseChecker(op, compiler) : null;
    const handler = module.handlers[op.operationId];
    if (!handler) throw new Error(`${api}: no handler for operation ${op.operationId}`);

    /** Strict mode's check of an answer, turning a violation into a loud 500. */
    const checked = (reply: Reply): Reply => {
      if (!checkResponse) return reply;
      try {
        checkResponse(reply.status, reply.body);
        return reply;
      } catch (violation) {
        options.logger?.error(`strict: ${(violation as Error).message}`, { api, operationId: op.operationId, status: reply.status });
        return module.errorReply(violation as ServerFault);
      }
    };
    const errorFor = (error: unknown): Reply => {
      if (!(error instanceof MockError)) options.logger?.error(`${api}.${op.operationId} crashed`, { error: String((error as Error)?.stack ?? error) });
      return module.errorReply(error instanceof MockError ? error : new ServerFault('Internal error in ordermock'));
    };

    /**
     * One synchronous step on the tenant: take a fault rule (`fault` 'take'), then validate, run the
     * handler and journal. Nothing here awaits, so concurrent requests on one order never interleave,
     * and the Redis store can run it again after a conflict.
     */
    const answer = (state: TenantStore, incoming: Incoming, routed: RoutedRequest, fault: FaultRule | null | 'take'): Outcome => {
      let tenant: Tenant | undefined;
      let reply: Reply;
      let faultNote: string | null = null;
      let validationError: string | undefined;
      // A dropped connection has no status; the journal records it as 0 so it still shows up.
      const journal = (status: number, sent?: PlainReply) => {
        if (tenant && options.journal) journalRequest(tenant, routed.req, api, op.operationId, incoming.started, { status, validationErrors: validationError === undefined ? NO_VALIDATION_ERRORS : [validationError], fault: faultNote, requestBody: incoming.payload, reply, sent });
      };
      try {
        tenant = enterTenant(state, incoming.token);
        if (incoming.notAcceptable) throw incoming.notAcceptable;
        if (fault === 'take') {
          fault = tenant.faults.rules.length ? takeFault(tenant.faults, api, op.operationId, () => tenantRandom(tenant!)) : null;
          // The rule is taken (and, with Redis, committed) now; the reply comes from a step after the delay.
          const ms = (fault?.delayMs ?? 0) + (incoming.prefer.delayMs ?? 0);
          if (ms && !incoming.problem) return { pause: { ms, fault } };
        }
        if (incoming.problem) throw incoming.problem;
        if (fault?.drop) {
          faultNote = `fault ${fault.id}: drop`;
          journal(0);
          return { reply: DROPPED };
        }
        const { params, body } = validateRequest({ params: routed.params, query: parseQuery(routed.search), body: incoming.payload });
        if (fault?.status) {
          faultNote = `fault ${fault.id}: status ${fault.status}`;
          reply = cannedReply(api, op, fault.status);
        } else if (incoming.prefer.code) reply = cannedReply(api, op, incoming.prefer.code, incoming.prefer.example);
        else reply = handler(handlerContext(state, tenant, api, op.operationId, params, body));
      } catch (error) {
        if (error instanceof ValidationFailed) validationError = error.message;
        reply = errorFor(error);
      }
      reply = checked(reply);
      const sent = jsonReply(reply, op.method === 'GET');
      journal(reply.status, sent);
      return { reply: sent };
    };

    const handle: CoreRoute['handle'] = async (routed) => {
      const { req } = routed;
      const started = performance.now();
      const token = module.tokenFrom(headerOf(req, 'authorization'));
      if (!token) return jsonReply(checked(errorFor(new Unauthorized(`Missing or malformed Authorization header. ${AUTH_HINT[api]}`))));
      const incoming: Incoming = { started, token, payload: undefined, prefer: {} };
      const accept = headerOf(req, 'accept');
      if (accept !== undefined && !acceptsJson(accept)) incoming.notAcceptable = new NotAcceptable(accept);
      else {
        try {
          const preferHeader = headerOf(req, 'prefer');
          if (preferHeader) incoming.prefer = parsePrefer(preferHeader);
          incoming.payload = parseJsonBody(await req.readBody(options.bodyLimitBytes), headerOf(req, 'content-type'));
        } catch (error) {
          incoming.problem = error;
        }
      }
      try {
        // The memory store answers synchronously: no await on its path.
        const first = store.run(token, (state) => answer(state, incoming, routed, 'take'));
        const outcome = first instanceof Promise ? await first : first;
        if (!outcome.pause) return outcome.reply;
        const { pause } = outcome;
        await sleep(pause.ms);
        const second = await store.run(token, (state) => answer(state, incoming, routed, pause.fault));
        return second.reply!;
      } catch (error) {
        // The store refused the step (a Redis tenant cap, Redis unreachable): nothing was applied or journaled.
        return jsonReply(checked(errorFor(error)));
      }
    };
    return { method: op.method, path: `${prefix}${op.routePath}`, handle };
  });
}

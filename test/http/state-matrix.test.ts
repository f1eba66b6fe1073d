/**
 * Generated from the specs' transition tables: every API × state-changing operation × state, run
 * through the server (on the memory store and on Redis), MSW and the programmatic API alike
 * (test/helpers/transports.ts).
 * Adding a rule or a state to a spec adds cases here without touching this file.
 */
import { describe, expect, it } from 'vitest';
import { API_MODULES } from '../../src/apis/registry.js';
import { IllegalTransition } from '../../src/core/errors.js';
import { allowedFrom } from '../../src/core/transitions.js';
import { API_NAMES, loadSpec, type ApiName } from '../../src/spec/load.js';
import { indexOperations, resolveRef, type OperationIndex } from '../../src/spec/operations.js';
import { authFor } from '../helpers/mock.js';
import { forEachTransport } from '../helpers/transports.js';

/** Fills path parameters from the order's own fields (`order_id` → id) and bodies from the spec's example. */
function requestFor(api: ApiName, op: OperationIndex, order: any): { path: string; body?: unknown } {
  const path = `/${api}${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => String(name === 'order_id' ? order.id : order[name]))}`;
  const media = op.operation.requestBody && resolveRef(loadSpec(api), op.operation.requestBody).content['application/json'];
  if (!media) return { path };
  const body: any = structuredClone(Object.values<any>(media.examples)[0].value);
  // RetailOPS names the order in the body, not the path.
  if (body?.data?.order) body.data.order.id = String(order.id);
  return { path, body };
}

const successStatus = (op: OperationIndex) => Number(Object.keys(op.responses).find((s) => s.startsWith('2')));

forEachTransport((transport) => {
  for (const api of API_NAMES) {
    const { machine } = API_MODULES[api];
    const operations = indexOperations(loadSpec(api));
    for (const [operationId, table] of Object.entries(machine.operations)) {
      const op = operations.find((o) => o.operationId === operationId)!;
      describe(`${api} ${operationId}`, () => {
        it.each(machine.states)(`from %s`, async (state) => {
          const token = transport.newToken();
          const tenant = transport.control(token);
          const before = await tenant.seedOrder(api, { status: state });
          const { path, body } = requestFor(api, op, before);
          const res = await transport.call(op.method, path, { auth: authFor(api, token), body });
          const after = await tenant.order(api, before.id);
          const outbox = await tenant.outbox({ api, order_id: String(before.id) });
          const rule = table.rules.find((r) => r.from.includes(state));
          if (rule) {
            expect(res.status, JSON.stringify(res.body)).toBe(successStatus(op));
            expect(after.status).toBe(rule.to ?? state);
            expect(outbox.map((e) => e.type)).toEqual(rule.effects);
            if (rule.outcome) expect(JSON.stringify(res.body)).toContain(JSON.stringify(rule.outcome));
            const { pending } = await tenant.clock();
            expect(pending.length).toBe(rule.settle ? 1 : 0);
          } else {
            const expected = API_MODULES[api].errorReply(new IllegalTransition(operationId, state, allowedFrom(table)));
            expect(res.status).toBe(expected.status);
            expect(res.body).toEqual(expected.body);
            expect(after).toEqual(before);
            expect(outbox).toEqual([]);
          }
        });
      });
    }
  }
});

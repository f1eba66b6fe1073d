import { describe, expect, it } from 'vitest';
import { API_NAMES, loadSpec, type SpecName } from '../../src/spec/load.js';
import { indexOperations, resolveRef } from '../../src/spec/operations.js';
import { createSchemaCompiler } from '../../src/spec/schemas.js';
import { readStateMachine, stateMachineProblems } from '../../src/spec/state-machine.js';

/** The operations the source documents describe (shared/api-docs), which every spec must carry. */
const DOCUMENTED: Record<string, string[]> = {
  dirtylemon: [
    'GET /v1/orders/{order_id} retrieveOrder',
    'POST /v1/customers/{customer_id}/orders createOrder',
    'POST /v1/orders/{order_id}/pay payOrder',
    'POST /v1/orders/{order_id}/cancel cancelOrder',
    'POST /v1/orders/{order_id}/fulfill fulfillOrder',
    'POST /v1/orders/{order_id}/return returnOrder',
  ],
  estoka: ['POST /api/v1/organizations/{organization_id}/orders/{order_id}/cancel cancelOrder'],
  sfox: ['DELETE /v1/orders/{order_id} cancelOrder'],
  retailops: ['POST /order_cancel cancelOrder'],
};

const SPECS: SpecName[] = [...API_NAMES, 'admin'];

describe.each(SPECS)('%s spec', (name) => {
  const doc = loadSpec(name);
  const compiler = createSchemaCompiler(name, doc);
  const operations = indexOperations(doc);

  it('is OpenAPI 3.1 with servers and unique verb operationIds', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+[A-Za-z]*$/);
  });

  it('compiles every component schema with strict ajv', () => {
    for (const schemaName of Object.keys(doc.components?.schemas ?? {})) {
      expect(() => compiler.named(schemaName), schemaName).not.toThrow();
    }
  });

  it('has every documented operation', () => {
    const present = operations.map((o) => `${o.method} ${o.path} ${o.operationId}`);
    for (const expected of DOCUMENTED[name] ?? []) expect(present).toContain(expected);
  });

  it('gives every response a JSON body schema and at least one example that validates', () => {
    let checked = 0;
    for (const op of operations) {
      for (const [status, schema] of Object.entries(op.responses)) {
        const where = `${op.operationId} ${status}`;
        expect(schema, `${where} has no application/json schema`).toBeTruthy();
        const examples = Object.entries(op.examples[status] ?? {});
        expect(examples.length, `${where} has no named example`).toBeGreaterThan(0);
        const validate = compiler.compile(schema);
        for (const [exampleName, value] of examples) {
          expect(validate(value), `${where} example ${exampleName}: ${JSON.stringify(validate.errors)}`).toBe(true);
          checked++;
        }
      }
      const body = op.operation.requestBody && resolveRef(doc, op.operation.requestBody);
      const media = body?.content?.['application/json'];
      for (const [exampleName, ex] of Object.entries<any>(media?.examples ?? {})) {
        const validate = compiler.compile(media.schema);
        expect(validate(resolveRef(doc, ex).value), `${op.operationId} request example ${exampleName}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe.each(API_NAMES)('%s state machine', (name) => {
  const doc = loadSpec(name);
  const machine = readStateMachine(doc);

  it('is well formed: every state initial or reachable, every target declared', () => {
    expect(stateMachineProblems(machine)).toEqual([]);
  });

  it('covers every state-changing operation with a table that names real operations', () => {
    const ids = new Set(indexOperations(doc).map((o) => o.operationId));
    expect(Object.keys(machine.operations).length).toBeGreaterThan(0);
    for (const id of [...Object.keys(machine.operations), ...Object.keys(machine.creates)]) expect(ids.has(id)).toBe(true);
  });
});

describe('stateMachineProblems', () => {
  const base = { states: ['a', 'b', 'c'], initial: ['a'], creates: {}, operations: {} };
  it('reports an undeclared target, an unreachable state and a shadowed rule', () => {
    const problems = stateMachineProblems({
      ...base,
      operations: { go: { operationId: 'go', preconditions: [], rules: [{ from: ['a'], to: 'z', effects: [] }, { from: ['a'], to: 'b', effects: [] }] } },
    });
    expect(problems).toContain("go rule 0 to: 'z' is not an OrderStatus");
    expect(problems).toContain("go rule 1: 'a' already handled by an earlier rule");
    expect(problems).toContain("'c' is neither initial nor the target of any transition");
  });
});

import { describe, expect, it } from 'vitest';
import { displaySpecAs30, schemaAs30 } from '../../src/docs/display-spec.js';
import { API_NAMES, loadSpec, type OpenApiDoc } from '../../src/spec/load.js';

describe('schemaAs30: one 3.1 schema in the 3.0 dialect Swagger UI renders without ApiDOM', () => {
  it('turns a null type into nullable, several types into anyOf, and a lone null into an enum', () => {
    expect(schemaAs30({ type: ['string', 'null'], format: 'date-time' })).toEqual({ type: 'string', nullable: true, format: 'date-time' });
    expect(schemaAs30({ type: ['string', 'integer'] })).toEqual({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(schemaAs30({ type: ['string', 'integer', 'null'] })).toEqual({ anyOf: [{ type: 'string' }, { type: 'integer' }], nullable: true });
    expect(schemaAs30({ type: 'null' })).toEqual({ nullable: true, enum: [null] });
    // An anyOf already there keeps its meaning: both must hold.
    expect(schemaAs30({ type: ['string', 'integer'], anyOf: [{ minLength: 1 }, { minimum: 1 }] })).toEqual({
      anyOf: [{ minLength: 1 }, { minimum: 1 }],
      allOf: [{ anyOf: [{ type: 'string' }, { type: 'integer' }] }],
    });
  });

  it('turns a null alternative of anyOf or oneOf into nullable on what is left', () => {
    expect(schemaAs30({ description: 'd', anyOf: [{ $ref: '#/components/schemas/Address' }, { type: 'null' }] })).toEqual({
      description: 'd',
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/Address' }],
    });
    expect(schemaAs30({ oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] })).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }], nullable: true });
    // `{type: 'null', description}` is more than the null alternative: it stays an alternative.
    expect(schemaAs30({ anyOf: [{ type: 'string' }, { type: 'null', description: 'none yet' }] })).toEqual({
      anyOf: [{ type: 'string' }, { nullable: true, enum: [null], description: 'none yet' }],
    });
  });

  it('turns const into a one-value enum, examples into example, and numeric exclusive bounds into flags', () => {
    expect(schemaAs30({ type: 'string', const: 'sell' })).toEqual({ type: 'string', enum: ['sell'] });
    expect(schemaAs30({ type: 'integer', examples: [42, 7] })).toEqual({ type: 'integer', example: 42 });
    expect(schemaAs30({ type: 'integer', examples: [42], example: 1 })).toEqual({ type: 'integer', example: 1 });
    expect(schemaAs30({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 })).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true });
  });

  it('says dependentRequired in the description, which 3.0 cannot say otherwise', () => {
    expect(schemaAs30({ description: 'The result.', dependentRequired: { id: ['status'], a: ['b', 'c'] } })).toEqual({
      description: 'The result. When `id` is present, `status` must be too. When `a` is present, `b`, `c` must be too.',
    });
  });

  it('converts every subschema, keeps additionalProperties: false, and leaves example data alone', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: { type: ['string', 'null'] },
        lines: { type: 'array', items: { properties: { kind: { const: 'sku' } } } },
        tags: { type: 'object', additionalProperties: { type: ['integer', 'null'] } },
      },
      allOf: [{ properties: { when: { examples: ['2024-05-01'] } } }],
      example: { id: null, type: ['string', 'null'], const: 1 },
    };
    expect(schemaAs30(schema)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        id: { type: 'string', nullable: true },
        lines: { type: 'array', items: { properties: { kind: { enum: ['sku'] } } } },
        tags: { type: 'object', additionalProperties: { type: 'integer', nullable: true } },
      },
      allOf: [{ properties: { when: { example: '2024-05-01' } } }],
      example: { id: null, type: ['string', 'null'], const: 1 },
    });
    expect(schemaAs30(true)).toEqual({});
    expect(schemaAs30(false)).toEqual({ not: {} });
  });
});

/** Where a 3.1-only form is left in a document's schemas (walks everything but example data). */
function leftovers(node: unknown, path = '#'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => leftovers(item, `${path}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  const found: string[] = [];
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.type) || record.type === 'null') found.push(`${path}: type ${JSON.stringify(record.type)}`);
  if ('const' in record) found.push(`${path}: const`);
  if (Array.isArray(record.examples)) found.push(`${path}: examples list`);
  if ('dependentRequired' in record) found.push(`${path}: dependentRequired`);
  for (const [key, value] of Object.entries(record)) {
    // Example payloads (`example`, named examples' `value`) are data, not schemas.
    if (key === 'example' || key === 'value' || key.startsWith('x-')) continue;
    found.push(...leftovers(value, `${path}/${key}`));
  }
  return found;
}

describe('displaySpecAs30: the copy of a spec the console renders', () => {
  it.each([...API_NAMES, 'admin' as const])('%s: 3.0.3, with no 3.1-only schema form left, the same operations, and the spec itself untouched', (name) => {
    const doc = loadSpec(name);
    const before = structuredClone(doc);
    const copy = displaySpecAs30(doc);
    expect(doc).toEqual(before);
    expect(leftovers(before).length, 'the spec uses 3.1 forms, so this test converts something').toBeGreaterThan(0);
    expect(copy.openapi).toBe('3.0.3');
    expect(leftovers(copy)).toEqual([]);
    expect(Object.keys(copy.paths)).toEqual(Object.keys(doc.paths));
    const operationIds = (d: OpenApiDoc) => Object.values(d.paths).flatMap((item) => Object.values(item).map((op: any) => op.operationId).filter(Boolean));
    expect(operationIds(copy)).toEqual(operationIds(doc));
    // Named examples, which the console offers in its example pickers, are kept as they are.
    expect((copy.components as Record<string, unknown>).examples).toEqual((doc.components as Record<string, unknown>).examples);
  });

  it('keeps info.summary, which 3.0 lacks, as the first paragraph of the description', () => {
    const doc = { ...loadSpec('sfox'), info: { title: 't', version: '1', summary: 'In short.', description: 'At length.' } } as OpenApiDoc;
    expect(displaySpecAs30(doc).info).toEqual({ title: 't', version: '1', description: 'In short.\n\nAt length.' });
    expect(displaySpecAs30({ ...doc, info: { title: 't', version: '1', summary: 'In short.' } as OpenApiDoc['info'] }).info.description).toBe('In short.');
  });

  it('converts schemas in parameters, request bodies, responses and their headers, and components', () => {
    const nullableString = { type: ['string', 'null'] };
    const converted = { type: 'string', nullable: true };
    const doc: OpenApiDoc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x/{id}': {
          parameters: [{ name: 'id', in: 'path', schema: nullableString }],
          post: {
            operationId: 'x',
            parameters: [{ name: 'q', in: 'query', content: { 'application/json': { schema: nullableString } } }],
            requestBody: { content: { 'application/json': { schema: nullableString, examples: { one: { value: { type: ['a', 'null'] } } } } } },
            responses: { '200': { description: 'ok', headers: { 'X-Next': { schema: nullableString } }, content: { 'application/json': { schema: nullableString } } } },
          },
        },
      },
      // OpenApiDoc types only the component kinds the mock reads.
      components: {
        schemas: { S: nullableString },
        parameters: { P: { name: 'p', in: 'query', schema: nullableString } },
        responses: { R: { description: 'r', content: { 'text/plain': { schema: nullableString } } } },
      } as OpenApiDoc['components'],
    };
    const copy = displaySpecAs30(doc);
    const item = copy.paths['/x/{id}']!;
    expect(item.parameters[0].schema).toEqual(converted);
    expect(item.post.parameters[0].content['application/json'].schema).toEqual(converted);
    expect(item.post.requestBody.content['application/json'].schema).toEqual(converted);
    expect(item.post.requestBody.content['application/json'].examples).toEqual({ one: { value: { type: ['a', 'null'] } } });
    expect(item.post.responses['200'].headers['X-Next'].schema).toEqual(converted);
    expect(item.post.responses['200'].content['application/json'].schema).toEqual(converted);
    expect(copy.components!.schemas!.S).toEqual(converted);
    expect((copy.components as any).parameters.P.schema).toEqual(converted);
    expect(copy.components!.responses!.R.content['text/plain'].schema).toEqual(converted);
  });
});

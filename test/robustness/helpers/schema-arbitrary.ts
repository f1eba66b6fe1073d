import fc, { type Arbitrary } from 'fast-check';
import type { OpenApiDoc } from '../../../src/spec/load.js';
import { resolveRef } from '../../../src/spec/operations.js';

/** Past this depth only required properties and minimum-length arrays are generated. */
const MAX_DEPTH = 6;

const typesOf = (schema: any): string[] => {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  return ['string', 'integer', 'boolean', 'null'];
};

function stringArbitrary(schema: any): Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, minLength + 40);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  // Graphemes, not just ASCII: `CRÉMAZIE` and emoji are what real payloads carry.
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }).filter((s) => [...s].length <= (schema.maxLength ?? Infinity) && s.length >= minLength),
  );
}

function numberArbitrary(schema: any, integer: boolean): Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  if (integer) {
    const min = schema.minimum ?? (exclusiveMin !== undefined ? Math.floor(exclusiveMin) + 1 : -1_000_000);
    const max = schema.maximum ?? (exclusiveMax !== undefined ? Math.ceil(exclusiveMax) - 1 : 1_000_000_000);
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  return fc.double({
    min: schema.minimum ?? exclusiveMin ?? -1e9,
    max: schema.maximum ?? exclusiveMax ?? 1e9,
    minExcluded: exclusiveMin !== undefined,
    maxExcluded: exclusiveMax !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

function objectArbitrary(doc: OpenApiDoc, schema: any, depth: number): Arbitrary<Record<string, unknown>> {
  const required = new Set<string>(schema.required ?? []);
  const entries = Object.entries<any>(schema.properties ?? {}).filter(([key]) => depth < MAX_DEPTH || required.has(key));
  const model = Object.fromEntries(entries.map(([key, sub]) => [key, schemaArbitrary(doc, sub, depth + 1)]));
  const record = fc.record(model, { requiredKeys: entries.map(([key]) => key).filter((key) => required.has(key)) }) as Arbitrary<Record<string, unknown>>;
  return schema.minProperties ? record.filter((o) => Object.keys(o).length >= schema.minProperties) : record;
}

/**
 * Values that should satisfy a spec schema (refs resolved against `doc`). Best effort on purpose:
 * callers check the result with ajv and treat a miss as an invalid request, never as a pass.
 */
export function schemaArbitrary(doc: OpenApiDoc, input: any, depth = 0): Arbitrary<unknown> {
  const schema = resolveRef(doc, input) ?? {};
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.allOf)) {
    const merged = schema.allOf.map((s: any) => resolveRef(doc, s)).reduce((a: any, b: any) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {});
    return schemaArbitrary(doc, merged, depth);
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: any) => schemaArbitrary(doc, s, depth + 1)));
  const arbitraries = typesOf(schema).map((type): Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return stringArbitrary(schema);
      case 'integer':
        return numberArbitrary(schema, true);
      case 'number':
        return numberArbitrary(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array': {
        const minLength = schema.minItems ?? 0;
        const maxLength = depth >= MAX_DEPTH ? minLength : Math.min(schema.maxItems ?? 4, minLength + 4);
        const items = schemaArbitrary(doc, schema.items ?? {}, depth + 1);
        return schema.uniqueItems ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength });
      }
      default:
        return objectArbitrary(doc, schema, depth);
    }
  });
  return arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
}

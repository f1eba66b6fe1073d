import type { OpenApiDoc } from '../spec/load.js';

// Swagger UI 5 runs an OpenAPI 3.1 document through ApiDOM, whose refracting and dereferencing
// cost the docs pages about half a second of main-thread time each (and far more per operation
// opened: swagger-ui issues 8606, 10748); a 3.0 document takes its older, light resolver. So the
// console gets a copy in 3.0.3 shape. The 3.1 spec stays the source of truth: the mock validates
// with it and `openapi/*.yaml` are served and shipped as written.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ type: 'null' }` and nothing else: the null alternative of an `anyOf`/`oneOf`. */
const isNullType = (value: Json): boolean => isNode(value) && Object.keys(value).length === 1 && [value.type].flat().every((type) => type === 'null');

/** Keywords whose value is one subschema, a list of them, or a map of names to them. */
const ONE_SCHEMA = ['items', 'not', 'additionalProperties', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const SCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];

const mapValues = (map: Json | undefined, convert: (value: Json) => Json): Json | undefined =>
  isNode(map) ? Object.fromEntries(Object.entries(map).map(([key, value]) => [key, convert(value)])) : map;

/**
 * One JSON Schema 2020-12 schema (as OpenAPI 3.1 uses it) in the OpenAPI 3.0 dialect, as far as
 * Swagger UI shows it: `type: [t, 'null']` → `type: t, nullable: true` (several types → `anyOf`),
 * `const` → a one-value `enum`, `examples` → `example` (the first), numeric
 * `exclusiveMinimum`/`exclusiveMaximum` → `minimum`/`maximum` with the boolean flag, a null
 * alternative of `anyOf`/`oneOf` → `nullable`, `dependentRequired` → words in the description.
 * Other keywords 3.0 lacks stay (Swagger UI ignores them). Returns a new object.
 */
export function schemaAs30(schema: Json): Json {
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  if (!isNode(schema)) return schema;
  const out: Node = { ...schema };
  // 3.1's `anyOf: [X, {type: 'null'}]` is 3.0's `nullable: true` on X.
  for (const key of ['anyOf', 'oneOf']) {
    const alternatives = out[key];
    if (!Array.isArray(alternatives) || !alternatives.some(isNullType)) continue;
    const rest = alternatives.filter((alternative) => !isNullType(alternative));
    out.nullable = true;
    if (rest.length === 1) {
      delete out[key];
      out.allOf = [...((out.allOf as Json[] | undefined) ?? []), rest[0]!];
    } else out[key] = rest;
  }
  // `additionalProperties: false` is 3.0 already; a boolean elsewhere becomes its schema.
  for (const key of ONE_SCHEMA) if (isNode(out[key]) || (typeof out[key] === 'boolean' && key !== 'additionalProperties')) out[key] = schemaAs30(out[key]!);
  for (const key of SCHEMA_LIST) if (Array.isArray(out[key])) out[key] = (out[key] as Json[]).map(schemaAs30);
  for (const key of SCHEMA_MAP) if (key in out) out[key] = mapValues(out[key], schemaAs30)!;

  if (out.type === 'null' || Array.isArray(out.type)) {
    const listed = [out.type].flat();
    const types = listed.filter((type) => type !== 'null');
    if (types.length < listed.length) out.nullable = true;
    delete out.type;
    if (types.length === 1) out.type = types[0]!;
    else if (types.length > 1) {
      const alternatives = { anyOf: types.map((type) => ({ type })) };
      if (out.anyOf === undefined) Object.assign(out, alternatives);
      else out.allOf = [...((out.allOf as Json[] | undefined) ?? []), alternatives];
    } else out.enum = [null];
  }
  // 3.0 has no `dependentRequired`; the console shows it as a sentence of the description.
  if (isNode(out.dependentRequired)) {
    const rules = Object.entries(out.dependentRequired).map(([name, needs]) => `When \`${name}\` is present, \`${[needs].flat().join('`, `')}\` must be too.`);
    out.description = [out.description, ...rules].filter(Boolean).join(' ');
    delete out.dependentRequired;
  }
  if ('const' in out) {
    out.enum ??= [out.const!];
    delete out.const;
  }
  if (Array.isArray(out.examples)) {
    if (out.examples.length > 0) out.example ??= out.examples[0]!;
    delete out.examples;
  }
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[exclusive] === 'number') {
      out[bound] = out[exclusive]!;
      out[exclusive] = true;
    }
  }
  return out;
}

// The places of an OpenAPI document that hold schemas: parameters, headers, media types (in
// request bodies and responses), components, and the operations of each path and callback.

/** A parameter, header, media type, request body or response: whatever holds `schema`, `content` or `headers`. */
const withSchema = (node: Json): Json => {
  if (!isNode(node)) return node;
  const out: Node = { ...node };
  if ('schema' in out) out.schema = schemaAs30(out.schema!);
  if ('content' in out) out.content = mapValues(out.content, withSchema)!;
  if ('headers' in out) out.headers = mapValues(out.headers, withSchema)!;
  return out;
};

function operation(node: Json): Json {
  if (!isNode(node)) return node;
  const out: Node = { ...node };
  if (Array.isArray(out.parameters)) out.parameters = out.parameters.map(withSchema);
  if ('requestBody' in out) out.requestBody = withSchema(out.requestBody!);
  if ('responses' in out) out.responses = mapValues(out.responses, withSchema)!;
  if ('callbacks' in out) out.callbacks = mapValues(out.callbacks, (callback) => mapValues(callback, pathItem)!)!;
  return out;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function pathItem(node: Json): Json {
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) out[key] = METHODS.has(key) ? operation(value) : key === 'parameters' && Array.isArray(value) ? value.map(withSchema) : value;
  return out;
}

const COMPONENTS: Record<string, (node: Json) => Json> = {
  schemas: schemaAs30,
  parameters: withSchema,
  headers: withSchema,
  requestBodies: withSchema,
  responses: withSchema,
  callbacks: (callback) => mapValues(callback, pathItem)!,
  pathItems: pathItem,
};

/**
 * The copy of a spec that the docs console renders: the same document in OpenAPI 3.0.3 shape
 * (see `schemaAs30`), with `info.summary`, which 3.0 lacks, as the first paragraph of the
 * description. The input is left as it is.
 */
export function displaySpecAs30(doc: OpenApiDoc): OpenApiDoc {
  const { summary, ...info } = doc.info as OpenApiDoc['info'] & { summary?: string };
  if (summary) info.description = info.description ? `${summary}\n\n${info.description}` : summary;
  const components = isNode(doc.components)
    ? Object.fromEntries(Object.entries(doc.components as Node).map(([kind, map]) => [kind, COMPONENTS[kind] ? mapValues(map, COMPONENTS[kind]) : map]))
    : doc.components;
  return {
    ...doc,
    openapi: '3.0.3',
    info,
    paths: mapValues(doc.paths as Node, pathItem) as OpenApiDoc['paths'],
    ...(components === undefined ? {} : { components }),
  };
}

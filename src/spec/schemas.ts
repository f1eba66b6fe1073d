import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDoc } from './load.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof import('ajv-formats').default;

/** OpenAPI keywords that are annotations only, declared so ajv's strict mode accepts them. */
const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'];

export type SchemaCompiler = {
  /** Compiles a schema taken from the spec (its `#/components/...` refs resolve against the spec). */
  compile(schema: unknown): ValidateFunction;
  /** The spec's `components.schemas`, by name. */
  named(name: string): ValidateFunction;
};

/** Rewrites `#/components/schemas/X` to `<id>#/$defs/X` so fragments compile standalone. */
function rebase(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rebase(n, id));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        out[key] = `${id}#/$defs/${value.slice('#/components/schemas/'.length)}`;
      } else out[key] = rebase(value, id);
    }
    return out;
  }
  return node;
}

function vendorKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => vendorKeywords(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      vendorKeywords(value, found);
    }
  }
  return found;
}

// One ajv per error mode for the whole process, and one compiler per spec document: each ajv
// instance compiles the draft 2020-12 meta-schema (tens of ms), and start-up would pay that per spec.
type SharedAjv = { ajv: Ajv2020; keywords: Set<string> };
const instances = new Map<boolean, SharedAjv>();
const compilers = new WeakMap<OpenApiDoc, Map<boolean, SchemaCompiler>>();
let documents = 0;

function sharedAjv(allErrors: boolean): SharedAjv {
  let shared = instances.get(allErrors);
  if (!shared) {
    // No meta-schema validation: strict mode already refuses unknown keywords, formats and ill-typed
    // keyword values, and the specs are linted; compiling the meta-schema was a quarter of a cold start.
    const ajv = new Ajv2020({ strict: true, allErrors, allowUnionTypes: true, coerceTypes: false, validateSchema: false });
    addFormats(ajv);
    ajv.addVocabulary(OPENAPI_ANNOTATIONS);
    instances.set(allErrors, (shared = { ajv, keywords: new Set(OPENAPI_ANNOTATIONS) }));
  }
  return shared;
}

/** A strict ajv (draft 2020-12 + formats) that knows one spec's component schemas; one per document. */
export function createSchemaCompiler(name: string, doc: OpenApiDoc, { allErrors = false } = {}): SchemaCompiler {
  let byMode = compilers.get(doc);
  if (!byMode) compilers.set(doc, (byMode = new Map()));
  let compiler = byMode.get(allErrors);
  if (!compiler) byMode.set(allErrors, (compiler = newCompiler(name, doc, sharedAjv(allErrors))));
  return compiler;
}

function newCompiler(name: string, doc: OpenApiDoc, { ajv, keywords }: SharedAjv): SchemaCompiler {
  const unknown = [...vendorKeywords(doc)].filter((keyword) => !keywords.has(keyword));
  ajv.addVocabulary(unknown);
  unknown.forEach((keyword) => keywords.add(keyword));
  // Numbered: tests may load changed copies of a spec next to the original.
  const id = `urn:ordermock:${name}:${++documents}`;
  ajv.addSchema({ $id: id, $defs: rebase(doc.components?.schemas ?? {}, id) });
  const cache = new WeakMap<object, ValidateFunction>();
  return {
    compile(schema) {
      if (schema && typeof schema === 'object') {
        const hit = cache.get(schema);
        if (hit) return hit;
        const fn = ajv.compile(rebase(schema, id) as object);
        cache.set(schema, fn);
        return fn;
      }
      return ajv.compile((schema ?? {}) as object);
    },
    named(schemaName) {
      const fn = ajv.getSchema(`${id}#/$defs/${schemaName}`);
      if (!fn) throw new Error(`${name}: no components.schemas.${schemaName}`);
      return fn;
    },
  };
}

export type SchemaViolation = { field: string; message: string };

/** Turns ajv's first error into a field name a client developer recognises (`line_items[0].sku`). */
export function describeViolation(error: ErrorObject, root = ''): SchemaViolation {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (error.params as any).missingProperty ?? (error.params as any).additionalProperty;
  if (extra !== undefined) segments.push(String(extra));
  const field = segments.reduce((path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg), root);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = 'is not a known field';
  else if (error.keyword === 'required') message = 'is required';
  else if (error.keyword === 'enum') message = `must be one of: ${(error.params as any).allowedValues.join(', ')}`;
  return { field: field || root || 'body', message };
}

/**
 * Requests generated from a spec: mostly well-formed ones aimed at fixtures, the rest broken in
 * one or more ways. Each carries the outcome the spec implies, worked out here from what was
 * generated (ajv on the parts), so the test can tell a right refusal from a wrong one.
 */
import fc, { type Arbitrary } from 'fast-check';
import type { OperationIndex, OperationParameter } from '../../../src/spec/operations.js';
import { createSchemaCompiler } from '../../../src/spec/schemas.js';
import { badUuid, hostileSegment, hostileValue } from './hostile-values.js';
import { applyMutation, mutationArbitrary, substituteKnown } from './json-mutations.js';
import type { RawRequest } from './raw-client.js';
import { schemaArbitrary } from './schema-arbitrary.js';
import type { Target } from './targets.js';

export type Expectation =
  | { kind: 'valid'; preferCode?: number }
  | { kind: 'invalid'; why: string }
  | { kind: 'unauthorized' }
  | { kind: 'unsupported-media' }
  | { kind: 'no-route' }
  /** A known path with a method it does not have: 405 naming the path's methods in Allow. */
  | { kind: 'wrong-method' }
  /** An Accept header that admits no JSON: 406 in the API's error shape. */
  | { kind: 'not-acceptable' }
  /** Only the properties every answer has: the spec leaves this case open. */
  | { kind: 'any'; why: string };

/** `operationId` is null for a path or method the spec does not have. */
export type GeneratedRequest = { operationId: string | null; request: RawRequest; expect: Expectation };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Tokens that are valid but mean something to JavaScript or to a naive parser. */
const ODD_TOKENS = ['__proto__', 'constructor', 'hasOwnProperty', '%00', '\\', 'a'.repeat(512)];

/** Authorization values, labelled with whether the spec's scheme accepts them (undefined: it does not say). */
function authArbitrary(target: Target): Arbitrary<{ header?: string; valid?: boolean }> {
  const tokens = [...Array.from({ length: 5 }, (_, i) => `fuzz-${target.name}-${i}`), ...ODD_TOKENS];
  const valid = fc.tuple(fc.constantFrom(...tokens), fc.nat()).map(([token, n]) => {
    const forms = target.authForms(token);
    return { header: forms[n % forms.length]!, valid: true };
  });
  const wrongScheme = target.name === 'estoka' ? 'Bearer abc' : 'Token token=abc';
  const hostile = fc.constantFrom<{ header?: string; valid?: boolean }>(
    { valid: false },
    { header: '', valid: false },
    { header: 'Bearer', valid: false },
    { header: 'Basic dXNlcjpwYXNz', valid: false },
    { header: 'Bearer a b', valid: false },
    { header: 'Bearer \u00e9t\u00e9', valid: false },
    { header: 'Token token=', valid: false },
    { header: wrongScheme, valid: false },
    { header: `Bearer ${'a'.repeat(513)}` },
  );
  // Without required auth every header is acceptable: it only picks a tenant.
  const arbitrary = fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: hostile });
  return target.requiresAuth ? arbitrary : arbitrary.map(({ header }) => ({ header, valid: true }));
}

const CONTENT_TYPES: { value?: string; json: boolean }[] = [
  { value: 'application/json; charset=utf-8', json: true },
  { value: 'APPLICATION/JSON', json: true },
  { value: 'application/vnd.api+json', json: true },
  { json: false },
  { value: '', json: false },
  { value: 'text/plain', json: false },
  { value: 'text/json', json: false },
  { value: 'application/jsonp', json: false },
  { value: 'application/x-www-form-urlencoded', json: false },
  { value: 'multipart/form-data; boundary=x', json: false },
];
const contentTypeArbitrary = fc.oneof({ weight: 12, arbitrary: fc.constant({ value: 'application/json', json: true }) }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) });

const MALFORMED_JSON = ['{', '{"a":}', "{'a':1}", '{"a":1,}', 'NaN', '[1,2', '\uFEFF{}', '{"a":1}{"b":2}', 'undefined', '  ', '{"a":"\\x"}'];

/** The value one time in ten, else null. */
const rarely = <T>(arbitrary: Arbitrary<T>): Arbitrary<T | null> => fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

type Body = { text?: string; parsed?: unknown; parses: boolean };
const asBody = (value: unknown): Body => (value === undefined ? { parses: true } : { text: JSON.stringify(value), parsed: value, parses: true });

function bodyArbitrary(target: Target, op: OperationIndex): Arbitrary<Body> {
  const malformed = fc.constantFrom(...MALFORMED_JSON).map((text): Body => ({ text, parses: false }));
  const schema = op.requestBody?.schema;
  if (!schema) return fc.oneof({ weight: 8, arbitrary: fc.constant<Body>({ parses: true }) }, { weight: 1, arbitrary: hostileValue.map(asBody) }, { weight: 1, arbitrary: malformed });
  const examples = Object.values<any>(op.operation.requestBody?.content?.['application/json']?.examples ?? {}).map((e) => e.value);
  const plausible = fc
    .tuple(examples.length ? fc.oneof(fc.constantFrom(...examples), schemaArbitrary(target.doc, schema)) : schemaArbitrary(target.doc, schema), fc.nat())
    .map(([value, seed]) => substituteKnown(value, target.known, target.forced ?? {}, seed));
  return fc.oneof(
    { weight: 5, arbitrary: plausible.map(asBody) },
    { weight: 4, arbitrary: fc.tuple(plausible, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })).map(([value, ms]) => asBody(ms.reduce(applyMutation, value))) },
    { weight: 1, arbitrary: fc.constant<Body>({ parses: true }) },
    { weight: 1, arbitrary: hostileValue.map(asBody) },
    { weight: 1, arbitrary: malformed },
  );
}

/** What polka hands the handler for a segment: percent-decoded when that succeeds, raw otherwise. */
const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const numeric = (schema: any) => [schema?.type].flat().some((t) => t === 'integer' || t === 'number');

function paramArbitrary(target: Target, param: OperationParameter): Arbitrary<string> {
  const known = (target.known[param.name] ?? []).map((v) => encodeURIComponent(String(v)));
  const generated = schemaArbitrary(target.doc, param.schema)
    .map((v) => encodeURIComponent(String(v)))
    .filter((s) => s !== '');
  const hostile = param.schema?.format === 'uuid' ? fc.oneof(hostileSegment, badUuid.map(encodeURIComponent)) : hostileSegment;
  return fc.oneof(...(known.length ? [{ weight: 5, arbitrary: fc.constantFrom(...known) }] : []), { weight: 2, arbitrary: generated }, { weight: 1, arbitrary: hostile });
}

/** `refused`: a code the operation does not declare, or an example it does not have (400 naming Prefer). */
type Prefer = { header: string; code?: number; refused?: boolean };

function preferArbitrary(op: OperationIndex): Arbitrary<Prefer | null> {
  const declared = Object.keys(op.responses).filter((s) => /^[1-4]\d\d$/.test(s));
  const withCode = fc.constantFrom(...declared).chain((code) =>
    fc.option(fc.constantFrom(...Object.keys(op.examples[code] ?? {}), 'nope')).map((example): Prefer => ({
      header: example === null ? `code=${code}` : `code=${code}, example=${example}`,
      ...(example === 'nope' ? { refused: true } : { code: Number(code) }),
    })),
  );
  const undeclared = fc.constantFrom('418', '299', '600').filter((c) => !(c in op.responses)).map((code): Prefer => ({ header: `code=${code}`, refused: true }));
  const ignored = fc.constantFrom('code=abc', 'delay=x', 'example=nope', '', ';;;,,,=', 'delay=1', 'code=', 'respond-async').map((header): Prefer => ({ header }));
  return rarely(fc.oneof(withCode, undeclared, ignored));
}

/** An Accept header now and then; `json` says whether it admits application/json (the only type any operation produces). */
type Accept = { header: string; json: boolean } | null;
const acceptArbitrary: Arbitrary<Accept> = rarely(
  fc.constantFrom(
    { header: 'application/json', json: true },
    { header: '*/*', json: true },
    { header: 'application/*;q=0.8, text/html', json: true },
    { header: 'application/xml', json: false },
    { header: 'text/html, application/xhtml+xml', json: false },
    { header: 'application/json;q=0, text/csv', json: false },
  ),
);

/** Path template → a pattern matching the concrete paths the router sends to it. */
const templatePattern = (template: string) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

/** Builds the generators and the expected outcomes for one target (API or admin). */
export function requestGenerators(target: Target) {
  const compiler = createSchemaCompiler(target.name, target.doc);
  const routes = target.operations.map((op) => ({ method: op.method, pattern: templatePattern(`${target.prefix}${op.path}`) }));
  const routed = (method: string, path: string) => routes.some((r) => r.method === method && r.pattern.test(path.split('?')[0]!));
  const pathKnown = (path: string) => routes.some((r) => r.pattern.test(path.split('?')[0]!));
  const unrouted = (path: string): GeneratedRequest['expect'] => (pathKnown(path) ? { kind: 'wrong-method' } : { kind: 'no-route' });

  function paramValidity(param: OperationParameter, raw: string): boolean | undefined {
    const validate = compiler.compile(param.schema);
    const value = decoded(raw);
    if (numeric(param.schema) ? /^-?\d+$/.test(value) && validate(Number(value)) : validate(value)) return true;
    // A decimal for an integer, or an exponent: the spec does not say how text maps to numbers.
    const lenient = validate(value) || (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) && validate(Number(value)));
    return lenient ? undefined : false;
  }

  function expectationFor(op: OperationIndex, parts: { auth: { valid?: boolean }; accept: Accept; params: Record<string, string>; body: Body; contentType: { json: boolean }; prefer: Prefer | null }): Expectation {
    if (parts.auth.valid === false) return { kind: 'unauthorized' };
    if (parts.auth.valid === undefined) return { kind: 'any', why: 'an Authorization form the spec leaves open' };
    if (parts.accept && !parts.accept.json) return { kind: 'not-acceptable' };
    if (parts.body.text) {
      if (!parts.contentType.json) return { kind: 'unsupported-media' };
      if (!parts.body.parses) return { kind: 'invalid', why: 'malformed JSON' };
    }
    let unsure: string | null = null;
    for (const param of op.parameters.filter((p) => p.in === 'path' || p.in === 'query')) {
      const raw = parts.params[param.name];
      if (raw === undefined || (param.in === 'query' && raw === '')) continue;
      const valid = paramValidity(param, raw);
      if (valid === false) return { kind: 'invalid', why: `parameter ${param.name}` };
      if (valid === undefined) unsure = `parameter ${param.name}=${raw}`;
    }
    const schema = op.requestBody?.schema;
    if (schema) {
      if (parts.body.text === undefined) {
        if (op.requestBody?.required) return { kind: 'invalid', why: 'missing body' };
      } else if (!compiler.compile(schema)(parts.body.parsed)) return { kind: 'invalid', why: 'body breaks the schema' };
    }
    if (unsure) return { kind: 'any', why: unsure };
    if (parts.prefer?.refused) return { kind: 'invalid', why: 'a Prefer code or example the operation does not have' };
    return { kind: 'valid', ...(parts.prefer?.code ? { preferCode: parts.prefer.code } : {}) };
  }

  const fill = (op: OperationIndex, params: Record<string, string>) => `${target.prefix}${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name]!)}`;

  function operationRequest(op: OperationIndex): Arbitrary<GeneratedRequest> {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    return fc
      .record({
        auth: authArbitrary(target),
        pathValues: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, paramArbitrary(target, p)]))),
        queryValues: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, paramArbitrary(target, p)])), { requiredKeys: [] }),
        junkQuery: rarely(hostileSegment),
        body: bodyArbitrary(target, op),
        contentType: contentTypeArbitrary,
        prefer: target.name === 'admin' ? fc.constant(null) : preferArbitrary(op),
        accept: target.name === 'admin' ? fc.constant(null) : acceptArbitrary,
      })
      .map(({ auth, pathValues, queryValues, junkQuery, body, contentType, prefer, accept }): GeneratedRequest => {
        const params = { ...pathValues, ...queryValues } as Record<string, string>;
        const query = Object.keys(queryValues).map((k) => `${k}=${params[k]}`);
        // An undeclared parameter is ignored, as a real server does.
        if (junkQuery !== null) query.push(`zz_unknown=${junkQuery}`);
        const headers: Record<string, string> = {};
        if (auth.header !== undefined) headers.authorization = auth.header;
        if (body.text !== undefined && contentType.value !== undefined) headers['content-type'] = contentType.value;
        if (prefer) headers.prefer = prefer.header;
        if (accept) headers.accept = accept.header;
        const path = fill(op, params) + (query.length ? `?${query.join('&')}` : '');
        return { operationId: op.operationId, request: { method: op.method, path, headers, body: body.text }, expect: expectationFor(op, { auth, accept, params, body, contentType, prefer }) };
      });
  }

  const knownParams = (op: OperationIndex) =>
    Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, encodeURIComponent(String(target.known[p.name]?.[0] ?? 'x'))]));
  const validAuth = (token: string) => ({ authorization: target.authForms(token)[0]! });

  /** A declared path with a method it does not have. */
  const wrongMethod: Arbitrary<GeneratedRequest> = fc.tuple(fc.constantFrom(...target.operations), fc.constantFrom(...METHODS)).map(([op, method]): GeneratedRequest => {
    const path = fill(op, knownParams(op));
    const request = { method, path, headers: validAuth(`fuzz-${target.name}-0`) };
    return { operationId: null, request, expect: routed(method, path) ? { kind: 'any', why: 'the method exists there' } : unrouted(path) };
  });

  /** A path under the API's prefix that the spec does not have. */
  const unknownPath: Arbitrary<GeneratedRequest> = fc
    .tuple(fc.constantFrom(...target.operations), fc.constantFrom(...METHODS), hostileSegment, fc.constantFrom('base', 'deeper', 'bare'))
    .map(([op, method, segment, where]): GeneratedRequest => {
      const base = target.prefix || '/__mock';
      const path = where === 'bare' ? base : where === 'base' ? `${base}/zz-${segment}` : `${fill(op, knownParams(op))}/zz-${segment}`;
      const request = { method, path, headers: validAuth(`fuzz-${target.name}-0`) };
      return { operationId: null, request, expect: routed(method, path) ? { kind: 'any', why: 'the path exists' } : unrouted(path) };
    });

  return {
    any: fc.oneof({ weight: 16, arbitrary: fc.oneof(...target.operations.map(operationRequest)) }, { weight: 1, arbitrary: wrongMethod }, { weight: 1, arbitrary: unknownPath }),
  };
}

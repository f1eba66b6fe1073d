import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, type ApiName } from '../../src/spec/load.js';
import { packageRoot } from '../../src/spec/package-files.js';
import { indexOperations, resolveRef } from '../../src/spec/operations.js';

/**
 * One named example pair of a spec: a request example (path parameters, body) and the response
 * example of the same name — the convention Specmatic and Microcks pair them by.
 */
export type NamedPair = {
  name: string;
  operationId: string;
  method: string;
  /** The operation's path template, e.g. `/v1/orders/{order_id}`. */
  template: string;
  /** The path template with the pair's parameter examples filled in, e.g. `/v1/orders/123`. */
  path: string;
  body?: unknown;
  /** The status of the response example with the pair's name. */
  status: number;
};

/** `examples` of every path and operation parameter, by example name → parameter name → value. */
function parameterExamples(api: ApiName, path: string, operation: any): Map<string, Record<string, unknown>> {
  const doc = loadSpec(api);
  const byName = new Map<string, Record<string, unknown>>();
  for (const raw of [...(doc.paths[path]!.parameters ?? []), ...(operation.parameters ?? [])]) {
    const param = resolveRef(doc, raw);
    for (const [name, example] of Object.entries<any>(param.examples ?? {})) {
      byName.set(name, { ...byName.get(name), [param.name]: resolveRef(doc, example).value });
    }
  }
  return byName;
}

/** Every named pair of an API's spec, in spec order. */
export function namedPairs(api: ApiName): NamedPair[] {
  const doc = loadSpec(api);
  const pairs: NamedPair[] = [];
  for (const op of indexOperations(doc)) {
    const params = parameterExamples(api, op.path, op.operation);
    const body = op.operation.requestBody && resolveRef(doc, op.operation.requestBody);
    const bodies = Object.fromEntries(
      Object.entries<any>(body?.content?.['application/json']?.examples ?? {}).map(([name, ex]) => [name, resolveRef(doc, ex).value]),
    );
    for (const [status, examples] of Object.entries(op.examples)) {
      for (const name of Object.keys(examples)) {
        if (!params.has(name) && !(name in bodies)) continue;
        const values = params.get(name) ?? {};
        const path = op.path.replace(/\{([^}]+)\}/g, (_, param: string) => encodeURIComponent(String(values[param])));
        pairs.push({ name, operationId: op.operationId, method: op.method, template: op.path, path, ...(name in bodies ? { body: bodies[name] } : {}), status: Number(status) });
      }
    }
  }
  return pairs;
}

export type ExternalExample = { file: string; method: string; path: string; authorization?: string; status: number };

/**
 * Specmatic's external examples of a spec (`openapi/<api>_examples/*.json`). Estoka has them because
 * Specmatic, given a spec path, takes no credential from specmatic.yaml, and an example is the one
 * place left to carry `Authorization: Token token=…`; each one overrides the inline pair of its name.
 */
export function externalExamples(api: ApiName): ExternalExample[] {
  const dir = join(packageRoot, 'openapi', `${api}_examples`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const { 'http-request': request, 'http-response': response } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      return { file, method: request.method, path: request.path, authorization: request.headers?.Authorization, status: response.status };
    });
}

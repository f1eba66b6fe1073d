import type { OpenApiDoc } from './load.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export type OperationParameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required: boolean; schema: any };

/** What the mock needs to know about one operation, resolved from the spec once at start-up. */
export type OperationIndex = {
  operationId: string;
  method: string;
  /** The OpenAPI path template, e.g. `/v1/orders/{order_id}`. */
  path: string;
  /** The same path in router syntax, e.g. `/v1/orders/:order_id`. */
  routePath: string;
  parameters: OperationParameter[];
  requestBody?: { required: boolean; schema: any };
  /** status code (or a range such as `5XX`, or `default`) → JSON schema of the body. */
  responses: Record<string, any>;
  /** status code → named examples of the body. */
  examples: Record<string, Record<string, unknown>>;
  operation: any;
};

/** Resolves a local `#/components/...` reference (one hop at a time, until none is left). */
export function resolveRef<T = any>(doc: OpenApiDoc, node: any): T {
  let current = node;
  while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((at: any, key: string) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return current as T;
}

function jsonContent(doc: OpenApiDoc, holder: any) {
  return resolveRef(doc, holder)?.content?.['application/json'];
}

/** Lists every operation of a spec with parameters, body and responses resolved. */
export function indexOperations(doc: OpenApiDoc): OperationIndex[] {
  const result: OperationIndex[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared: any[] = item.parameters ?? [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const byKey = new Map<string, OperationParameter>();
      for (const raw of [...shared, ...(operation.parameters ?? [])]) {
        const p = resolveRef(doc, raw);
        byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: Boolean(p.required), schema: p.schema ?? {} });
      }
      const body = operation.requestBody ? resolveRef(doc, operation.requestBody) : undefined;
      const responses: Record<string, any> = {};
      const examples: Record<string, Record<string, unknown>> = {};
      for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
        const content = jsonContent(doc, response);
        responses[status] = content?.schema ?? null;
        examples[status] = Object.fromEntries(
          Object.entries<any>(content?.examples ?? {}).map(([name, ex]) => [name, resolveRef(doc, ex).value]),
        );
      }
      result.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        parameters: [...byKey.values()],
        requestBody: body ? { required: Boolean(body.required), schema: body.content?.['application/json']?.schema } : undefined,
        responses,
        examples,
        operation,
      });
    }
  }
  return result;
}

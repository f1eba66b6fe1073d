import type { ValidateFunction } from 'ajv';
import { createSchemaCompiler } from '../../../src/spec/schemas.js';
import type { OperationIndex } from '../../../src/spec/operations.js';
import { errorShapeProblems } from './error-shape.js';
import type { GeneratedRequest } from './generated-requests.js';
import type { RawResponse } from './raw-client.js';
import type { Target } from './targets.js';

/** The status the admin API answers for a body that is too large or not JSON (its spec: 400). */
const mediaTypeStatus = (target: Target) => (target.name === 'admin' ? 400 : 415);

/**
 * Checks one answer against the spec, independently of the mock's own strict mode: the
 * status is declared, the body matches that status's schema, errors have the API's shape, and
 * the outcome is the one the request's parts imply. Returns the problems found (none = pass).
 */
export function responseOracle(target: Target) {
  const compiler = createSchemaCompiler(target.name, target.doc, { allErrors: true });
  const bySchema = new Map<OperationIndex, Map<string, ValidateFunction>>();
  const validatorFor = (op: OperationIndex, status: number): ValidateFunction | null => {
    let table = bySchema.get(op);
    if (!table) {
      table = new Map(Object.entries(op.responses).filter(([, s]) => s).map(([code, s]) => [code, compiler.compile(s)]));
      bySchema.set(op, table);
    }
    return table.get(String(status)) ?? table.get(`${String(status)[0]}XX`) ?? table.get('default') ?? null;
  };
  const describe = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`).join('; ');

  return (generated: GeneratedRequest, res: RawResponse): string[] => {
    const problems: string[] = [];
    const { status, body } = res;
    if (status >= 500) problems.push(`status ${status}`);
    if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) problems.push(`content-type ${res.headers['content-type']}`);
    if (typeof body !== 'object' || body === null) problems.push(`body is not a JSON object: ${res.text.slice(0, 200)}`);
    const op = target.operations.find((o) => o.operationId === generated.operationId);
    if (op) {
      const validate = validatorFor(op, status);
      if (!validate) problems.push(`status ${status} is not declared by ${op.operationId}`);
      else if (!validate(body)) problems.push(`body does not match the ${status} schema: ${describe(validate)}`);
    }
    const shape = status >= 400 ? errorShapeProblems(target.name, body) : [];
    if (shape.length) problems.push(`error body is not ${target.errorSchema}: ${shape.join('; ')}`);
    const refusal = status === 400 && target.isValidationRefusal(body);
    const expect = generated.expect;
    switch (expect.kind) {
      case 'unauthorized':
        if (status !== 401) problems.push(`expected 401, got ${status}`);
        break;
      case 'unsupported-media':
        if (status !== mediaTypeStatus(target)) problems.push(`expected ${mediaTypeStatus(target)}, got ${status}`);
        break;
      case 'invalid':
        if (!refusal) problems.push(`expected a 400 validation refusal (${expect.why}), got ${status}`);
        break;
      case 'no-route':
        if (status !== target.noRouteStatus) problems.push(`expected ${target.noRouteStatus} for an unknown route, got ${status}`);
        break;
      case 'wrong-method':
        if (status !== 405) problems.push(`expected 405 for a method the path does not have, got ${status}`);
        else if (!res.headers.allow) problems.push('a 405 without an Allow header');
        break;
      case 'not-acceptable':
        if (status !== 406) problems.push(`expected 406 for an Accept without JSON, got ${status}`);
        break;
      case 'valid':
        if (expect.preferCode !== undefined) {
          if (status !== expect.preferCode) problems.push(`expected Prefer code ${expect.preferCode}, got ${status}`);
        } else if (refusal && !target.isDocumentedRefusal?.(body)) problems.push(`a request valid per the spec was refused: ${res.text.slice(0, 300)}`);
        break;
      case 'any':
        break;
    }
    return problems;
  };
}

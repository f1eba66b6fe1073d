import type { ValidateFunction } from 'ajv';
import { ServerFault, ValidationFailed } from '../core/errors.js';
import type { OperationIndex, OperationParameter } from '../spec/operations.js';
import { describeViolation, type SchemaCompiler } from '../spec/schemas.js';

type ParamCheck = { param: OperationParameter & { in: 'path' | 'query' }; coerce: (raw: string) => unknown; validate: ValidateFunction };

const typesOf = (schema: any): string[] => (Array.isArray(schema?.type) ? schema.type : [schema?.type]);

/** Path and query values arrive as text; turn them into what the schema declares before checking. */
function coercerFor(schema: any): (raw: string) => unknown {
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    return (raw) => (/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);
  }
  if (types.includes('boolean')) return (raw) => (raw === 'true' ? true : raw === 'false' ? false : raw);
  return (raw) => raw;
}

export type RequestInput = { params: Record<string, string>; query: Record<string, string | string[]>; body: unknown };

export type RequestValidator = (input: RequestInput) => { params: Record<string, unknown>; body: unknown };

/**
 * The checks one operation's parameters and body must pass, compiled once, on the operation's first
 * request: compiling every operation of every spec up front was a third of the cold start.
 */
export function compileRequestValidator(op: OperationIndex, compiler: SchemaCompiler): RequestValidator {
  let validate: RequestValidator | undefined;
  return (input) => (validate ??= buildRequestValidator(op, compiler))(input);
}

function buildRequestValidator(op: OperationIndex, compiler: SchemaCompiler): RequestValidator {
  const checks: ParamCheck[] = op.parameters
    .filter((p): p is OperationParameter & { in: 'path' | 'query' } => p.in === 'path' || p.in === 'query')
    .map((param) => ({ param, coerce: coercerFor(param.schema), validate: compiler.compile(param.schema) }));
  const body = op.requestBody?.schema ? compiler.compile(op.requestBody.schema) : null;
  const bodyRequired = Boolean(op.requestBody?.required);
  return ({ params, query, body: payload }) => {
    const values: Record<string, unknown> = {};
    for (const { param, coerce, validate } of checks) {
      const source = param.in === 'path' ? params[param.name] : query[param.name];
      const raw = Array.isArray(source) ? source[0] : source;
      if (raw === undefined || raw === '') {
        if (param.required) throw new ValidationFailed(param.name, 'is required', param.in);
        if (param.schema?.default !== undefined) values[param.name] = param.schema.default;
        continue;
      }
      const value = coerce(raw);
      if (!validate(value)) throw new ValidationFailed(param.name, describeViolation(validate.errors![0]!, param.name).message, param.in);
      values[param.name] = value;
    }
    if (payload === undefined) {
      if (bodyRequired) throw new ValidationFailed('body', 'is required', 'body');
    } else if (body && !body(payload)) {
      const { field, message } = describeViolation(body.errors![0]!);
      throw new ValidationFailed(field, message, 'body');
    }
    return { params: values, body: payload };
  };
}

export type ResponseChecker = (status: number, body: unknown) => void;

/**
 * Strict mode's self-check: throws ServerFault when a response the mock is about to send does
 * not match the spec, so a mock bug surfaces as a loud 500 instead of a wrong answer.
 */
export function compileResponseChecker(op: OperationIndex, compiler: SchemaCompiler): ResponseChecker {
  const byStatus = new Map<string, ValidateFunction>();
  for (const [status, schema] of Object.entries(op.responses)) if (schema) byStatus.set(status, compiler.compile(schema));
  return (status, body) => {
    const validate = byStatus.get(String(status)) ?? byStatus.get(`${String(status)[0]}XX`) ?? byStatus.get('default');
    if (!validate) throw new ServerFault(`${op.operationId} does not declare status ${status}`);
    if (!validate(body)) {
      const { field, message } = describeViolation(validate.errors![0]!);
      throw new ServerFault(`${op.operationId} ${status} response violates the spec: ${field} ${message}`);
    }
  };
}

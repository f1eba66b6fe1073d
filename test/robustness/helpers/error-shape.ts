import type { ValidateFunction } from 'ajv';
import type { SpecName } from '../../../src/spec/load.js';
import { createSchemaCompiler } from '../../../src/spec/schemas.js';
import { targetFor } from './targets.js';

const validators = new Map<SpecName, ValidateFunction>();

/** Problems with a body as the error of an API (its documented error schema), or [] when it is one. */
export function errorShapeProblems(name: SpecName, body: unknown): string[] {
  let validate = validators.get(name);
  if (!validate) {
    const target = targetFor(name);
    validate = createSchemaCompiler(name, target.doc, { allErrors: true }).named(target.errorSchema);
    validators.set(name, validate);
  }
  if (!validate(body)) return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`);
  // RetailOPS answers errors as events; at least one must say so.
  if (name === 'retailops' && !(body as any).events.some((e: any) => e.status === 'error')) return ['no error event'];
  return [];
}

/** The code an error body carries, whatever the API's shape (for assertions like `limit_reached`). */
export function errorCode(name: SpecName, body: any): string | undefined {
  if (name === 'retailops') return body?.events?.[0]?.error_code;
  if (name === 'estoka') return body?.code;
  if (name === 'sfox') return body?.error;
  return body?.error?.code;
}

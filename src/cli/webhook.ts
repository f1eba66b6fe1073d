import { loadSpec } from '../spec/load.js';
import { indexOperations } from '../spec/operations.js';
import { createSchemaCompiler, describeViolation } from '../spec/schemas.js';

export type WebhookResult = { status: number; body: unknown; payload: unknown; violations: string[] };

/**
 * Plays RetailOPS: POSTs a spec-valid `order_cancel` (the document's own example, with the given
 * order id) to an integrator's endpoint and checks its reply against openapi/retailops.yaml.
 */
export async function sendOrderCancel(to: string, orderId?: string, token?: string): Promise<WebhookResult> {
  const doc = loadSpec('retailops');
  const op = indexOperations(doc).find((o) => o.operationId === 'cancelOrder')!;
  const media = op.operation.requestBody.content['application/json'];
  const payload: any = structuredClone(Object.values<any>(media.examples)[0].value);
  if (orderId !== undefined) payload.data.order.id = orderId;

  const response = await fetch(to, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  const violations: string[] = [];
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    violations.push(`body is not JSON: ${text.slice(0, 200)}`);
  }
  const schema = op.responses[String(response.status)] ?? (response.status >= 500 && response.status <= 599 ? op.responses.default : undefined);
  if (!schema) violations.push(`status ${response.status} is not one the spec allows (${Object.keys(op.responses).join(', ')})`);
  else if (violations.length === 0) {
    const validate = createSchemaCompiler('retailops', doc, { allErrors: true }).compile(schema);
    if (!validate(body)) {
      for (const error of validate.errors ?? []) {
        const { field, message } = describeViolation(error);
        violations.push(`${field || '(body)'} ${message}${error.keyword === 'type' ? `, got ${JSON.stringify(valueAt(body, error.instancePath))}` : ''}`);
      }
    }
  }
  return { status: response.status, body, payload, violations };
}

function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce((at: any, key) => (at == null ? at : at[key]), body);
}

import type { Reply } from '../apis/types.js';
import type { OperationIndex } from '../spec/operations.js';

/**
 * Whether the operation's spec lists this status: exactly, as a `4XX`/`5XX` range (admin.yaml), or,
 * for a 5xx, as `default` — the API specs list 500 and 503 and leave any other server fault to
 * `default` (openapi/README.md), so `Prefer: code=418` stays a status no operation declares.
 */
export const declaresStatus = (op: OperationIndex, status: number): boolean =>
  String(status) in op.responses || `${String(status)[0]}XX` in op.responses || (status >= 500 && status <= 599 && 'default' in op.responses);

/** The spec's own example for a status (by name, else the first), as Prism's `Prefer: code=` does. */
export function exampleReply(op: OperationIndex, status: number, name?: string): Reply | null {
  const examples = op.examples[String(status)];
  if (!examples) return null;
  const body = name !== undefined ? examples[name] : Object.values(examples)[0];
  return body === undefined ? null : { status, body: structuredClone(body) };
}

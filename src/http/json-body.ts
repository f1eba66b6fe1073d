import { UnsupportedMediaType, ValidationFailed } from '../core/errors.js';

/** Deeper than this is refused before validation: no real order payload nests past a dozen. */
export const MAX_JSON_DEPTH = 64;

const isJson = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);

function depthExceeds(value: unknown, max: number): boolean {
  // Iterative on purpose: a recursive walk is what a hostile body would use to blow the stack.
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

// ignoreBOM keeps a byte-order mark in the text, so JSON.parse refuses it as node's Buffer decoding did.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A request body's bytes as JSON, or `undefined` when none was sent. Refuses a non-JSON content
 * type (415) and malformed or too-deep JSON (400).
 */
export function parseJsonBody(bytes: Uint8Array | undefined, contentType: string | undefined): unknown {
  if (!bytes || bytes.byteLength === 0) return undefined;
  if (!isJson(contentType ?? '')) throw new UnsupportedMediaType(contentType ?? '');
  let parsed: unknown;
  const text = utf8.decode(bytes);
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidationFailed('body', `is not valid JSON (${(error as Error).message})`, 'body');
  }
  // Nesting past the limit takes more than one bracket per level: shorter texts need no walk.
  if (text.length > 2 * MAX_JSON_DEPTH && depthExceeds(parsed, MAX_JSON_DEPTH)) throw new ValidationFailed('body', `nests deeper than ${MAX_JSON_DEPTH} levels`, 'body');
  return parsed;
}

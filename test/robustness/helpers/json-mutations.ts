import fc, { type Arbitrary } from 'fast-check';
import { hostileString, hostileValue } from './hostile-values.js';

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...at, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...at, key]));
  return out;
}

const parentOf = (root: any, path: Path): any => path.slice(0, -1).reduce((at, key) => at[key], root);

/** Sets an own property even for `__proto__`, which plain assignment would treat as the prototype. */
function define(target: any, key: string | number, value: unknown): void {
  if (Array.isArray(target) && typeof key === 'number') target[key] = value;
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export type Mutation = { kind: 'delete' | 'replace' | 'add' | 'wrap'; at: number; key: string; value: unknown };

/** Applies one mutation to a copy of a JSON value; the position is taken modulo the value's paths. */
export function applyMutation(input: unknown, mutation: Mutation): unknown {
  const root = structuredClone(input);
  const paths = pathsOf(root);
  const path = paths[mutation.at % paths.length]!;
  const last = path[path.length - 1]!;
  const target = path.length ? parentOf(root, path)[last] : root;
  switch (mutation.kind) {
    case 'delete':
      if (!path.length) return undefined;
      if (Array.isArray(parentOf(root, path))) parentOf(root, path).splice(last, 1);
      else delete parentOf(root, path)[last];
      return root;
    case 'add':
      if (target && typeof target === 'object' && !Array.isArray(target)) define(target, mutation.key, mutation.value);
      else if (Array.isArray(target)) target.push(mutation.value);
      else return mutation.value;
      return root;
    case 'wrap':
    case 'replace': {
      const value = mutation.kind === 'wrap' ? [target] : mutation.value;
      if (!path.length) return value;
      define(parentOf(root, path), last, value);
      return root;
    }
  }
}

/** Keys with a meaning to JavaScript, mixed with ordinary and hostile ones. */
const mutationKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'status'), hostileString.filter((s) => s.length < 100));

export const mutationArbitrary: Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'add', 'wrap'),
  at: fc.nat(),
  key: mutationKey,
  value: hostileValue,
});

/** Replaces properties named in `known` with fixture values of the same type (some of the time), `forced` always. */
export function substituteKnown(value: unknown, known: Record<string, unknown[]>, forced: Record<string, unknown[]>, seed: number): unknown {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = (list: unknown[]) => list[Math.floor(random() * list.length)];
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      // Only values of the same JSON type: an `id` may be a string in one object and a number in the next.
      const sameType = (list: unknown[] | undefined) => list?.filter((v) => typeof v === typeof child);
      const replacement = sameType(forced[key]) ?? (random() < 0.7 ? sameType(known[key]) : undefined);
      define(out, key, replacement?.length ? pick(replacement) : walk(child));
    }
    return out;
  };
  return walk(value);
}

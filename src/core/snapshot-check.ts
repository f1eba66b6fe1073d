/**
 * Structural checks on a snapshot tenant before it replaces live state: a snapshot (admin PUT or
 * state file) that restores cleanly must never make later requests crash. Shapes only; the
 * orders' API-level content is what strict mode checks on the way out.
 */
import { isRfc3339Time } from './clock.js';
import type { World } from './tenants.js';

/** Why a decoded world cannot serve its API (e.g. a collection missing), or null. */
export type WorldCheck = (api: string, world: World) => string | null;

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = Number.isSafeInteger;
const isEpochMs = (v: unknown): v is number => typeof v === 'number' && isRfc3339Time(v);
// The clock's time, not only its parts, must be one every timestamp of the tenant can be written in.
const isClock = (c: any) =>
  isObject(c) && typeof c.offsetMs === 'number' && (c.frozenAt === null || isEpochMs(c.frozenAt)) && isEpochMs((c.frozenAt ?? Date.now()) + c.offsetMs) && listOf(c.tasks, isTask);
const listOf = (v: unknown, item: (x: any) => boolean) => Array.isArray(v) && v.every(item);
const optional = (v: unknown, check: (x: any) => boolean) => v === undefined || check(v);

const isTask = (t: any) => isObject(t) && isEpochMs(t.dueAt) && typeof t.kind === 'string' && isObject(t.data);
const isEntry = (e: any) => isObject(e) && isInt(e.id);
const isFaultRule = (r: any) =>
  isEntry(r) &&
  optional(r.api, (x) => typeof x === 'string') &&
  optional(r.operationId, (x) => typeof x === 'string') &&
  optional(r.delayMs, (x) => isInt(x) && x >= 0 && x <= 99_999) &&
  optional(r.status, (x) => isInt(x) && x >= 400 && x <= 599) &&
  optional(r.drop, (x) => typeof x === 'boolean') &&
  optional(r.remaining, (x) => isInt(x) && x >= 1) &&
  optional(r.probability, (x) => typeof x === 'number' && x >= 0 && x <= 1);
const isOrder = (o: any) => isObject(o) && typeof o.status === 'string' && (typeof o.id === 'string' || typeof o.id === 'number');

function worldProblem(raw: any): string | null {
  if (!isObject(raw) || !isInt(raw.sequence) || !isInt(raw.seed)) return 'needs integer sequence and seed';
  if (!isObject(raw.orders) || !listOf(raw.orders.map, (pair) => Array.isArray(pair) && pair.length === 2 && isOrder(pair[1]))) {
    return 'needs orders as {"map": [[id, order], …]} with an id and a status on each order';
  }
  for (const [key, value] of Object.entries(raw)) {
    // A world holds collections and counters (World: Map | number).
    if (!isInt(value) && !(isObject(value) && listOf(value.map, (pair) => Array.isArray(pair) && pair.length === 2))) {
      return `has a malformed collection '${key}'`;
    }
  }
  return null;
}

/** Why a raw snapshot tenant cannot be restored, or null when it can. */
export function tenantProblem(raw: any, decodedWorld: (raw: any) => World, checkWorld?: WorldCheck): string | null {
  if (!isObject(raw) || typeof raw.token !== 'string') return 'a tenant has no token';
  const name = `tenant ${JSON.stringify(raw.token.slice(0, 60))}`;
  if (!isInt(raw.seed) || !isInt(raw.randomState)) return `${name}: seed and randomState must be integers`;
  const { clock, outbox, journal, faults, worlds } = raw;
  if (!isClock(clock)) return `${name}: malformed clock, or one outside the years 0000–9999`;
  if (!isObject(outbox) || !listOf(outbox.entries, isEntry) || !isInt(outbox.nextId)) return `${name}: malformed outbox`;
  if (!isObject(journal) || !listOf(journal.entries, isEntry) || !isInt(journal.nextId) || !isInt(journal.capacity) || journal.capacity < 1) return `${name}: malformed journal`;
  if (!isObject(faults) || !listOf(faults.rules, isFaultRule) || !isInt(faults.nextId)) return `${name}: malformed fault rules`;
  if (!isObject(worlds)) return `${name}: worlds must be an object`;
  for (const [api, world] of Object.entries(worlds)) {
    const problem = worldProblem(world) ?? checkWorld?.(api, decodedWorld(world)) ?? null;
    if (problem) return `${name}: world '${api}' ${problem}`;
  }
  return null;
}

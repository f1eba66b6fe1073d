import type { OperationMachine, StateMachine, TransitionRule } from '../spec/state-machine.js';
import { IllegalTransition, PreconditionFailed } from './errors.js';

/** Every stored order of every API has an id and a status from its spec's OrderStatus enum. */
export type StatefulOrder = { id: string | number; status: string; updated_at?: string };

/** The states an operation accepts, in table order (for error messages and docs). */
export const allowedFrom = (op: OperationMachine): string[] => op.rules.flatMap((r) => r.from);

/** The rule of `op` that applies to an order in `status`; throws IllegalTransition when none does. */
export function selectRule(op: OperationMachine, status: string): TransitionRule {
  const rule = op.rules.find((r) => r.from.includes(status));
  if (!rule) throw new IllegalTransition(op.operationId, status, allowedFrom(op));
  return rule;
}

/** Answers whether `operationId` would be accepted from `status` (used by generated tests and docs). */
export const isAllowed = (machine: StateMachine, operationId: string, status: string): boolean =>
  machine.operations[operationId]?.rules.some((r) => r.from.includes(status)) ?? false;

export type TransitionEnv<O extends StatefulOrder, W = unknown> = {
  now: string;
  /** What checks and effects are given beside the order (an API's world: its customers, say). */
  world: W;
  /** Named checks for `x-preconditions`; a missing check is a programming error. */
  checks: Record<string, (order: O, world: W) => boolean>;
  /**
   * Named side effects for `effects`: each may set fields of the draft and returns what the outbox
   * records. The draft is a shallow copy that shares nested objects with the stored order, so an
   * effect replaces a field (`draft.shipments = […]`), never changes what a field holds.
   */
  effects: Record<string, (draft: O, now: string, world: W) => Record<string, unknown>>;
  record: (type: string, order: O, data: Record<string, unknown>) => void;
  schedule: (afterMs: number, orderId: O['id'], to: string, expect: string) => void;
};

export type TransitionResult<O> = { order: O; rule: TransitionRule; from: string };

/**
 * Applies one operation's transition to an order and returns the new order. The input is never
 * changed: on any failure (illegal transition, failed precondition) nothing happened.
 */
export function applyTransition<O extends StatefulOrder, W>(order: O, op: OperationMachine, env: TransitionEnv<O, W>): TransitionResult<O> {
  const rule = selectRule(op, order.status);
  for (const pre of op.preconditions) {
    const check = env.checks[pre.check];
    if (!check) throw new Error(`no implementation for precondition '${pre.check}'`);
    if (!check(order, env.world)) throw new PreconditionFailed(pre.code, pre.message);
  }
  // Shallow: stored orders are never changed in place, so the new version may share their parts
  // (a deep copy was a tenth of a pay's work).
  const draft = { ...order };
  if (rule.to && rule.to !== order.status) {
    draft.status = rule.to;
    if ('updated_at' in draft) draft.updated_at = env.now;
  }
  const recorded = rule.effects.map((name) => {
    const effect = env.effects[name];
    if (!effect) throw new Error(`no implementation for effect '${name}'`);
    return [name, effect(draft, env.now, env.world)] as const;
  });
  for (const [name, data] of recorded) env.record(name, draft, data);
  if (rule.settle && rule.to) env.schedule(rule.settle.afterMs, draft.id, rule.settle.to, rule.to);
  return { order: draft, rule, from: order.status };
}

import type { OpenApiDoc } from './load.js';
import { HTTP_METHODS } from './operations.js';

/** One row of an operation's transition table (`x-state-transitions`). */
export type TransitionRule = {
  from: string[];
  /** Omitted: the operation succeeds and the status stays as it is. */
  to?: string;
  effects: string[];
  /** A reply token for APIs whose body is not the order (sFOX's `cancel pending`). */
  outcome?: string;
  /** A follow-up transition the virtual clock applies later. */
  settle?: { to: string; afterMs: number };
};

export type Precondition = { check: string; code: string; message: string };

export type OperationMachine = {
  operationId: string;
  rules: TransitionRule[];
  preconditions: Precondition[];
};

/** An API's order state machine, as its spec states it. */
export type StateMachine = {
  states: string[];
  initial: string[];
  /** operationId → the status an order is created in. */
  creates: Record<string, string>;
  /** operationId → its transition table, for state-changing operations only. */
  operations: Record<string, OperationMachine>;
};

/** Reads `OrderStatus`, `x-state-transitions`, `x-preconditions` and `x-creates-order` from a spec. */
export function readStateMachine(doc: OpenApiDoc): StateMachine {
  const status = doc.components?.schemas?.OrderStatus;
  if (!status || !Array.isArray(status.enum)) throw new Error(`${doc.info.title}: components.schemas.OrderStatus with an enum is required`);
  const machine: StateMachine = {
    states: [...status.enum],
    initial: [...(status['x-initial-states'] ?? [])],
    creates: {},
    operations: {},
  };
  for (const item of Object.values(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      if (op['x-creates-order']) machine.creates[op.operationId] = op['x-creates-order'];
      const table = op['x-state-transitions'];
      if (!table) continue;
      machine.operations[op.operationId] = {
        operationId: op.operationId,
        rules: table.map((rule: any) => ({ ...rule, from: [...rule.from], effects: [...(rule.effects ?? [])] })),
        preconditions: [...(op['x-preconditions'] ?? [])],
      };
    }
  }
  return machine;
}

/** Lists what is wrong with a state machine (empty when well formed). */
export function stateMachineProblems(machine: StateMachine): string[] {
  const problems: string[] = [];
  const declared = new Set(machine.states);
  const check = (state: string | undefined, where: string) => {
    if (state !== undefined && !declared.has(state)) problems.push(`${where}: '${state}' is not an OrderStatus`);
  };
  if (machine.initial.length === 0) problems.push('x-initial-states is empty');
  machine.initial.forEach((s) => check(s, 'x-initial-states'));
  for (const [opId, status] of Object.entries(machine.creates)) {
    check(status, `${opId} x-creates-order`);
    if (!machine.initial.includes(status)) problems.push(`${opId} creates orders in '${status}', which is not an initial state`);
  }
  const reachable = new Set(machine.initial);
  for (const { operationId, rules } of Object.values(machine.operations)) {
    if (rules.length === 0) problems.push(`${operationId}: empty transition table`);
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      const where = `${operationId} rule ${i}`;
      if (rule.from.length === 0) problems.push(`${where}: empty from`);
      for (const s of rule.from) {
        check(s, `${where} from`);
        // First match wins, so a state listed twice would make the later rule dead.
        if (seen.has(s)) problems.push(`${where}: '${s}' already handled by an earlier rule`);
        seen.add(s);
      }
      check(rule.to, `${where} to`);
      check(rule.settle?.to, `${where} settle.to`);
      if (rule.to) reachable.add(rule.to);
      if (rule.settle) reachable.add(rule.settle.to);
    });
  }
  for (const state of machine.states) {
    if (!reachable.has(state)) problems.push(`'${state}' is neither initial nor the target of any transition`);
  }
  return problems;
}

import { expect } from 'vitest';
import type { StateMachine } from '../../../src/spec/state-machine.js';

/** Walks operations through the spec's table from `start`; fails on a step the table does not allow. */
export function replay(machine: StateMachine, start: string, operationIds: string[]) {
  let state = start;
  const effects: string[] = [];
  for (const operationId of operationIds) {
    const rule = machine.operations[operationId]!.rules.find((r) => r.from.includes(state));
    expect(rule, `${operationId} from ${state}`).toBeDefined();
    effects.push(...rule!.effects);
    state = rule!.to ?? state;
  }
  return { state, effects };
}

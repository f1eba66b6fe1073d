import type { StateMachine } from '../spec/state-machine.js';

/** One arrow of the lifecycle diagram, read from a transition rule. */
export type LifecycleEdge = {
  kind: 'transition' | 'settle' | 'create';
  /** A state, or `start:<operationId>` for the entry point of an order-creating operation. */
  from: string;
  to: string;
  operationId: string;
  effects: string[];
  outcome?: string;
  afterMs?: number;
  /** Edges of one rule (or one settle) share a group; the diagram labels a group once. */
  group: string;
};

/** A rule that succeeds without moving the order (no `to`): drawn as a loop on its state. */
export type LifecycleLoop = { state: string; operationId: string; outcome?: string; effects: string[] };

export type LifecycleGraph = {
  states: string[];
  initial: Set<string>;
  /** Creating operations, drawn as entry points into their initial state. */
  starts: { id: string; operationId: string; to: string }[];
  edges: LifecycleEdge[];
  loops: LifecycleLoop[];
  /** States no rule mentions at all (every operation refuses them). */
  untouched: string[];
  /** States no edge leaves (what an order ends in). */
  final: Set<string>;
};

/** Turns a spec's state machine into the nodes and arrows of its diagram (no geometry yet). */
export function lifecycleGraph(machine: StateMachine): LifecycleGraph {
  const edges: LifecycleEdge[] = [];
  const loops: LifecycleLoop[] = [];
  const starts = Object.entries(machine.creates).map(([operationId, to]) => ({ id: `start:${operationId}`, operationId, to }));
  for (const start of starts) {
    edges.push({ kind: 'create', from: start.id, to: start.to, operationId: start.operationId, effects: [], group: start.id });
  }
  for (const { operationId, rules } of Object.values(machine.operations)) {
    rules.forEach((rule, index) => {
      const group = `${operationId}#${index}`;
      for (const from of rule.from) {
        if (rule.to === undefined) loops.push({ state: from, operationId, outcome: rule.outcome, effects: rule.effects });
        else edges.push({ kind: 'transition', from, to: rule.to, operationId, effects: rule.effects, outcome: rule.outcome, group });
      }
      if (rule.settle) {
        // The settle runs on whatever the rule left the order in (its `to`, or the state it was in).
        const settledFrom = rule.to !== undefined ? [rule.to] : rule.from;
        for (const from of settledFrom) {
          edges.push({ kind: 'settle', from, to: rule.settle.to, operationId, effects: [], afterMs: rule.settle.afterMs, group: `${group}:settle` });
        }
      }
    });
  }
  const mentioned = new Set([...edges.flatMap((e) => [e.from, e.to]), ...loops.map((l) => l.state)]);
  const leaving = new Set(edges.filter((e) => e.from !== e.to).map((e) => e.from));
  return {
    states: machine.states,
    initial: new Set(machine.initial),
    starts,
    edges,
    loops,
    untouched: machine.states.filter((s) => !mentioned.has(s)),
    final: new Set(machine.states.filter((s) => !leaving.has(s))),
  };
}

/** "2 s", "250 ms": settle delays as a reader says them. */
export function formatDelay(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

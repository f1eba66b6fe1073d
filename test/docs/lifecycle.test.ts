import { describe, expect, it } from 'vitest';
import { formatDelay, lifecycleGraph } from '../../src/docs/lifecycle-graph.js';
import { boxesOverlap, pathPoints, polylineHitsBox, segmentHitsBox, type Box } from '../../src/docs/lifecycle-geometry.js';
import { LABEL_LINE_HEIGHT, layoutLifecycle, type Label } from '../../src/docs/lifecycle-layout.js';
import { renderLifecycleSvg } from '../../src/docs/lifecycle-svg.js';
import { API_NAMES, loadSpec } from '../../src/spec/load.js';
import { readStateMachine, type StateMachine } from '../../src/spec/state-machine.js';

const machines = API_NAMES.map((api) => [api, readStateMachine(loadSpec(api))] as const);

/** A machine with a cycle, a settle and a kept-status rule, none of which the specs need yet. */
const cyclic: StateMachine = {
  states: ['draft', 'live', 'paused', 'gone'],
  initial: ['draft'],
  creates: { createThing: 'draft' },
  operations: {
    publish: { operationId: 'publish', preconditions: [], rules: [{ from: ['draft', 'paused'], to: 'live', effects: ['email.published'] }] },
    pause: { operationId: 'pause', preconditions: [], rules: [{ from: ['live'], to: 'paused', effects: [], settle: { to: 'gone', afterMs: 250 } }, { from: ['paused'], effects: [], outcome: 'already paused' }] },
  },
};

describe('lifecycleGraph', () => {
  it.each(machines)('%s: an arrow per rule and source state, a loop per rule that keeps the status', (_api, machine) => {
    const graph = lifecycleGraph(machine);
    for (const { operationId, rules } of Object.values(machine.operations)) {
      for (const rule of rules) {
        for (const from of rule.from) {
          if (rule.to === undefined) expect(graph.loops).toContainEqual(expect.objectContaining({ state: from, operationId }));
          else expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'transition', from, to: rule.to, operationId, effects: rule.effects }));
        }
        if (rule.settle) expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'settle', to: rule.settle.to, afterMs: rule.settle.afterMs }));
      }
    }
    const mentioned = new Set(Object.values(machine.operations).flatMap((op) => op.rules.flatMap((r) => [...r.from, r.to, r.settle?.to])));
    expect(graph.untouched).toEqual(machine.states.filter((s) => !mentioned.has(s)));
  });

  it('reads settle delays as a person says them', () => {
    expect([formatDelay(2000), formatDelay(1500), formatDelay(250)]).toEqual(['2 s', '1.5 s', '250 ms']);
  });
});

describe('renderLifecycleSvg', () => {
  it.each([...machines, ['cyclic', cyclic] as const])('%s: draws each state exactly once, identically on every run', (_api, machine) => {
    const svg = renderLifecycleSvg(machine, 'lifecycle');
    for (const state of machine.states) expect(svg.split(`data-state="${state}"`)).toHaveLength(2);
    expect(svg.match(/data-state="/g)).toHaveLength(machine.states.length);
    expect(renderLifecycleSvg(machine, 'lifecycle')).toBe(svg);
  });

  it('labels arrows with the operation, its side effects, its reply and settle delays', () => {
    const svg = renderLifecycleSvg(cyclic, 'lifecycle');
    for (const text of ['publish', 'email.published', 'replies &quot;already paused&quot;', 'settles after 250 ms', 'createThing']) expect(svg).toContain(text);
    expect(svg).toMatch(/class="lc-edge lc-settle" data-from="paused" data-to="gone"/);
  });

  it('escapes names, so a state cannot inject markup', () => {
    const svg = renderLifecycleSvg({ ...cyclic, states: [...cyclic.states, '<b>x</b>'] }, 'a & b');
    expect(svg).toContain('data-state="&lt;b&gt;x&lt;/b&gt;"');
    expect(svg).toContain('<title id="lc-title">a &amp; b</title>');
  });
});

describe('layoutLifecycle', () => {
  const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it.each([...machines, ['cyclic', cyclic] as const])('%s: no two states overlap and everything fits the picture', (_api, machine) => {
    const layout = layoutLifecycle(lifecycleGraph(machine));
    layout.nodes.forEach((a, i) => layout.nodes.slice(i + 1).forEach((b) => expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false)));
    const { box } = layout;
    for (const n of layout.nodes) {
      expect(n.x >= box.x && n.y >= box.y && n.x + n.w <= box.x + box.w && n.y + n.h <= box.y + box.h, `${n.id} is outside the picture`).toBe(true);
    }
  });

  const labelBox = (label: Label): Box => {
    const h = label.lines.length * LABEL_LINE_HEIGHT;
    return { x: label.x - label.width / 2, y: label.y - h / 2, w: label.width, h };
  };

  it.each([...machines, ['cyclic', cyclic] as const])('%s: no label touches an arrow, a state or another label', (_api, machine) => {
    const layout = layoutLifecycle(lifecycleGraph(machine));
    const lines = [...layout.edges, ...layout.loops].map((p) => ({ name: p.path, points: pathPoints(p.shape) }));
    const labels = [...layout.edges, ...layout.loops].flatMap((p) => (p.label ? [{ text: p.label.lines.map((l) => l.text).join(' / '), box: labelBox(p.label) }] : []));
    expect(labels.length).toBeGreaterThan(0);
    for (const [i, label] of labels.entries()) {
      for (const line of lines) expect(polylineHitsBox(line.points, label.box), `"${label.text}" lies on the arrow ${line.name}`).toBe(false);
      for (const node of layout.nodes) expect(boxesOverlap(label.box, node), `"${label.text}" covers ${node.id}`).toBe(false);
      for (const other of labels.slice(i + 1)) expect(boxesOverlap(label.box, other.box), `"${label.text}" overlaps "${other.text}"`).toBe(false);
      const { box } = layout;
      expect(label.box.x >= box.x && label.box.y >= box.y && label.box.x + label.box.w <= box.x + box.w && label.box.y + label.box.h <= box.y + box.h, `"${label.text}" is outside the picture`).toBe(true);
    }
  });

  it('the overlap check sees a label on an arrow: segments through, along and beside a box', () => {
    const box = { x: 10, y: 10, w: 20, h: 10 };
    expect(segmentHitsBox({ x: 0, y: 15 }, { x: 40, y: 15 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 0, y: 0 }, { x: 40, y: 30 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 12, y: 12 }, { x: 14, y: 14 }, box)).toBe(true);
    expect(segmentHitsBox({ x: 0, y: 25 }, { x: 40, y: 25 }, box)).toBe(false);
    expect(segmentHitsBox({ x: 0, y: 0 }, { x: 9, y: 30 }, box)).toBe(false);
  });

  it('lays a cycle out left to right and sends the arrow that closes it under the diagram', () => {
    const layout = layoutLifecycle(lifecycleGraph(cyclic));
    const x = (id: string) => layout.nodes.find((n) => n.id === id)!.x;
    expect(x('start:createThing') < x('draft') && x('draft') < x('live') && x('live') < x('paused')).toBe(true);
    const closing = layout.edges.find((e) => e.edge.from === 'paused' && e.edge.to === 'live')!;
    const lowest = Math.max(...layout.nodes.map((n) => n.y + n.h));
    const deepest = Math.max(...closing.path.match(/-?\d+(\.\d+)?/g)!.filter((_, i) => i % 2 === 1).map(Number));
    expect(deepest).toBeGreaterThan(lowest);
    expect(deepest).toBeLessThanOrEqual(layout.box.y + layout.box.h);
  });
});

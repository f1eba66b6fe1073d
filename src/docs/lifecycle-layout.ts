import type { LifecycleEdge, LifecycleGraph, LifecycleLoop } from './lifecycle-graph.js';
import { pathData, pathPoints, type PathShape, type Point } from './lifecycle-geometry.js';
import { placeLabel, spotsAlong, type Obstacles, type Side, type Spot } from './lifecycle-label-placement.js';
import { edgeLines, loopLines, type LabelLine } from './lifecycle-labels.js';

// A small layered (Sugiyama-style) layout, deterministic and dependency-free: longest-path layers
// left to right, a dummy point per skipped layer so arrows never cross a state, barycentre
// ordering (a sweep down, a sweep up, a final pass down), nodes pushed down just enough not to
// overlap, then each label put where it touches no arrow, state or label
// (lifecycle-label-placement.ts). Text is monospace, so widths are known without a browser.

const STATE_FONT_CHAR = 7.3; // 12px monospace advance
const LABEL_FONT_CHAR = 6.7; // 11px monospace advance
const LINE_HEIGHT = 14;
const STATE_HEIGHT = 34;
const START_SIZE = 14;
const ROW_GAP = 26;
const MIN_LAYER_GAP = 90;
const LABEL_PADDING = 28;
const LOOP_RISE = 26;
const GRID_GAP = 16;

export type { LabelLine };
export type Label = { x: number; y: number; width: number; lines: LabelLine[] };
export type PlacedNode = {
  id: string;
  kind: 'state' | 'start';
  x: number;
  y: number;
  w: number;
  h: number;
  initial: boolean;
  final: boolean;
  untouched: boolean;
};
/** `path` is the SVG path data of `shape`. */
export type PlacedEdge = { edge: LifecycleEdge; shape: PathShape; path: string; label?: Label };
export type PlacedLoop = { loop: LifecycleLoop; shape: PathShape; path: string; label: Label };
export type LifecycleLayout = {
  box: { x: number; y: number; w: number; h: number };
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  loops: PlacedLoop[];
  /** Where the heading over the block of untouched states goes, when there is one. */
  untouchedHeading?: { x: number; y: number; text: string };
};

type Item = { id: string; kind: 'state' | 'start' | 'dummy'; layer: number; order: number; w: number; h: number; top: number; cy: number; rank: number };

const textWidth = (text: string, perChar: number): number => Math.ceil(text.length * perChar);
const labelWidth = (lines: LabelLine[]): number => Math.max(...lines.map((l) => textWidth(l.text, LABEL_FONT_CHAR)));

/** Finds edges that close a cycle (depth-first from the entry points), so layering stays acyclic. */
function backEdges(ids: string[], edges: LifecycleEdge[]): Set<LifecycleEdge> {
  const out = new Map<string, LifecycleEdge[]>(ids.map((id) => [id, []]));
  for (const e of edges) out.get(e.from)?.push(e);
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<LifecycleEdge>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const e of out.get(id) ?? []) {
      const seen = state.get(e.to);
      if (seen === 'open') back.add(e);
      else if (!seen) visit(e.to);
    }
    state.set(id, 'done');
  };
  ids.forEach((id) => state.has(id) || visit(id));
  return back;
}

/** Places every state, entry point, arrow and label of a lifecycle diagram. */
export function layoutLifecycle(graph: LifecycleGraph): LifecycleLayout {
  const stateWidth = Math.max(...graph.states.map((s) => textWidth(s, STATE_FONT_CHAR))) + 28;
  const drawn = graph.states.filter((s) => !graph.untouched.includes(s));
  const ids = [...graph.starts.map((s) => s.id), ...drawn];
  const arrows = graph.edges.filter((e) => e.from !== e.to);
  const back = backEdges(ids, arrows);
  const forward = arrows.filter((e) => !back.has(e));

  // Longest-path layers, visiting in a topological order of the forward edges.
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  forward.forEach((e) => indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of forward.filter((f) => f.from === id)) {
      layer.set(e.to, Math.max(layer.get(e.to)!, layer.get(id)! + 1));
      indegree.set(e.to, indegree.get(e.to)! - 1);
      if (indegree.get(e.to) === 0) queue.push(e.to);
    }
  }

  const loopSpace = new Map<string, number>();
  for (const loop of graph.loops) {
    loopSpace.set(loop.state, (loopSpace.get(loop.state) ?? 0) + LOOP_RISE + loopLines(loop).length * LINE_HEIGHT);
  }

  // Items per layer: real nodes plus one dummy point per skipped layer of each forward edge.
  const items = new Map<string, Item>();
  const addItem = (id: string, kind: Item['kind'], l: number) => {
    const w = kind === 'state' ? stateWidth : kind === 'start' ? START_SIZE : 0;
    const h = kind === 'state' ? STATE_HEIGHT : kind === 'start' ? START_SIZE : 8;
    items.set(id, { id, kind, layer: l, order: items.size, w, h, top: 0, cy: 0, rank: 0 });
  };
  graph.starts.forEach((s) => addItem(s.id, 'start', layer.get(s.id)!));
  drawn.forEach((s) => addItem(s, 'state', layer.get(s)!));
  const chains = new Map<LifecycleEdge, string[]>();
  forward.forEach((e, i) => {
    const chain = [e.from];
    for (let l = layer.get(e.from)! + 1; l < layer.get(e.to)!; l++) {
      const id = `dummy:${i}:${l}`;
      addItem(id, 'dummy', l);
      chain.push(id);
    }
    chains.set(e, [...chain, e.to]);
  });
  const preds = new Map<string, string[]>();
  for (const chain of chains.values()) chain.slice(1).forEach((id, i) => preds.set(id, [...(preds.get(id) ?? []), chain[i]!]));

  const layerCount = Math.max(...[...items.values()].map((it) => it.layer)) + 1;
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  for (const it of items.values()) layers[it.layer]!.push(it);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  // One sweep down and one up, each layer sorted by the mean rank of its neighbours in the layer
  // just sorted, so a lone rule's arrow does not cut through a fan (Estoka's budget → budget_cancelled).
  const succs = new Map<string, string[]>();
  for (const chain of chains.values()) chain.slice(0, -1).forEach((id, i) => succs.set(id, [...(succs.get(id) ?? []), chain[i + 1]!]));
  const sortBy = (column: Item[], neighbours: Map<string, string[]>) => {
    const key = new Map(
      column.map((it) => {
        const ranks = (neighbours.get(it.id) ?? []).map((id) => items.get(id)!.rank);
        return [it, ranks.length ? mean(ranks) : it.rank] as const;
      }),
    );
    column.sort((a, b) => key.get(a)! - key.get(b)! || a.rank - b.rank);
    column.forEach((it, i) => (it.rank = i));
  };
  layers.forEach((column) => column.forEach((it, i) => (it.rank = i)));
  for (let l = 1; l < layerCount; l++) sortBy(layers[l]!, preds);
  for (let l = layerCount - 2; l >= 0; l--) sortBy(layers[l]!, succs);

  // Order each layer by the barycentre of its predecessors, then push items down to fit.
  layers.forEach((column, l) => {
    if (l > 0) {
      for (const it of column) {
        const p = (preds.get(it.id) ?? []).map((id) => items.get(id)!);
        it.rank = p.length ? mean(p.map((x) => x.rank)) : Number.MAX_SAFE_INTEGER;
      }
      column.sort((a, b) => a.rank - b.rank || a.order - b.order);
    }
    let floor = 0;
    column.forEach((it, i) => {
      it.rank = i;
      const above = loopSpace.get(it.id) ?? 0;
      const p = (preds.get(it.id) ?? []).map((id) => items.get(id)!);
      const wanted = l > 0 && p.length ? mean(p.map((x) => x.cy)) - it.h / 2 : floor;
      it.top = Math.max(wanted, floor + above);
      it.cy = it.top + it.h / 2;
      floor = it.top + it.h + ROW_GAP;
    });
  });

  // Each gap is as wide as the widest label whose arrow starts in the layer before it.
  const labelled = new Map<string, LifecycleEdge>();
  const firstDy = (e: LifecycleEdge) => {
    const chain = chains.get(e)!;
    return Math.abs(items.get(chain[0]!)!.cy - items.get(chain[1]!)!.cy);
  };
  for (const e of forward) {
    const current = labelled.get(e.group);
    if (!current || firstDy(e) < firstDy(current)) labelled.set(e.group, e);
  }
  const gapWidth = Array.from({ length: layerCount }, () => MIN_LAYER_GAP);
  for (const e of labelled.values()) {
    const l = layer.get(e.from)!;
    gapWidth[l] = Math.max(gapWidth[l]!, labelWidth(edgeLines(e)) + 2 * LABEL_PADDING);
  }
  const columnWidth = layers.map((column) => Math.max(0, ...column.map((it) => it.w)));
  const columnX: number[] = [];
  layers.forEach((_, l) => columnX.push(l === 0 ? 0 : columnX[l - 1]! + columnWidth[l - 1]! + gapWidth[l - 1]!));
  const left = (it: Item) => columnX[it.layer]! + (columnWidth[it.layer]! - it.w) / 2;
  const right = (it: Item) => left(it) + it.w;

  const nodes: PlacedNode[] = [...items.values()]
    .filter((it) => it.kind !== 'dummy')
    .map((it) => ({
      id: it.id,
      kind: it.kind as 'state' | 'start',
      x: left(it),
      y: it.top,
      w: it.w,
      h: it.h,
      initial: graph.initial.has(it.id),
      final: graph.final.has(it.id),
      untouched: false,
    }));

  // A hop between neighbouring layers: a curve that leaves and arrives level.
  const hop = (from: Point, to: Point): [Point, Point, Point, Point] => {
    const mx = (from.x + to.x) / 2;
    return [from, { x: mx, y: from.y }, { x: mx, y: to.y }, to];
  };
  const bottom = Math.max(...[...items.values()].map((it) => it.top + it.h));
  let backDepth = 0;
  // Per arrow: its shape, and the curves its label may sit beside, in order of preference.
  const shapes = new Map<LifecycleEdge, { shape: PathShape; curves: [Point, Point, Point, Point][]; sides: Side[] }>();
  for (const e of arrows) {
    const a = items.get(e.from)!;
    const b = items.get(e.to)!;
    if (back.has(e)) {
      // Arrows against the flow run under the diagram, each a little lower than the last.
      const dip = bottom + 40 + backDepth++ * (LINE_HEIGHT * 5);
      const curve: [Point, Point, Point, Point] = [
        { x: left(a) + a.w / 2, y: a.top + a.h },
        { x: left(a) + a.w / 2, y: dip },
        { x: left(b) + b.w / 2, y: dip },
        { x: left(b) + b.w / 2, y: b.top + b.h },
      ];
      shapes.set(e, { shape: { start: curve[0], pieces: [{ kind: 'C', c1: curve[1], c2: curve[2], to: curve[3] }] }, curves: [curve], sides: ['below', 'above'] });
      continue;
    }
    const chain = chains.get(e)!.map((id) => items.get(id)!);
    const shape: PathShape = { start: { x: right(chain[0]!), y: chain[0]!.cy }, pieces: [] };
    chain.slice(1).forEach((it, i) => {
      const [, c1, c2, to] = hop({ x: right(chain[i]!), y: chain[i]!.cy }, { x: left(it), y: it.cy });
      shape.pieces.push({ kind: 'C', c1, c2, to });
      if (it.kind === 'dummy') shape.pieces.push({ kind: 'L', to: { x: right(it), y: it.cy } });
    });
    // A label stays in the gap its layer's width was sized for: beside the arrow's first hop, away
    // from the arrows a source fans out to (above a level or rising arrow, below a falling one).
    const falling = chain[1]!.cy > chain[0]!.cy + 1;
    const sides: Side[] = falling ? ['below', 'above', 'left', 'right'] : ['above', 'below', 'left', 'right'];
    shapes.set(e, { shape, curves: [hop({ x: right(chain[0]!), y: chain[0]!.cy }, { x: left(chain[1]!), y: chain[1]!.cy })], sides });
  }

  // Loops sit on top of their state, stacked when a state has several.
  const loopShapes: { loop: LifecycleLoop; shape: PathShape; apex: Point }[] = [];
  const loopStack = new Map<string, number>();
  for (const loop of graph.loops) {
    const it = items.get(loop.state)!;
    const base = it.top - (loopStack.get(loop.state) ?? 0);
    loopStack.set(loop.state, it.top - base + LOOP_RISE + loopLines(loop).length * LINE_HEIGHT);
    const cx = left(it) + it.w / 2;
    const shape: PathShape = { start: { x: cx - 14, y: base }, pieces: [{ kind: 'C', c1: { x: cx - 36, y: base - LOOP_RISE }, c2: { x: cx + 36, y: base - LOOP_RISE }, to: { x: cx + 14, y: base } }] };
    loopShapes.push({ loop, shape, apex: { x: cx, y: base - 0.75 * LOOP_RISE } });
  }

  // Every label placed where it touches no arrow, no state and no other label: loops' first (their
  // space above the state was reserved), then one per group of converging arrows, or per back arrow.
  const obstacles: Obstacles = {
    nodes: nodes.map((n) => ({ x: n.x, y: n.y, w: n.w, h: n.h })),
    lines: [...[...shapes.values()].map((s) => pathPoints(s.shape)), ...loopShapes.map((l) => pathPoints(l.shape))],
    labels: [],
  };
  const label = (lines: LabelLine[], spots: Iterable<Spot>): Label => {
    const box = placeLabel(labelWidth(lines), lines.length * LINE_HEIGHT, spots, obstacles);
    return { x: box.x + box.w / 2, y: box.y + box.h / 2, width: labelWidth(lines), lines };
  };
  const loops: PlacedLoop[] = loopShapes.map(({ loop, shape, apex }) => {
    const spots = [2, 12, 24].flatMap((gap) => (['above', 'left', 'right'] as const).map((side) => ({ at: apex, side, gap })));
    return { loop, shape, path: pathData(shape), label: label(loopLines(loop), spots) };
  });
  const edges: PlacedEdge[] = arrows.map((e) => ({ edge: e, shape: shapes.get(e)!.shape, path: pathData(shapes.get(e)!.shape) }));
  for (const placed of edges) {
    const e = placed.edge;
    if (!back.has(e) && labelled.get(e.group) !== e) continue;
    // A group's label may sit beside any of its arrows, the one it was sized for first.
    const group = back.has(e) ? [e] : [e, ...forward.filter((f) => f.group === e.group && f !== e)];
    placed.label = label(edgeLines(e), spotsAlong(group.flatMap((g) => shapes.get(g)!.curves), shapes.get(e)!.sides));
  }

  // States no rule mentions go in a grid under the diagram, so the flow above stays readable.
  let untouchedHeading: LifecycleLayout['untouchedHeading'];
  const flowBottom = Math.max(bottom, ...obstacles.lines.flat().map((p) => p.y), ...obstacles.labels.map((l) => l.y + l.h));
  const flowRight = columnX[layerCount - 1]! + columnWidth[layerCount - 1]!;
  if (graph.untouched.length) {
    const perRow = Math.max(4, Math.floor((flowRight + GRID_GAP) / (stateWidth + GRID_GAP)));
    untouchedHeading = { x: 0, y: flowBottom + 40, text: 'In no transition rule: every state-changing operation refuses an order in these states.' };
    graph.untouched.forEach((state, i) => {
      nodes.push({
        id: state,
        kind: 'state',
        x: (i % perRow) * (stateWidth + GRID_GAP),
        y: flowBottom + 56 + Math.floor(i / perRow) * (STATE_HEIGHT + GRID_GAP),
        w: stateWidth,
        h: STATE_HEIGHT,
        initial: graph.initial.has(state),
        final: graph.final.has(state),
        untouched: true,
      });
    });
  }

  const xs: number[] = [];
  const ys: number[] = [];
  for (const n of nodes) xs.push(n.x, n.x + n.w), ys.push(n.y, n.y + n.h);
  ys.push(flowBottom);
  if (untouchedHeading) xs.push(textWidth(untouchedHeading.text, LABEL_FONT_CHAR)), ys.push(untouchedHeading.y - LINE_HEIGHT);
  for (const label of [...edges.map((e) => e.label), ...loops.map((l) => l.label)]) {
    if (!label) continue;
    const half = (label.lines.length * LINE_HEIGHT) / 2;
    xs.push(label.x - label.width / 2, label.x + label.width / 2);
    ys.push(label.y - half, label.y + half);
  }
  const margin = 12;
  const minX = Math.min(...xs) - margin;
  const minY = Math.min(...ys) - margin;
  return {
    box: { x: minX, y: minY, w: Math.max(...xs) + margin - minX, h: Math.max(...ys) + margin - minY },
    nodes,
    edges,
    loops,
    untouchedHeading,
  };
}

export const LABEL_LINE_HEIGHT = LINE_HEIGHT;

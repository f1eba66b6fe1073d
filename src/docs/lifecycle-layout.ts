import type { LifecycleEdge, LifecycleGraph, LifecycleLoop } from './lifecycle-graph.js';
import { edgeLines, loopLines, type LabelLine } from './lifecycle-labels.js';

// A small layered (Sugiyama-style) layout, deterministic and dependency-free: longest-path layers
// left to right, a dummy point per skipped layer so arrows never cross a state, one barycentre
// ordering pass, then nodes pushed down just enough not to overlap. Text is monospace, so widths
// are known without a browser.

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
export type PlacedEdge = { edge: LifecycleEdge; path: string; label?: Label };
export type PlacedLoop = { loop: LifecycleLoop; path: string; label: Label };
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

  const curve = (x1: number, y1: number, x2: number, y2: number) => {
    const mx = (x1 + x2) / 2;
    return `C ${mx} ${y1} ${mx} ${y2} ${x2} ${y2}`;
  };
  const bottom = Math.max(...[...items.values()].map((it) => it.top + it.h));
  let backDepth = 0;
  let backBottom = bottom;
  const edges: PlacedEdge[] = [];
  for (const e of arrows) {
    // A group's forward arrows converge and share one label; an arrow against the flow is far from them.
    const lines = back.has(e) || labelled.get(e.group) === e ? edgeLines(e) : null;
    let path: string;
    let at: { x: number; y: number };
    if (back.has(e)) {
      // Arrows against the flow run under the diagram, each a little lower than the last.
      const a = items.get(e.from)!;
      const b = items.get(e.to)!;
      const dip = bottom + 40 + backDepth++ * (LINE_HEIGHT * 5);
      const ax = left(a) + a.w / 2;
      const bx = left(b) + b.w / 2;
      path = `M ${ax} ${a.top + a.h} C ${ax} ${dip} ${bx} ${dip} ${bx} ${b.top + b.h}`;
      const lowest = 0.125 * (a.top + a.h + b.top + b.h) + 0.75 * dip; // the curve's midpoint
      at = { x: (ax + bx) / 2, y: lowest + 4 + ((lines?.length ?? 0) * LINE_HEIGHT) / 2 };
      backBottom = Math.max(backBottom, lowest + 4 + (lines?.length ?? 0) * LINE_HEIGHT);
    } else {
      const chain = chains.get(e)!.map((id) => items.get(id)!);
      const [first, second] = chain as [Item, Item];
      const parts = [`M ${right(first)} ${first.cy}`];
      chain.slice(1).forEach((it, i) => {
        const prev = chain[i]!;
        parts.push(curve(right(prev), prev.cy, left(it), it.cy));
        if (it.kind === 'dummy') parts.push(`L ${right(it)} ${it.cy}`);
      });
      path = parts.join(' ');
      // The label sits beside the arrow's midpoint, on the side away from the arrows a source
      // fans out to above it (above a level or rising arrow, below a falling one).
      const half = ((lines?.length ?? 0) * LINE_HEIGHT) / 2;
      const side = second.cy > first.cy + 1 ? 1 : -1;
      at = { x: (right(first) + left(second)) / 2, y: (first.cy + second.cy) / 2 + side * (4 + half) };
    }
    const label = lines ? { ...at, width: labelWidth(lines), lines } : undefined;
    edges.push({ edge: e, path, label });
  }

  // Labels that share a gap must not overprint each other: push each below the one above it.
  for (let l = 0; l < layerCount; l++) {
    const inGap = edges.filter((e) => e.label && !back.has(e.edge) && layer.get(e.edge.from) === l).map((e) => e.label!);
    inGap.sort((a, b) => a.y - b.y);
    let floor = -Infinity;
    for (const label of inGap) {
      const half = (label.lines.length * LINE_HEIGHT) / 2;
      label.y = Math.max(label.y, floor + half + 2);
      floor = label.y + half;
    }
  }

  const loops: PlacedLoop[] = [];
  const loopStack = new Map<string, number>();
  for (const loop of graph.loops) {
    const it = items.get(loop.state)!;
    const lines = loopLines(loop);
    const base = it.top - (loopStack.get(loop.state) ?? 0);
    loopStack.set(loop.state, it.top - base + LOOP_RISE + lines.length * LINE_HEIGHT);
    const cx = left(it) + it.w / 2;
    const path = `M ${cx - 14} ${base} C ${cx - 36} ${base - LOOP_RISE} ${cx + 36} ${base - LOOP_RISE} ${cx + 14} ${base}`;
    const labelBottom = base - LOOP_RISE + 4;
    loops.push({ loop, path, label: { x: cx, y: labelBottom - (lines.length * LINE_HEIGHT) / 2, width: labelWidth(lines), lines } });
  }

  // States no rule mentions go in a grid under the diagram, so the flow above stays readable.
  let untouchedHeading: LifecycleLayout['untouchedHeading'];
  const flowBottom = backBottom;
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

import { boxesOverlap, cubicAt, grow, polylineHitsBox, type Box, type Point } from './lifecycle-geometry.js';

// Labels go where they touch nothing: each label tries spots beside its arrows, nearest first, and
// takes the first whose box crosses no arrow, no state and no label placed before it. A spot is a
// point on an arrow and a side; the box sits just off the point on that side.

export type Side = 'above' | 'below' | 'left' | 'right';
export type Spot = { at: Point; side: Side; gap: number };

/** What a label must not touch: state boxes, arrows (as polylines) and the labels already placed. */
export type Obstacles = { nodes: Box[]; lines: Point[][]; labels: Box[] };

/** How far an arrow's stroke and arrowhead reach beyond its centre line, and room around text. */
const LINE_CLEARANCE = 4;
const NODE_CLEARANCE = 4;
const LABEL_CLEARANCE = 2;

/** Distances from the arrow tried in turn: hugging it first, then further out. */
const GAPS = [4, 12, 24, 40];
/** Positions along an arrow tried in turn, from its middle outwards. */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88];

export function boxAt(spot: Spot, w: number, h: number): Box {
  const { at, gap } = spot;
  if (spot.side === 'above') return { x: at.x - w / 2, y: at.y - gap - h, w, h };
  if (spot.side === 'below') return { x: at.x - w / 2, y: at.y + gap, w, h };
  if (spot.side === 'left') return { x: at.x - gap - w, y: at.y - h / 2, w, h };
  return { x: at.x + gap, y: at.y - h / 2, w, h };
}

export function isFree(box: Box, obstacles: Obstacles): boolean {
  const nearLine = grow(box, LINE_CLEARANCE);
  const nearNode = grow(box, NODE_CLEARANCE);
  const nearLabel = grow(box, LABEL_CLEARANCE);
  return (
    !obstacles.nodes.some((n) => boxesOverlap(nearNode, n)) &&
    !obstacles.lines.some((line) => polylineHitsBox(line, nearLine)) &&
    !obstacles.labels.some((l) => boxesOverlap(nearLabel, l))
  );
}

/** Spots along curves (a start, two controls, an end), each side in the given order of preference. */
export function* spotsAlong(curves: [Point, Point, Point, Point][], sides: Side[]): Generator<Spot> {
  for (const gap of GAPS) {
    for (const curve of curves) {
      for (const t of ALONG) {
        const at = cubicAt(...curve, t);
        for (const side of sides) yield { at, side, gap };
      }
    }
  }
}

/**
 * The box of the first spot where a `w`×`h` label touches nothing, added to the obstacles. When no
 * spot is free (a diagram far denser than any spec's) the first spot wins, overlap and all.
 */
export function placeLabel(w: number, h: number, spots: Iterable<Spot>, obstacles: Obstacles): Box {
  let fallback: Box | undefined;
  for (const spot of spots) {
    const box = boxAt(spot, w, h);
    fallback ??= box;
    if (isFree(box, obstacles)) {
      fallback = box;
      break;
    }
  }
  obstacles.labels.push(fallback!);
  return fallback!;
}

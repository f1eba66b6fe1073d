// Plain 2-D geometry for the lifecycle diagram: paths made of cubic curves and lines, the polylines
// that stand for them in collision checks, and box tests. No layout decisions here.

export type Point = { x: number; y: number };
export type Box = { x: number; y: number; w: number; h: number };

/** A path as SVG draws it: a start, then cubic curves (`C`) and straight lines (`L`). */
export type PathShape = { start: Point; pieces: ({ kind: 'C'; c1: Point; c2: Point; to: Point } | { kind: 'L'; to: Point })[] };

const CURVE_SAMPLES = 24;

/** The SVG `d` attribute of a path. */
export function pathData(path: PathShape): string {
  const parts = [`M ${path.start.x} ${path.start.y}`];
  for (const p of path.pieces) parts.push(p.kind === 'C' ? `C ${p.c1.x} ${p.c1.y} ${p.c2.x} ${p.c2.y} ${p.to.x} ${p.to.y}` : `L ${p.to.x} ${p.to.y}`);
  return parts.join(' ');
}

/** The point at `t` (0…1) on a cubic Bézier curve. */
export function cubicAt(p0: Point, c1: Point, c2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * c1.x + c * c2.x + d * p3.x, y: a * p0.y + b * c1.y + c * c2.y + d * p3.y };
}

/** The path as a polyline, curves sampled finely enough (a few pixels) for overlap checks. */
export function pathPoints(path: PathShape): Point[] {
  const points = [path.start];
  let from = path.start;
  for (const p of path.pieces) {
    if (p.kind === 'L') points.push(p.to);
    else for (let i = 1; i <= CURVE_SAMPLES; i++) points.push(cubicAt(from, p.c1, p.c2, p.to, i / CURVE_SAMPLES));
    from = p.to;
  }
  return points;
}

export const grow = (box: Box, by: number): Box => ({ x: box.x - by, y: box.y - by, w: box.w + 2 * by, h: box.h + 2 * by });

export const boxesOverlap = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether the segment a→b passes through the box (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clips: [number, number][] = [
    [-dx, a.x - box.x],
    [dx, box.x + box.w - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.h - a.y],
  ];
  for (const [p, q] of clips) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

export const polylineHitsBox = (points: Point[], box: Box): boolean => points.some((p, i) => i > 0 && segmentHitsBox(points[i - 1]!, p, box));

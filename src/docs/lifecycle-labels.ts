import { formatDelay, type LifecycleEdge, type LifecycleLoop } from './lifecycle-graph.js';

export type LabelLine = { text: string; role: 'operation' | 'effects' | 'outcome' | 'settle' };

const EFFECTS_LINE_CHARS = 30;

/** Wraps a comma-separated list at the line width, keeping each item whole. */
function wrapList(items: string[], width: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + item.length + 2 <= width) lines[last] += `, ${item}`;
    else lines.push(item);
  }
  return lines.map((line, i) => (i < lines.length - 1 ? `${line},` : line));
}

/** An arrow's label: its operation, side effects and reply; or a settle's delay. */
export function edgeLines(edge: LifecycleEdge): LabelLine[] {
  if (edge.kind === 'settle') return [{ text: `settles after ${formatDelay(edge.afterMs ?? 0)}`, role: 'settle' }];
  const lines: LabelLine[] = [{ text: edge.operationId, role: 'operation' }];
  for (const text of wrapList(edge.effects, EFFECTS_LINE_CHARS)) lines.push({ text, role: 'effects' });
  if (edge.outcome) lines.push({ text: `replies "${edge.outcome}"`, role: 'outcome' });
  return lines;
}

/** A kept-status loop's label: its operation, side effects and reply (or "no change"). */
export function loopLines(loop: LifecycleLoop): LabelLine[] {
  const lines: LabelLine[] = [{ text: loop.operationId, role: 'operation' }];
  for (const text of wrapList(loop.effects, EFFECTS_LINE_CHARS)) lines.push({ text, role: 'effects' });
  lines.push({ text: loop.outcome ? `replies "${loop.outcome}"` : 'no change', role: 'outcome' });
  return lines;
}

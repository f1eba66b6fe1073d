import type { StateMachine } from '../spec/state-machine.js';
import { escapeHtml as esc } from './html.js';
import { lifecycleGraph } from './lifecycle-graph.js';
import { LABEL_LINE_HEIGHT, layoutLifecycle, type Label, type PlacedNode } from './lifecycle-layout.js';

const STYLE = `
.lc text { font: 11px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; fill: #1f2933; }
.lc .lc-state rect { fill: #fff; stroke: #52606d; stroke-width: 1.2; }
.lc .lc-state.lc-initial rect { stroke: #1d4ed8; stroke-width: 2.4; }
.lc .lc-state.lc-final rect { fill: #eef0f3; }
.lc .lc-state text { font-size: 12px; text-anchor: middle; dominant-baseline: central; }
.lc .lc-start circle { fill: #1f2933; }
.lc .lc-edge path { fill: none; stroke: #52606d; stroke-width: 1.3; }
.lc .lc-edge.lc-settle path { stroke: #7c3aed; stroke-dasharray: 6 4; }
.lc .lc-loop path { fill: none; stroke: #9aa5b1; stroke-width: 1.2; }
.lc .lc-label text { text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
.lc .lc-operation { font-weight: 700; }
.lc .lc-effects { fill: #b45309; }
.lc .lc-outcome { fill: #047857; }
.lc .lc-settle-text { fill: #7c3aed; }
.lc .lc-note { fill: #52606d; font-style: italic; }
`;

const ROLE_CLASS = { operation: 'lc-operation', effects: 'lc-effects', outcome: 'lc-outcome', settle: 'lc-settle-text' } as const;

function labelText(label: Label): string {
  const first = label.y - ((label.lines.length - 1) * LABEL_LINE_HEIGHT) / 2;
  const spans = label.lines.map(
    (line, i) => `<tspan class="${ROLE_CLASS[line.role]}" x="${label.x}" y="${first + i * LABEL_LINE_HEIGHT}" dominant-baseline="central">${esc(line.text)}</tspan>`,
  );
  return `<text>${spans.join('')}</text>`;
}

function nodeSvg(node: PlacedNode): string {
  if (node.kind === 'start') {
    const r = node.w / 2;
    return `<g class="lc-start" data-start="${esc(node.id.slice('start:'.length))}"><title>entry: ${esc(node.id.slice('start:'.length))} creates orders</title><circle cx="${node.x + r}" cy="${node.y + r}" r="${r}"/></g>`;
  }
  const classes = ['lc-state', node.initial && 'lc-initial', node.final && 'lc-final'].filter(Boolean).join(' ');
  const notes = [node.initial && 'initial', node.final && 'final', node.untouched && 'no transition'].filter(Boolean).join(', ');
  return (
    `<g class="${classes}" data-state="${esc(node.id)}"><title>${esc(node.id)}${notes ? ` (${notes})` : ''}</title>` +
    `<rect x="${node.x}" y="${node.y}" width="${node.w}" height="${node.h}" rx="8"/>` +
    `<text x="${node.x + node.w / 2}" y="${node.y + node.h / 2}">${esc(node.id)}</text></g>`
  );
}

/**
 * Draws an API's order lifecycle as standalone SVG, from its spec's state machine alone: a box per
 * `OrderStatus` value (`data-state`), an arrow per rule and source state (`data-operation`),
 * dashed arrows for settles, loops for rules that keep the status.
 */
export function renderLifecycleSvg(machine: StateMachine, title: string): string {
  const layout = layoutLifecycle(lifecycleGraph(machine));
  const { x, y, w, h } = layout.box;
  const arrow = (id: string, color: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${color}"/></marker>`;
  const edges = layout.edges.map(({ edge, path }) => {
    const settle = edge.kind === 'settle';
    const what = settle ? `settles on the virtual clock` : `${edge.operationId}${edge.effects.length ? `; side effects: ${edge.effects.join(', ')}` : ''}`;
    return (
      `<g class="lc-edge${settle ? ' lc-settle' : ''}" data-from="${esc(edge.from)}" data-to="${esc(edge.to)}" data-operation="${esc(edge.operationId)}" data-kind="${edge.kind}">` +
      `<title>${esc(`${edge.from} → ${edge.to}: ${what}`)}</title><path d="${path}" marker-end="url(#lc-arrow${settle ? '-settle' : ''})"/></g>`
    );
  });
  const loops = layout.loops.map(
    ({ loop, path }) =>
      `<g class="lc-loop" data-from="${esc(loop.state)}" data-operation="${esc(loop.operationId)}"><title>${esc(`${loop.state}: ${loop.operationId} ${loop.outcome ? `replies "${loop.outcome}"` : 'succeeds'}, status unchanged`)}</title><path d="${path}" marker-end="url(#lc-arrow-loop)"/></g>`,
  );
  const labels = [...layout.edges.map((e) => e.label), ...layout.loops.map((l) => l.label)].filter((l): l is Label => Boolean(l)).map(labelText);
  const heading = layout.untouchedHeading ? `<text class="lc-note" x="${layout.untouchedHeading.x}" y="${layout.untouchedHeading.y}">${esc(layout.untouchedHeading.text)}</text>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="lc" role="img" aria-labelledby="lc-title" viewBox="${x} ${y} ${w} ${h}" width="${w}" height="${h}">`,
    `<title id="lc-title">${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    `<defs>${arrow('lc-arrow', '#52606d')}${arrow('lc-arrow-settle', '#7c3aed')}${arrow('lc-arrow-loop', '#9aa5b1')}</defs>`,
    `<g class="lc-edges">${edges.join('')}${loops.join('')}</g>`,
    `<g class="lc-nodes">${layout.nodes.map(nodeSvg).join('')}</g>`,
    `<g class="lc-label">${labels.join('')}</g>`,
    heading,
    '</svg>',
  ].join('\n');
}

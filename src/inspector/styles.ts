// The inspector's stylesheet, a string so the compiled package needs no copy step (as the docs' assets).

const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
const MONO = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

export const INSPECTOR_CSS = `
:root { color-scheme: light; --line: #e4e7eb; --muted: #616e7c; --blue: #1d4ed8; --red: #b91c1c; --red-bg: #fef2f2; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 ${SANS}; color: #1f2933; background: #f5f7fa; }
code, pre, .mono, td.path, td.time, td.num, td.ms { font-family: ${MONO}; font-size: 12.5px; }
button { font: inherit; padding: 3px 10px; border: 1px solid #9aa5b1; border-radius: 5px; background: #fff; cursor: pointer; }
button:hover { background: #eef2ff; }
button.danger { border-color: #e5a3a3; color: var(--red); }
input { font: inherit; padding: 3px 6px; border: 1px solid #9aa5b1; border-radius: 5px; }
input[type=number] { width: 80px; }
.top { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 8px 20px; background: #fff; border-bottom: 1px solid var(--line); }
.top form { display: flex; gap: 6px; align-items: center; }
.top label { display: flex; gap: 6px; align-items: center; color: var(--muted); }
.top a { color: var(--blue); text-decoration: none; margin-left: auto; }
.brand { font-weight: 700; }
.clock { color: var(--muted); margin: 0 0 6px; }
#clock-form { display: flex; gap: 6px; align-items: center; }
.live { font-size: 13px; color: var(--muted); }
.live::before { content: "●"; margin-right: 4px; }
.live.ok::before { color: #16a34a; }
.live.fail { color: var(--red); }
main { padding: 14px 20px 40px; display: grid; gap: 14px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px 12px; min-width: 0; }
.panel h2 { font-size: 16px; margin: 0 0 8px; }
.panel h2 small { font-weight: 400; color: var(--muted); font-size: 13px; margin-left: 6px; }
.panel h3 { font-size: 14px; margin: 12px 0 6px; }
.empty { color: var(--muted); margin: 6px 0; }
.columns { display: grid; grid-template-columns: 2fr 1fr; gap: 14px; }
.scroll { max-height: 360px; overflow: auto; }
table.requests { border-collapse: collapse; width: 100%; }
.requests th { position: sticky; top: 0; background: #fff; text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; padding: 4px 8px; border-bottom: 1px solid var(--line); }
.requests td { padding: 4px 8px; border-bottom: 1px solid #f0f2f4; vertical-align: top; }
.requests tr.row { cursor: pointer; }
.requests tr.row:hover { background: #f8fafc; }
.requests td.path { max-width: 380px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.requests td.ms, .requests th.ms { text-align: right; }
.requests td.operation { white-space: nowrap; }
.requests td.status { font-weight: 700; color: #15803d; }
.requests tr.refused { background: var(--red-bg); }
.requests tr.refused:hover { background: #fde8e8; }
.requests tr.refused td.status, .requests td.error { color: var(--red); }
.requests td.error code { font-weight: 700; }
.requests td.error .why { display: block; font-size: 12.5px; }
.requests tr.fresh { animation: fresh 1.2s ease-out; }
@keyframes fresh { from { background: #fef9c3; } }
tr.detail > td { background: #f8fafc; padding: 8px; }
.bodies { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.bodies h4 { margin: 0 0 4px; font-size: 12px; color: var(--muted); font-weight: 600; }
pre { margin: 0; padding: 8px; background: #fff; border: 1px solid var(--line); border-radius: 5px; max-height: 300px; overflow: auto; white-space: pre-wrap; word-break: break-all; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); margin-bottom: 10px; }
.tabs button { border: 1px solid transparent; border-bottom: none; border-radius: 6px 6px 0 0; background: none; padding: 5px 12px; color: var(--muted); }
.tabs button[aria-current="true"] { border-color: var(--line); background: #fff; color: #1f2933; font-weight: 600; margin-bottom: -1px; }
.tabs .total { font-size: 12px; color: var(--muted); font-weight: 400; }
.orders-body { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
.diagrams { overflow-x: auto; max-width: 100%; }
.diagram svg { display: block; max-width: none; }
svg.lc [data-state] { cursor: pointer; }
svg.lc [data-state].has-orders rect { fill: #e0ecff; }
svg.lc [data-state].selected rect { stroke: #ea580c; stroke-width: 2.6; }
svg.lc .count circle { fill: var(--blue); }
svg.lc .count text { fill: #fff; font-size: 11px; font-weight: 700; text-anchor: middle; dominant-baseline: central; }
#state-orders { flex: 1 1 240px; min-width: 240px; }
#state-orders h3 { margin-top: 0; }
.order-list { list-style: none; margin: 0; padding: 0; max-height: 260px; overflow: auto; }
.order-list li { margin: 2px 0; }
.link { border: none; background: none; padding: 0; color: var(--blue); cursor: pointer; font-family: ${MONO}; font-size: 12.5px; text-align: left; }
.link:hover { background: none; text-decoration: underline; }
#order-detail { margin-top: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
#order-detail h3 { margin-top: 0; }
.order-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.history { list-style: none; margin: 0; padding: 0; }
.history li { padding: 3px 0; border-bottom: 1px solid #f0f2f4; }
.history .bad { color: var(--red); }
.timeline { list-style: none; margin: 0; padding: 0; max-height: 320px; overflow: auto; }
.timeline li { display: grid; grid-template-columns: 92px 80px 200px 1fr; gap: 8px; padding: 4px 0; border-bottom: 1px solid #f0f2f4; align-items: baseline; }
.timeline time, .timeline .api { color: var(--muted); font-size: 12.5px; }
.effect { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.effect.charge, .effect.refund { color: #15803d; }
.effect.shipments { color: #7c3aed; }
.effect.history { color: #be185d; }
.effect.email { color: #b45309; }
.effect.settle { color: #0e7490; }
.timeline .data { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
#fault-list { list-style: none; margin: 0 0 8px; padding: 0; }
#fault-list li { display: flex; justify-content: space-between; gap: 8px; padding: 4px 0; border-bottom: 1px solid #f0f2f4; }
.notice { position: fixed; bottom: 14px; right: 20px; background: #1f2933; color: #fff; padding: 8px 12px; border-radius: 6px; font-size: 13px; }
`;

import { API_MODULES } from '../apis/registry.js';
import { escapeHtml as esc, pageHead, scriptJson } from '../docs/html.js';
import { renderLifecycleSvg } from '../docs/lifecycle-svg.js';
import { shortTitle } from '../docs/pages.js';
import type { MockOptions } from '../http/options.js';
import { loadSpec, type ApiName } from '../spec/load.js';

export const INSPECTOR_PATH = '/__mock/ui';

/** What the browser script needs to know about the mock it inspects (embedded in the page). */
export type InspectorConfig = {
  apis: { name: ApiName; title: string; states: string[] }[];
  /** Started with --admin-token: the page must send it, so it shows a field for it. */
  adminTokenRequired: boolean;
};

/**
 * The diagram's SVG names its arrowheads and title with fixed ids (`lc-arrow`…), and the page holds
 * one diagram per API: the ids get the API's name so each diagram's `url(#…)` finds its own markers
 * even while the others are hidden (a marker inside a `display: none` SVG draws nothing).
 */
const scopeIds = (svg: string, api: ApiName) => svg.replace(/\blc-(arrow|title)\b/g, `${api}-lc-$1`);

function diagrams(apis: ApiName[]): string {
  return apis
    .map((api, i) => {
      const svg = scopeIds(renderLifecycleSvg(API_MODULES[api].machine, `${shortTitle(loadSpec(api))}: order lifecycle`), api);
      return `<div class="diagram" data-api="${api}"${i === 0 ? '' : ' hidden'}>${svg}</div>`;
    })
    .join('\n');
}

/** The page's markup, built once per mock; `assetQuery` carries the admin token to the asset URLs. */
export function inspectorPage(options: MockOptions): (assetQuery: string) => string {
  const config: InspectorConfig = {
    apis: options.apis.map((name) => ({ name, title: shortTitle(loadSpec(name)), states: API_MODULES[name].machine.states })),
    adminTokenRequired: Boolean(options.adminToken),
  };
  const adminField = config.adminTokenRequired
    ? '<label>admin token <input id="admin-token" name="admin_token" type="password" autocomplete="off" size="14"></label>'
    : '';
  const body = [
    '<header class="top">',
    '<span class="brand">ordermock inspector</span>',
    `<form id="tenant-form"><label>token <input id="token" name="token" placeholder="public" autocomplete="off" size="26"></label>${adminField}<button>Open</button></form>`,
    '<span id="live" class="live">connecting…</span>',
    '<a href="/docs">docs</a>',
    '</header>',
    '<main>',
    '<section class="panel" id="requests">',
    '<h2>Requests <small>newest first, live</small></h2>',
    '<div class="scroll"><table class="requests"><thead><tr><th>#</th><th>time</th><th>method</th><th>path</th><th>operation</th><th>status</th><th class="ms">ms</th><th>error</th></tr></thead>',
    '<tbody id="request-rows"></tbody></table>',
    '<p class="empty" id="requests-empty">No API requests with this token yet.</p></div>',
    '</section>',
    '<section class="panel" id="orders">',
    '<h2>Orders by state <small>click a state, then an order</small></h2>',
    `<nav class="tabs" id="api-tabs">${config.apis.map((a, i) => `<button data-api="${a.name}"${i === 0 ? ' aria-current="true"' : ''}>${esc(a.title)} <span class="total"></span></button>`).join('')}</nav>`,
    `<div class="orders-body"><div class="diagrams">${diagrams(options.apis)}</div>`,
    '<aside id="state-orders"><p class="empty">Click a state to list its orders.</p></aside></div>',
    '<div id="order-detail" hidden></div>',
    '</section>',
    '<div class="columns">',
    '<section class="panel" id="outbox"><h2>Side effects <small>the outbox, newest first</small></h2><ol id="outbox-list" class="timeline"></ol><p class="empty" id="outbox-empty">No side effects yet.</p></section>',
    '<section class="panel" id="controls"><h2>Controls</h2>',
    '<p id="clock" class="clock"></p>',
    '<form id="clock-form"><input id="advance-ms" type="number" min="1" value="2000" aria-label="milliseconds"> ms <button>Advance the clock</button></form>',
    '<h3>Fault rules</h3><ul id="fault-list"></ul><p class="empty" id="faults-empty">None.</p><button id="clear-faults">Clear all rules</button>',
    '<h3>Tenant</h3><button id="reset" class="danger">Reset this tenant</button> <small class="empty">forgets its orders, outbox, journal, clock and rules</small>',
    '</section>',
    '</div>',
    '</main>',
    `<script type="application/json" id="inspector-config">${scriptJson(config)}</script>`,
  ].join('\n');
  return (assetQuery) =>
    [
      pageHead('ordermock inspector', [
        `<link rel="stylesheet" href="${INSPECTOR_PATH}/inspector.css${esc(assetQuery)}">`,
        `<script src="${INSPECTOR_PATH}/inspector.js${esc(assetQuery)}" defer></script>`,
      ]),
      '<body>',
      body,
      '</body>',
      '</html>',
    ].join('\n');
}

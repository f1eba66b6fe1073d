import type { OpenApiDoc, SpecName } from '../spec/load.js';
import { indexOperations } from '../spec/operations.js';
import { readStateMachine } from '../spec/state-machine.js';
import { displaySpecAs30 } from './display-spec.js';
import { mockFirstServers, tenantCredential, type ConsoleConfig } from './console-config.js';
import { escapeHtml as esc, pageHead, scriptJson } from './html.js';
import { lifecycleGraph, type LifecycleGraph } from './lifecycle-graph.js';
import { renderLifecycleSvg } from './lifecycle-svg.js';

/**
 * Where pages and assets live (absolute paths on the mock, relative files in the static build), and
 * the mock the console sends to: a path on the serving mock's origin, or a mock the reader runs.
 */
export type DocsLinks = {
  index: string;
  page(name: SpecName): string;
  asset(file: string): string;
  /** The mock's base URL for a spec; `apiCount` APIs are served (one alone is served at the root). */
  mockServer(name: SpecName, apiCount: number): string;
  /** The mock's inspector page, which takes `?token=`. */
  inspector: string;
};

export type DocsSpec = { name: SpecName; doc: OpenApiDoc };

/** `info.summary`, else the first sentence of `info.description` with its markdown taken out. */
export function oneLineSummary(doc: OpenApiDoc): string {
  const summary = (doc.info as { summary?: string }).summary;
  if (summary) return summary;
  const text = (doc.info.description ?? '')
    .split(/\n\s*\n/)[0]!
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^.*?[.!?](?=\s|$)/.exec(text);
  return sentence ? sentence[0] : text;
}

/** The title up to its first dash or parenthesis ("sFOX API — Cancel Order" → "sFOX API"), for the menu. */
export const shortTitle = (doc: OpenApiDoc): string => doc.info.title.split(/ [—(-] ?/)[0]!.trim();

const hasStateMachine = (doc: OpenApiDoc): boolean => Boolean(doc.components?.schemas?.OrderStatus);

function head(title: string, links: DocsLinks, styles: string[] = [], scripts: string[] = []): string {
  return pageHead(title, [
    ...[...styles, 'docs.css'].map((file) => `<link rel="stylesheet" href="${esc(links.asset(file))}">`),
    // Deferred, and named in the head so the download and V8's off-thread parse of the console's
    // 1.7 MB bundle start with the page's first bytes: they run once the body (diagram, spec) is parsed.
    ...scripts.map((file) => `<script defer src="${esc(links.asset(file))}"></script>`),
  ]);
}

function nav(specs: DocsSpec[], links: DocsLinks, current?: SpecName): string {
  const items = specs.map(
    ({ name, doc }) => `<a href="${esc(links.page(name))}"${name === current ? ' aria-current="page"' : ''}>${esc(shortTitle(doc))}</a>`,
  );
  return `<nav class="docs-top"><a class="brand" href="${esc(links.index)}">ordermock docs</a>${items.join('\n')}</nav>`;
}

/** The docs home: each API with its one-line summary, operation count and state count. */
export function renderIndexPage(specs: DocsSpec[], links: DocsLinks): string {
  const rows = specs.map(({ name, doc }) => {
    const operations = indexOperations(doc).length;
    let states = '—';
    if (hasStateMachine(doc)) {
      const machine = readStateMachine(doc);
      states = `${machine.states.length} states (${machine.initial.length} initial)`;
    }
    return (
      `<tr data-spec="${esc(name)}"><td><a href="${esc(links.page(name))}">${esc(doc.info.title)}</a><br><code>openapi/${esc(name)}.yaml</code></td>` +
      `<td>${esc(oneLineSummary(doc))}</td><td class="count">${operations} operation${operations === 1 ? '' : 's'}</td><td class="count">${states}</td></tr>`
    );
  });
  return [
    head('ordermock docs', links),
    '<body>',
    nav(specs, links),
    '<main class="docs-index">',
    '<h1>ordermock API documentation</h1>',
    '<p>Generated from the OpenAPI specs in <code>openapi/</code>, the same documents the mock serves, validates and keeps state by. Each API page opens with its order lifecycle, drawn from the spec\'s transition table.</p>',
    '<table><thead><tr><th>API</th><th>What it is</th><th>Operations</th><th>Order states</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

type LegendEntry = { swatch: string; text: string; shown(graph: LifecycleGraph): boolean };

const LEGEND: LegendEntry[] = [
  { swatch: 'border: 2.4px solid #1d4ed8; background: #fff', text: 'initial: an order can be created or seeded in it', shown: () => true },
  { swatch: 'border: 1.2px solid #52606d; background: #eef0f3', text: 'final: no operation moves it on', shown: () => true },
  { swatch: 'background: #b45309', text: 'side effects recorded in the outbox', shown: (g) => [...g.edges, ...g.loops].some((e) => e.effects.length > 0) },
  { swatch: 'background: #047857', text: 'the reply, for an API whose body is not the order', shown: (g) => [...g.edges, ...g.loops].some((e) => e.outcome) || g.loops.length > 0 },
  { swatch: 'background: repeating-linear-gradient(90deg, #7c3aed 0 6px, transparent 6px 10px)', text: 'settles by itself on the virtual clock', shown: (g) => g.edges.some((e) => e.kind === 'settle') },
];

function lifecycleSection(doc: OpenApiDoc): string {
  const machine = readStateMachine(doc);
  const graph = lifecycleGraph(machine);
  const legend = LEGEND.filter((entry) => entry.shown(graph))
    .map((entry) => `<li><span class="swatch" style="${entry.swatch}"></span>${esc(entry.text)}</li>`)
    .join('');
  return [
    '<section class="lifecycle" id="lifecycle">',
    '<h2>Order lifecycle</h2>',
    `<p>Every state of <code>OrderStatus</code> and every rule of the operations' <code>x-state-transitions</code>, drawn from the spec. An operation on an order in a state it has no arrow from is refused with the API's error and changes nothing.</p>`,
    `<div class="diagram">${renderLifecycleSvg(machine, `${doc.info.title}: order lifecycle`)}</div>`,
    `<ul class="legend">${legend}</ul>`,
    '</section>',
  ].join('\n');
}

function tryItBar(links: DocsLinks): string {
  return [
    '<p class="try-hint">Every token is its own world of fixture orders. <b>Execute</b> on an operation below sends the request from this page to the server chosen under <i>Servers</i> (the mock, first) with your token, shows the status, headers and body, and the order stays changed for that token.</p>',
    '<section class="try-it" id="try-it" aria-label="Your token for the mock">',
    '<label for="token">Your token</label>',
    '<input id="token" name="token" autocomplete="off" spellcheck="false">',
    '<button type="button" id="new-token">New token</button>',
    `<a id="inspector-link" href="${esc(links.inspector)}">Inspect this token's orders and outbox</a>`,
    '</section>',
  ].join('\n');
}

/**
 * One API's page: its lifecycle diagram (APIs with an `OrderStatus`), a token bar, then the spec
 * (its 3.0 display copy: display-spec.ts) in Swagger UI, every operation ready to send to the mock.
 */
export function renderApiPage(spec: DocsSpec, specs: DocsSpec[], links: DocsLinks): string {
  const apiCount = specs.filter((s) => s.name !== 'admin').length;
  const doc = { ...displaySpecAs30(spec.doc), servers: mockFirstServers(spec.doc, links.mockServer(spec.name, apiCount)) };
  const config: ConsoleConfig = { credential: tenantCredential(spec.doc), inspector: links.inspector };
  return [
    head(`${spec.doc.info.title} — ordermock docs`, links, ['swagger-ui.css'], ['swagger-ui-bundle.js', 'docs.js']),
    `<body data-spec="${esc(spec.name)}">`,
    nav(specs, links, spec.name),
    hasStateMachine(spec.doc) ? lifecycleSection(spec.doc) : '',
    tryItBar(links),
    '<div id="console"></div>',
    // Embedded rather than fetched, so the page also works opened from disk (file://).
    `<script type="application/json" id="openapi-spec">${scriptJson(doc)}</script>`,
    `<script type="application/json" id="console-config">${scriptJson(config)}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

import { API_NAMES, loadSpec, type ApiName, type SpecName } from '../spec/load.js';
import { DOCS_CSS } from './assets.js';
import { consoleAssets } from './console-bundle.js';
import { DOCS_JS } from './console-script.js';
import { renderApiPage, renderIndexPage, type DocsLinks, type DocsSpec } from './pages.js';

export type DocsFile = { contentType: string; body: string };

/** The docs site as files, keyed by their path in the static build (`index.html`, `assets/…`). */
export type DocsSite = Map<string, DocsFile>;

export const DOCS_PREFIX = '/docs';

/** Where `ordermock serve` listens by default: the mock a reader of the static build runs. */
export const STATIC_MOCK_ORIGIN = 'http://localhost:4010';

/** Each API under `/<api>` unless it is the only one served (as `apiPrefix` in src/http/options.ts); the admin API at the root. */
const mountPath = (name: SpecName, apiCount: number): string => (name === 'admin' || apiCount === 1 ? '' : `/${name}`);

/**
 * Links of the site the mock serves under `/docs`. The console's server is a path that the page
 * resolves against its own origin: the mock serving the docs.
 */
export const SERVED_LINKS: DocsLinks = {
  index: DOCS_PREFIX,
  page: (name) => `${DOCS_PREFIX}/${name}`,
  asset: (file) => `${DOCS_PREFIX}/assets/${file}`,
  mockServer: (name, apiCount) => mountPath(name, apiCount) || '/',
  inspector: '/__mock/ui',
};

/**
 * Links of the static build: relative, so the folder works from any host or straight from disk;
 * the console sends to a mock the reader runs with `npm start`.
 */
export const STATIC_LINKS: DocsLinks = {
  index: 'index.html',
  page: (name) => `${name}.html`,
  asset: (file) => `assets/${file}`,
  mockServer: (name) => STATIC_MOCK_ORIGIN + mountPath(name, API_NAMES.length),
  inspector: `${STATIC_MOCK_ORIGIN}/__mock/ui`,
};

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

/** The APIs' specs (in the given order) followed by the admin API's. */
export const docsSpecs = (apis: readonly ApiName[]): DocsSpec[] =>
  [...apis, 'admin' as const].map((name: SpecName) => ({ name, doc: loadSpec(name) }));

/** Renders every page of the docs site; the mock and `npm run docs` both serve this output. */
export function buildDocsSite(specs: DocsSpec[], links: DocsLinks): DocsSite {
  const site: DocsSite = new Map();
  site.set('index.html', { contentType: HTML, body: renderIndexPage(specs, links) });
  for (const spec of specs) site.set(`${spec.name}.html`, { contentType: HTML, body: renderApiPage(spec, specs, links) });
  site.set('assets/docs.css', { contentType: 'text/css; charset=utf-8', body: DOCS_CSS });
  site.set('assets/docs.js', { contentType: JS, body: DOCS_JS });
  for (const asset of consoleAssets()) site.set(`assets/${asset.file}`, { contentType: asset.contentType, body: asset.body });
  return site;
}

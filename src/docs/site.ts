import { loadSpec, type ApiName, type SpecName } from '../spec/load.js';
import { DOCS_CSS, DOCS_JS } from './assets.js';
import { renderApiPage, renderIndexPage, type DocsLinks, type DocsSpec } from './pages.js';
import { offlineRedocBundle } from './redoc-bundle.js';

export type DocsFile = { contentType: string; body: string };

/** The docs site as files, keyed by their path in the static build (`index.html`, `assets/…`). */
export type DocsSite = Map<string, DocsFile>;

export const DOCS_PREFIX = '/docs';

/** Links of the site the mock serves under `/docs`. */
export const SERVED_LINKS: DocsLinks = {
  index: DOCS_PREFIX,
  page: (name) => `${DOCS_PREFIX}/${name}`,
  asset: (file) => `${DOCS_PREFIX}/assets/${file}`,
};

/** Links of the static build: relative, so the folder works from any host or straight from disk. */
export const STATIC_LINKS: DocsLinks = {
  index: 'index.html',
  page: (name) => `${name}.html`,
  asset: (file) => `assets/${file}`,
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
  site.set('assets/redoc.standalone.js', { contentType: JS, body: offlineRedocBundle() });
  return site;
}

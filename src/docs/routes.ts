import type { PlainReply } from '../http/exchange.js';
import type { CoreRoute } from '../http/routed.js';
import type { ApiName } from '../spec/load.js';
import { buildDocsSite, docsSpecs, DOCS_PREFIX, SERVED_LINKS, type DocsSite } from './site.js';

/** GET routes for `/docs`, `/docs/<api>` and `/docs/assets/<file>`; the site renders on first visit. */
export function docsRoutes(apis: readonly ApiName[]): CoreRoute[] {
  let site: DocsSite | undefined;
  const send = (key: string): PlainReply => {
    site ??= buildDocsSite(docsSpecs(apis), SERVED_LINKS);
    const file = site.get(key);
    if (!file) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `No docs page here. The docs start at ${DOCS_PREFIX}.` };
    return { status: 200, headers: { 'content-type': file.contentType, 'cache-control': 'no-cache' }, body: file.body };
  };
  return [
    { method: 'GET', path: DOCS_PREFIX, handle: () => send('index.html') },
    { method: 'GET', path: `${DOCS_PREFIX}/assets/:file`, handle: ({ params }) => send(`assets/${params.file}`) },
    { method: 'GET', path: `${DOCS_PREFIX}/:page`, handle: ({ params }) => send(params.page === 'index.html' ? 'index.html' : `${params.page}.html`) },
  ];
}

import { headerOf, type PlainReply } from '../http/exchange.js';
import type { CoreRoute, RoutedRequest } from '../http/routed.js';
import type { ApiName } from '../spec/load.js';
import { entityTag, matchesIfNoneMatch } from './revalidation.js';
import { buildDocsSite, docsSpecs, DOCS_PREFIX, SERVED_LINKS } from './site.js';

/**
 * GET routes for `/docs`, `/docs/<api>` and `/docs/assets/<file>`; the site renders on first
 * visit. Each file carries an ETag and `no-cache`: a browser that has it gets a 304 (revalidation.ts).
 */
export function docsRoutes(apis: readonly ApiName[]): CoreRoute[] {
  // Bodies kept as bytes: the 1.7 MB console bundle is not encoded again for every request.
  let site: Map<string, { contentType: string; body: Uint8Array; etag: string }> | undefined;
  const send = ({ req }: RoutedRequest, key: string): PlainReply => {
    site ??= new Map([...buildDocsSite(docsSpecs(apis), SERVED_LINKS)].map(([path, file]) => [path, { contentType: file.contentType, body: Buffer.from(file.body), etag: entityTag(file.body) }]));
    const file = site.get(key);
    if (!file) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `No docs page here. The docs start at ${DOCS_PREFIX}.` };
    const headers = { 'cache-control': 'no-cache', etag: file.etag };
    if (matchesIfNoneMatch(headerOf(req, 'if-none-match'), file.etag)) return { status: 304, headers };
    return { status: 200, headers: { 'content-type': file.contentType, ...headers }, body: file.body };
  };
  return [
    { method: 'GET', path: DOCS_PREFIX, handle: (routed) => send(routed, 'index.html') },
    { method: 'GET', path: `${DOCS_PREFIX}/assets/:file`, handle: (routed) => send(routed, `assets/${routed.params.file}`) },
    { method: 'GET', path: `${DOCS_PREFIX}/:page`, handle: (routed) => send(routed, routed.params.page === 'index.html' ? 'index.html' : `${routed.params.page}.html`) },
  ];
}

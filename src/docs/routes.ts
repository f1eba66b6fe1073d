import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiName } from '../spec/load.js';
import { buildDocsSite, docsSpecs, DOCS_PREFIX, SERVED_LINKS, type DocsSite } from './site.js';

type Req = IncomingMessage & { params: Record<string, string> };
export type DocsRoute = { path: string; handle: (req: Req, res: ServerResponse) => void };

/** GET routes for `/docs`, `/docs/<api>` and `/docs/assets/<file>`; the site renders on first visit. */
export function docsRoutes(apis: readonly ApiName[]): DocsRoute[] {
  let site: DocsSite | undefined;
  const send = (res: ServerResponse, key: string) => {
    site ??= buildDocsSite(docsSpecs(apis), SERVED_LINKS);
    const file = site.get(key);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`No docs page here. The docs start at ${DOCS_PREFIX}.`);
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-cache' });
    res.end(file.body);
  };
  return [
    { path: DOCS_PREFIX, handle: (_req, res) => send(res, 'index.html') },
    { path: `${DOCS_PREFIX}/assets/:file`, handle: (req, res) => send(res, `assets/${req.params.file}`) },
    { path: `${DOCS_PREFIX}/:page`, handle: (req, res) => send(res, req.params.page === 'index.html' ? 'index.html' : `${req.params.page}.html`) },
  ];
}

import type * as DocsRoutes from './routes.js';

/** What the browser bundle has instead of routes.ts: the docs (Swagger UI, read from disk) are the Node server's. */
export const docsRoutes: typeof DocsRoutes.docsRoutes = () => [];

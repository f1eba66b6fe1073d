import type * as InspectorRoutes from './routes.js';

/** What the browser bundle has instead of routes.ts: the inspector page (its script read from disk) is the Node server's. */
export const inspectorRoutes: typeof InspectorRoutes.inspectorRoutes = () => [];

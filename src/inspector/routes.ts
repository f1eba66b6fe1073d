import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { checkAdminAccess } from '../http/admin.js';
import type { MockOptions } from '../http/options.js';
import { packageRoot } from '../spec/load.js';
import { inspectorPage, INSPECTOR_PATH } from './page.js';
import { INSPECTOR_CSS } from './styles.js';

/** Bundled from src/inspector/browser/ by `npm run build` (esbuild), shipped in the package's dist. */
export const INSPECTOR_SCRIPT = join(packageRoot, 'dist', 'inspector', 'inspector.js');

type Req = IncomingMessage & { query: Record<string, string | string[] | undefined> };
type Answer = { type: string; body: string; status?: number };
export type InspectorRoute = { path: string; handle: (req: Req, res: ServerResponse) => void };

function send(res: ServerResponse, { status = 200, type, body }: Answer) {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' });
  res.end(body);
}

function readScript(): Answer {
  try {
    return { type: 'text/javascript', body: readFileSync(INSPECTOR_SCRIPT, 'utf8') };
  } catch {
    return { status: 500, type: 'text/plain', body: `The inspector's script is not built (${INSPECTOR_SCRIPT}): run npm run build.` };
  }
}

/**
 * GET routes for the inspector page at /__mock/ui and its two assets, answered to whoever may use
 * the admin API. A browser cannot add a header to a page load, so the admin token may also come
 * as `?admin_token=`; the page passes it on to its assets and sends it as the header itself.
 */
export function inspectorRoutes(options: MockOptions): InspectorRoute[] {
  // Rendered on first visit, not at start-up (the diagrams' layout is work most runs never need).
  let page: ReturnType<typeof inspectorPage> | undefined;
  const guarded = (answer: (adminToken: string | undefined) => Answer) => (req: Req, res: ServerResponse) => {
    const queryToken = typeof req.query.admin_token === 'string' ? req.query.admin_token : undefined;
    const denied = options.adminToken !== undefined && queryToken === options.adminToken ? null : checkAdminAccess(req, options);
    if (denied) {
      const { message } = (denied.body as { error: { message: string } }).error;
      return send(res, { status: denied.status, type: 'text/plain', body: `${message}. The inspector takes the admin token as ${INSPECTOR_PATH}?admin_token=<token>.` });
    }
    send(res, answer(queryToken));
  };
  return [
    { path: INSPECTOR_PATH, handle: guarded((adminToken) => ({ type: 'text/html', body: (page ??= inspectorPage(options))(adminToken ? `?admin_token=${encodeURIComponent(adminToken)}` : '') })) },
    { path: `${INSPECTOR_PATH}/inspector.css`, handle: guarded(() => ({ type: 'text/css', body: INSPECTOR_CSS })) },
    // Read on every load (a page load, not the hot path): a rebuild shows without a restart.
    { path: `${INSPECTOR_PATH}/inspector.js`, handle: guarded(readScript) },
  ];
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAdminAccess } from '../http/admin.js';
import type { PlainReply } from '../http/exchange.js';
import type { MockOptions } from '../http/options.js';
import { parseQuery, type CoreRoute, type RoutedRequest } from '../http/routed.js';
import { packageRoot } from '../spec/package-files.js';
import { inspectorPage, INSPECTOR_PATH } from './page.js';
import { INSPECTOR_CSS } from './styles.js';

/** Bundled from src/inspector/browser/ by `npm run build` (esbuild), shipped in the package's dist. */
export const INSPECTOR_SCRIPT = join(packageRoot, 'dist', 'inspector', 'inspector.js');

type Answer = { type: string; body: string; status?: number };

const reply = ({ status = 200, type, body }: Answer): PlainReply => ({ status, headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache' }, body });

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
export function inspectorRoutes(options: MockOptions): CoreRoute[] {
  // Rendered on first visit, not at start-up (the diagrams' layout is work most runs never need).
  let page: ReturnType<typeof inspectorPage> | undefined;
  const guarded = (answer: (adminToken: string | undefined) => Answer) => ({ req, search }: RoutedRequest): PlainReply => {
    const queryToken = parseQuery(search).admin_token;
    const adminToken = typeof queryToken === 'string' ? queryToken : undefined;
    const denied = options.adminToken !== undefined && adminToken === options.adminToken ? null : checkAdminAccess(req, options);
    if (denied) {
      const { message } = (denied.body as { error: { message: string } }).error;
      return reply({ status: denied.status, type: 'text/plain', body: `${message}. The inspector takes the admin token as ${INSPECTOR_PATH}?admin_token=<token>.` });
    }
    return reply(answer(adminToken));
  };
  return [
    { method: 'GET', path: INSPECTOR_PATH, handle: guarded((adminToken) => ({ type: 'text/html', body: (page ??= inspectorPage(options))(adminToken ? `?admin_token=${encodeURIComponent(adminToken)}` : '') })) },
    { method: 'GET', path: `${INSPECTOR_PATH}/inspector.css`, handle: guarded(() => ({ type: 'text/css', body: INSPECTOR_CSS })) },
    // Read on every load (a page load, not the hot path): a rebuild shows without a restart.
    { method: 'GET', path: `${INSPECTOR_PATH}/inspector.js`, handle: guarded(readScript) },
  ];
}

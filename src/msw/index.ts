/**
 * ordermock behind MSW 2 handlers: `setupServer(...handlers)` in Node, `setupWorker(...handlers)`
 * in a browser. Each API is intercepted at its production URL, so the app under test needs no
 * configuration; the state lives in `mock`, the same object `createMock` returns.
 */
import { http, type HttpHandler } from 'msw';
import { createMock, type CreateMockOptions, type Mock } from '../mock.js';
import { apiPrefix } from '../http/options.js';
import { plainRequestOf, responseOf } from '../http/fetch-adapter.js';
import { loadSpec, type ApiName } from '../spec/load.js';

export type HandlersOptions = CreateMockOptions & {
  /**
   * Where each API is intercepted; by default its spec's first `servers` URL
   * (`https://api.dirtylemon.com`, `http://nexaas-estoka-production.herokuapp.com`,
   * `https://api.sfox.com`, and RetailOPS's example integrator `https://yoursite.com`).
   * A URL with a path (`http://localhost:5173/api/sfox`) intercepts only below that path.
   */
  baseUrls?: Partial<Record<ApiName, string>>;
};

/** The URL an API is intercepted at: the override, else its spec's first server. */
export const interceptedBaseUrl = (api: ApiName, baseUrls: HandlersOptions['baseUrls'] = {}): string => baseUrls[api] ?? loadSpec(api).servers![0]!.url;

/**
 * One handler per API served. Every path under an API's base URL belongs to the mock: a path the
 * spec does not have gets the API's own 404 body, never a pass-through to the real service.
 */
export function createHandlers(options: HandlersOptions = {}): { handlers: HttpHandler[]; mock: Mock } {
  const { baseUrls, ...mockOptions } = options;
  const mock = createMock(mockOptions);
  const handlers = mock.options.apis.map((api) => {
    const base = new URL(interceptedBaseUrl(api, baseUrls));
    const basePath = base.pathname.replace(/\/$/, '');
    const prefix = apiPrefix(mock.options, api);
    return http.all(`${base.origin}${basePath}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.slice(basePath.length) || '/';
      const reply = await mock.handle(plainRequestOf(request, prefix + path + url.search));
      return responseOf(reply, request.method);
    });
  });
  return { handlers, mock };
}

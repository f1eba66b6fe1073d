import type { PlainReply, PlainRequest } from './exchange.js';

/** A request once the router has matched it: the path split from the query, params decoded. */
export type RoutedRequest = {
  req: PlainRequest;
  path: string;
  /** The raw query string without `?` ('' when there is none). */
  search: string;
  params: Record<string, string>;
};

export type CoreRoute = { method: string; path: string; handle: (routed: RoutedRequest) => Promise<PlainReply> | PlainReply };

const NO_QUERY: Record<string, string | string[]> = Object.freeze({}) as Record<string, string | string[]>;

/** Query parameters by name; a repeated name gives an array, as node's querystring did. */
export function parseQuery(search: string): Record<string, string | string[]> {
  if (!search) return NO_QUERY;
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = query[key];
    query[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

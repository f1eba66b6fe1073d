import { parse } from 'regexparam';

type PathRoute<H> = { pattern: RegExp; keys: string[]; methods: Map<string, H> };

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  /** The path exists, but not with this method: what a 405 needs to name in `Allow`. */
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' };

/**
 * Routes by path first, then method, so a known path with a wrong method is told apart from an
 * unknown path. Paths are bucketed by their first segment: a request scans only its API's routes.
 * HEAD is answered by the GET handler (the transport leaves the body out).
 */
export function createRouter<H>() {
  const buckets = new Map<string, PathRoute<H>[]>();
  const firstSegment = (path: string) => {
    const end = path.indexOf('/', 1);
    return end === -1 ? path : path.slice(0, end);
  };
  const bucketOf = (route: string) => (route.startsWith('/:') || route === '/' ? '' : firstSegment(route));

  return {
    add(method: string, route: string, handler: H): void {
      const key = bucketOf(route);
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = []));
      const { pattern, keys } = parse(route);
      let entry = bucket.find((r) => r.pattern.source === pattern.source);
      if (!entry) bucket.push((entry = { pattern, keys, methods: new Map() }));
      if (!entry.methods.has(method)) entry.methods.set(method, handler);
    },

    match(method: string, path: string): RouteMatch<H> {
      let allow: string[] | null = null;
      for (const bucket of [buckets.get(firstSegment(path)), buckets.get('')]) {
        if (!bucket) continue;
        for (const route of bucket) {
          const found = route.pattern.exec(path);
          if (!found) continue;
          const handler = route.methods.get(method) ?? (method === 'HEAD' ? route.methods.get('GET') : undefined);
          if (handler) return { kind: 'found', handler, params: paramsOf(route.keys, found, path) };
          allow ??= [];
          for (const m of route.methods.keys()) if (!allow.includes(m)) allow.push(m);
        }
      }
      if (!allow) return { kind: 'none' };
      if (allow.includes('GET') && !allow.includes('HEAD')) allow.push('HEAD');
      return { kind: 'method', allow };
    },
  };
}

function paramsOf(keys: string[], found: RegExpExecArray, path: string): Record<string, string> {
  const params: Record<string, string> = {};
  // Only a path with an escape needs decoding; a malformed escape stays as sent (polka did the same).
  const encoded = path.includes('%');
  for (let i = 0; i < keys.length; i++) {
    const raw = found[i + 1]!;
    let value = raw;
    if (encoded) {
      try {
        value = decodeURIComponent(raw);
      } catch {
        /* keep raw */
      }
    }
    params[keys[i]!] = value;
  }
  return params;
}

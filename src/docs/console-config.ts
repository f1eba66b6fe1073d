import type { OpenApiDoc } from '../spec/load.js';

/** What the page's script needs to point the console at the mock and send the reader's token. */
export type ConsoleConfig = {
  /**
   * Where the reader's token goes: the security scheme that carries the tenant token and the value
   * it takes (`<token>` stands for the token), or, for a spec with no such scheme (the admin API),
   * a plain `Authorization` header.
   */
  credential: { scheme: string; template: string } | { header: 'Authorization'; template: string };
  /** The inspector page; the script adds `?token=…`. */
  inspector: string;
};

type SecurityScheme = { type?: string; scheme?: string; in?: string; name?: string; description?: string };

const TOKEN = '<token>';

/** Whether a server is a mock on this machine (the specs list `http://localhost:4010/<api>`). */
const isLocalServer = (url: string): boolean => /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(url);

/**
 * The spec's `servers` with `mock` first, so the console sends to it by default; the spec's own
 * local-mock entry gives way to it and the real hosts stay listed after it.
 */
export function mockFirstServers(doc: OpenApiDoc, mock: string): { url: string; description?: string }[] {
  const servers = (doc.servers ?? []) as { url: string; description?: string }[];
  const local = servers.find((s) => isLocalServer(s.url));
  return [{ url: mock, description: local?.description ?? 'ordermock (local mock)' }, ...servers.filter((s) => s !== local)];
}

/**
 * The security scheme that puts the tenant token in the `Authorization` header, and the value a
 * token becomes there. A bearer scheme takes the bare token (the console adds `Bearer `); an
 * `apiKey` scheme on that header takes the form its description quotes (Estoka: `Token token=<token>`).
 */
export function tenantCredential(doc: OpenApiDoc): ConsoleConfig['credential'] {
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, SecurityScheme>;
  for (const [name, scheme] of Object.entries(schemes)) {
    if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') return { scheme: name, template: TOKEN };
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name?.toLowerCase() === 'authorization') {
      const quoted = [...(scheme.description ?? '').matchAll(/`([^`]*)`/g)].map((m) => m[1]!).find((text) => text.includes(TOKEN));
      return { scheme: name, template: quoted ?? TOKEN };
    }
  }
  // The admin API reads the tenant from `Authorization` in any API's form (admin.yaml, "Tenants")
  // without declaring a scheme for it: the console adds the header itself.
  return { header: 'Authorization', template: `Bearer ${TOKEN}` };
}

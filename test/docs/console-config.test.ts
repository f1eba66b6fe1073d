import { describe, expect, it } from 'vitest';
import { railsToken } from '../../src/apis/auth.js';
import { mockFirstServers, tenantCredential } from '../../src/docs/console-config.js';
import { renderApiPage } from '../../src/docs/pages.js';
import { docsSpecs, SERVED_LINKS, STATIC_LINKS } from '../../src/docs/site.js';
import { API_NAMES, loadSpec, type OpenApiDoc } from '../../src/spec/load.js';

const embedded = (html: string, id: string) => JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]!);

describe('the console configuration', () => {
  it('puts the mock first in servers, keeps the real hosts after it, and drops the spec own localhost entry', () => {
    const doc = loadSpec('sfox');
    expect(mockFirstServers(doc, '/sfox')).toEqual([
      { url: '/sfox', description: 'ordermock (local mock)' },
      { url: 'https://api.sfox.com', description: 'sFOX production' },
    ]);
    expect(mockFirstServers(loadSpec('admin'), 'http://localhost:4010')).toEqual([{ url: 'http://localhost:4010', description: 'ordermock' }]);
  });

  it('served pages send to the serving mock (a path the page resolves), the static build to localhost:4010', () => {
    const specs = docsSpecs(API_NAMES);
    const servers = (links: typeof SERVED_LINKS, name: (typeof specs)[number]['name'], list = specs) =>
      embedded(renderApiPage(list.find((s) => s.name === name)!, list, links), 'openapi-spec').servers[0].url;
    expect(servers(SERVED_LINKS, 'dirtylemon')).toBe('/dirtylemon');
    expect(servers(SERVED_LINKS, 'admin')).toBe('/');
    expect(servers(STATIC_LINKS, 'estoka')).toBe('http://localhost:4010/estoka');
    expect(servers(STATIC_LINKS, 'admin')).toBe('http://localhost:4010');
    // `ordermock serve --api sfox` serves the one API at the root.
    expect(servers(SERVED_LINKS, 'sfox', docsSpecs(['sfox']))).toBe('/');
  });

  it('reads from each spec where the token goes and in which form', () => {
    expect(tenantCredential(loadSpec('dirtylemon'))).toEqual({ scheme: 'bearerAuth', template: '<token>' });
    expect(tenantCredential(loadSpec('sfox'))).toEqual({ scheme: 'bearerAuth', template: '<token>' });
    expect(tenantCredential(loadSpec('retailops'))).toEqual({ scheme: 'bearerAuth', template: '<token>' });
    const estoka = tenantCredential(loadSpec('estoka'));
    expect(estoka).toEqual({ scheme: 'tokenAuth', template: 'Token token=<token>' });
    expect(railsToken(estoka.template.replace('<token>', 'abc'))).toBe('abc');
    // The admin API declares no scheme for the tenant header: the page sends it itself.
    expect(tenantCredential(loadSpec('admin'))).toEqual({ header: 'Authorization', template: 'Bearer <token>' });
  });

  it('an apiKey scheme on Authorization whose description quotes no form takes the bare token', () => {
    const doc = { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'authorization', description: 'Any `value`.' } } } } as unknown as OpenApiDoc;
    expect(tenantCredential(doc)).toEqual({ scheme: 'key', template: '<token>' });
  });

  it('links the inspector on the mock that serves the page, or on localhost:4010 from the static build', () => {
    const specs = docsSpecs(API_NAMES);
    const config = (links: typeof SERVED_LINKS) => embedded(renderApiPage(specs[0]!, specs, links), 'console-config').inspector;
    expect(config(SERVED_LINKS)).toBe('/__mock/ui');
    expect(config(STATIC_LINKS)).toBe('http://localhost:4010/__mock/ui');
  });
});

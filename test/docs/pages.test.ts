import { describe, expect, it } from 'vitest';
import { displaySpecAs30 } from '../../src/docs/display-spec.js';
import { oneLineSummary, renderApiPage, shortTitle } from '../../src/docs/pages.js';
import { buildDocsSite, docsSpecs, SERVED_LINKS, STATIC_LINKS } from '../../src/docs/site.js';
import { API_NAMES, loadSpec, type OpenApiDoc } from '../../src/spec/load.js';

const specs = docsSpecs(API_NAMES);

describe('docs pages', () => {
  it('embed the spec (its 3.0 display copy) intact, even text that would close a script element', () => {
    const doc: OpenApiDoc = structuredClone(loadSpec('sfox'));
    doc.info.description = 'Beware </script><script>alert(1)</script> and \u2028 separators.';
    const html = renderApiPage({ name: 'sfox', doc }, specs, STATIC_LINKS);
    expect(html.match(/<\/script>/g)).toHaveLength(4); // the two data blocks and the two script tags
    const json = /<script type="application\/json" id="openapi-spec">(.*?)<\/script>/s.exec(html)![1]!;
    const { servers, ...rest } = JSON.parse(json);
    const { servers: _, ...original } = displaySpecAs30(doc);
    expect(rest).toEqual(original);
    expect(rest.info.description).toContain(doc.info.description);
  });

  it('the static build links only relatively (and to the local mock), so it opens from disk; the mock links under /docs', () => {
    const site = buildDocsSite(specs, STATIC_LINKS);
    expect([...site.keys()].sort()).toEqual([
      'admin.html',
      'assets/docs.css',
      'assets/docs.js',
      'assets/swagger-ui-bundle.js',
      'assets/swagger-ui.css',
      'dirtylemon.html',
      'estoka.html',
      'index.html',
      'retailops.html',
      'sfox.html',
    ]);
    for (const [path, file] of site) {
      if (!path.endsWith('.html')) continue;
      const refs = [...file.body.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
      // The one absolute link is the inspector of the mock the reader runs (`npm start`).
      expect(refs.filter((ref) => !/^(data:|[a-z]+\.html$|assets\/[\w.-]+$|http:\/\/localhost:4010\/__mock\/ui$)/.test(ref)), path).toEqual([]);
    }
    expect(buildDocsSite(specs, SERVED_LINKS).get('index.html')!.body).toContain('href="/docs/estoka"');
  });

  it('serves Swagger UI from the package, with no source-map comment and nothing that fetches at load', () => {
    const site = buildDocsSite(specs, STATIC_LINKS);
    const bundle = site.get('assets/swagger-ui-bundle.js')!.body;
    const css = site.get('assets/swagger-ui.css')!.body;
    expect(bundle).toContain('SwaggerUIBundle');
    for (const text of [bundle, css]) expect(text).not.toMatch(/sourceMappingURL/);
    expect(css).not.toMatch(/@import|@font-face|url\((?!"?data:)/);
    // The page turns the one default that would reach a third party, the validator badge, off.
    expect(site.get('assets/docs.js')!.body).toContain('validatorUrl: null');
  });

  it('summarises a spec in one line and names it briefly', () => {
    const doc = { ...loadSpec('sfox'), info: { title: 'sFOX API — Cancel Order', version: '1', description: '[sFOX](https://x.test) is a **dealer**. More.\n\nLater.' } };
    expect(oneLineSummary(doc)).toBe('sFOX is a dealer.');
    expect(oneLineSummary({ ...doc, info: { ...doc.info, summary: 'Given.' } as OpenApiDoc['info'] })).toBe('Given.');
    expect(shortTitle(doc)).toBe('sFOX API');
    expect(shortTitle({ ...doc, info: { ...doc.info, title: 'Nexaas Estoka API (v1) — pedidos' } })).toBe('Nexaas Estoka API');
  });
});

// The docs site's own static assets, kept as strings so the compiled package needs no copy step.

/** Fonts are system stacks: Redoc's defaults name web fonts the page must not fetch. */
const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
const MONO = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

/** Redoc options (https://redocly.com/docs/redoc/config): the spec is embedded, nothing is fetched. */
export const REDOC_OPTIONS = {
  expandResponses: '200,201',
  jsonSampleExpandLevel: 3,
  hideHostname: false,
  pathInMiddlePanel: true,
  theme: {
    typography: { fontFamily: SANS, headings: { fontFamily: SANS }, code: { fontFamily: MONO } },
  },
};

export const DOCS_CSS = `
:root { color-scheme: light; }
body { margin: 0; font-family: ${SANS}; color: #1f2933; background: #fff; }
.docs-top { display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: baseline; padding: 10px 24px; border-bottom: 1px solid #e4e7eb; background: #f8fafc; font-size: 14px; }
.docs-top a { color: #1d4ed8; text-decoration: none; }
.docs-top a[aria-current="page"] { color: #1f2933; font-weight: 700; }
.docs-top .brand { font-weight: 700; color: #1f2933; margin-right: 8px; }
main.docs-index { max-width: 980px; margin: 0 auto; padding: 24px; }
.docs-index h1 { font-size: 28px; margin: 8px 0 4px; }
.docs-index table { border-collapse: collapse; width: 100%; margin-top: 20px; }
.docs-index th, .docs-index td { text-align: left; vertical-align: top; padding: 10px 12px; border-bottom: 1px solid #e4e7eb; font-size: 14px; }
.docs-index td.count { white-space: nowrap; }
.docs-index td a { font-weight: 700; color: #1d4ed8; }
.docs-index code, .lifecycle code { font-family: ${MONO}; font-size: 13px; }
section.lifecycle { padding: 16px 24px 8px; border-bottom: 1px solid #e4e7eb; }
.lifecycle h2 { font-size: 20px; margin: 0 0 4px; }
.lifecycle p { margin: 4px 0 10px; font-size: 14px; max-width: 980px; }
.lifecycle .diagram { overflow-x: auto; }
.lifecycle .diagram svg { max-width: none; }
.lifecycle ul.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0; font-size: 13px; color: #52606d; }
/* Redoc clips the endpoint path to one line-box; with a taller monospace font that cut off underscores. */
#redoc button > span { line-height: 1.4; }
.legend .swatch { display: inline-block; width: 18px; height: 10px; margin-right: 6px; border-radius: 3px; vertical-align: middle; }
`;

/** Renders the embedded spec with Redoc and marks the body when done, for readers and tests. */
export const DOCS_JS = `
(function () {
  var spec = JSON.parse(document.getElementById('openapi-spec').textContent);
  var options = JSON.parse(document.getElementById('redoc-options').textContent);
  Redoc.init(spec, options, document.getElementById('redoc'), function (error) {
    document.body.setAttribute('data-redoc', error ? 'error' : 'ready');
    if (error) console.error('Redoc could not render the spec', error);
  });
})();
`;

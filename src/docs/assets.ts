// The docs site's own static assets, kept as strings so the compiled package needs no copy step.

/** Fonts are system stacks: nothing on the page may fetch a web font. */
const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
const MONO = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';

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
.legend .swatch { display: inline-block; width: 18px; height: 10px; margin-right: 6px; border-radius: 3px; vertical-align: middle; }
section.try-it { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; padding: 8px 24px; background: #eff6ff; border-bottom: 1px solid #bfdbfe; font-size: 14px; }
.try-it label { font-weight: 700; }
.try-it input { font-family: ${MONO}; font-size: 13px; width: 22em; padding: 4px 6px; border: 1px solid #93c5fd; border-radius: 4px; }
.try-it button { font: inherit; padding: 3px 10px; border: 1px solid #93c5fd; border-radius: 4px; background: #fff; cursor: pointer; }
.try-it a { color: #1d4ed8; font-weight: 700; }
.try-hint { margin: 12px 24px 6px; font-size: 14px; color: #52606d; max-width: 980px; }
`;

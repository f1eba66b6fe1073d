// Why the console bundle is unwrapped. Swagger UI's `swagger-ui-bundle.js` is webpack's UMD build:
// all 1.7 MB sit inside a factory arrow function, inside an arrow it calls at once. With DevTools
// attached (a developer's open DevTools, Playwright, any CDP client that enables `Runtime`), V8
// records a detailed stack trace for every error created, even a caught one — and the bundle's
// feature checks throw a few while it loads. A stack frame's line needs its function's source
// positions, which V8 builds lazily by parsing that function again: each 1.7 MB wrapper on the
// stack cost 0.4-0.5 s of main-thread time on a first visit (Chromium trace: V8.CollectSourcePositions
// inside EvaluateScript). Running the wrappers' body as the script's own top-level code leaves one
// reparse where there were three. Without DevTools nothing changes: same code, same order.

/** `!function webpackUniversalModuleDefinition(a,b){…}(this,(()=>(()=>{` after the licence comment. */
const UMD_HEAD = /^(\/\*![^\n]*\*\/\n)?!function webpackUniversalModuleDefinition\(\w+,\w+\)\{[^{}]*\}\(this,\(\(\)=>\(\(\)=>\{/;

/**
 * The inner arrow's last statements: the exports object, then the entry module (its own strict
 * arrow function), whose default export the factory returns: `var i={};return(()=>{"use strict";
 * __webpack_require__.d(i,{…});…})(),i=i.default})()));`.
 */
const ENTRY = /var (\w+)=\{\};return(\(\(\)=>\{"use strict";__webpack_require__\.d\(\1,)/g;

/**
 * Swagger UI's UMD bundle with its two wrapper functions taken away: the webpack runtime and module
 * table become the script's top level and the entry module's default export `SwaggerUIBundle`, the
 * global the UMD wrapper sets in a browser. Returns undefined for a bundle of another shape (a
 * swagger-ui-dist release built differently): the caller then serves it unchanged.
 */
export function unwrapUmdBundle(bundle: string): string | undefined {
  const head = UMD_HEAD.exec(bundle);
  const entries = [...bundle.matchAll(ENTRY)];
  if (!head || entries.length !== 1) return undefined;
  const [entry] = entries as [RegExpExecArray];
  const exportsName = entry[1]!;
  const tail = `,${exportsName}=${exportsName}.default})()));`;
  const end = bundle.trimEnd();
  if (!end.endsWith(tail)) return undefined;
  const licence = head[1] ?? '';
  const runtime = bundle.slice(head[0].length, entry.index);
  const main = end.slice(entry.index + `var ${exportsName}={};return`.length, end.length - tail.length);
  // The wrappers ran sloppy, with `this` the window: so does a classic script's top level.
  return `${licence}${runtime}var ${exportsName}={};\nvar SwaggerUIBundle=(${main},${exportsName}.default);\n`;
}

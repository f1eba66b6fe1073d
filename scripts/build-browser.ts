/**
 * Bundles the engine for browsers (`npm run build` runs this after tsc): `dist/browser/index.js`
 * (`ordermock`) and `dist/browser/msw.js` (`ordermock/msw`, MSW itself left to the app), which
 * package.json's `browser` export condition hands to bundlers. The specs are parsed here and
 * inlined, and the few Node-only modules are swapped for their browser counterparts; the build
 * fails if a Node built-in (or the YAML parser, or Swagger UI) still reaches the bundle.
 */
import { builtinModules } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { API_NAMES, loadSpec, packageVersion, type SpecName } from '../src/spec/load.js';
import { packageRoot } from '../src/spec/package-files.js';

const OUT_DIR = join(packageRoot, 'dist', 'browser');

/** Node-only module → the module the browser bundle uses instead (same exports, type-checked). */
const BROWSER_SWAPS: Record<string, string> = {
  'src/spec/package-files.ts': 'src/spec/embedded-files.ts',
  'src/http/node-server.ts': 'src/http/no-server.ts',
  'src/docs/routes.ts': 'src/docs/no-routes.ts',
  'src/inspector/routes.ts': 'src/inspector/no-routes.ts',
};

const swapNodeModules: Plugin = {
  name: 'ordermock-browser-swaps',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      const source = relative(packageRoot, join(args.resolveDir, args.path.replace(/\.js$/, '.ts')));
      const swap = BROWSER_SWAPS[source];
      return swap ? { path: join(packageRoot, swap) } : undefined;
    });
  },
};

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
/** Packages that only the Node side may use: the YAML parser (specs come pre-parsed) and Swagger UI (docs). */
const NODE_ONLY_PACKAGES = ['node_modules/yaml/', 'node_modules/swagger-ui-dist/'];

/** What must never reach a browser bundle, from esbuild's record of every input and import. */
export function nodeOnlyInputs(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (NODE_ONLY_PACKAGES.some((pkg) => input.includes(pkg))) found.add(input);
    for (const imported of imports) if (NODE_BUILTINS.has(imported.path)) found.add(`${imported.path} (imported by ${input})`);
  }
  return [...found];
}

const embedded = {
  version: packageVersion(),
  specs: Object.fromEntries((['admin', ...API_NAMES] as SpecName[]).map((name) => [name, loadSpec(name)])),
};

const result = await build({
  entryPoints: { index: join(packageRoot, 'src/index.ts'), msw: join(packageRoot, 'src/msw/index.ts') },
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  external: ['msw'],
  define: { __ORDERMOCK_EMBEDDED__: JSON.stringify(embedded) },
  plugins: [swapNodeModules],
  metafile: true,
  logLevel: 'warning',
});

const leaked = nodeOnlyInputs(result.metafile);
if (leaked.length) {
  console.error(`build-browser: Node-only code reached the browser bundle:\n  ${leaked.join('\n  ')}`);
  process.exit(1);
}

// The engine as a browser downloads it: every JavaScript file of the bundle, gzipped one by one.
const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(packageRoot, file))).byteLength, 0);
writeFileSync(join(OUT_DIR, 'size.json'), `${JSON.stringify({ files: files.map((f) => relative(OUT_DIR, join(packageRoot, f))), gzip_bytes: gzipBytes }, null, 2)}\n`);
console.log(`build-browser: ${files.length} files in ${relative(packageRoot, OUT_DIR)}/, ${(gzipBytes / 1024).toFixed(0)} KB gzipped (MSW not included)`);

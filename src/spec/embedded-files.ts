import type * as PackageFiles from './package-files.js';
import type { OpenApiDoc, SpecName } from './load.js';

/**
 * What the browser bundle reads instead of package-files.ts: the specs, parsed at build time and
 * inlined by esbuild's `define` (scripts/build-browser.ts), so the browser needs neither fs nor a
 * YAML parser.
 */
declare const __ORDERMOCK_EMBEDDED__: { version: string; specs: Record<SpecName, OpenApiDoc> };

export const readSpecDocument: typeof PackageFiles.readSpecDocument = (name) => __ORDERMOCK_EMBEDDED__.specs[name];

export const readPackageVersion: typeof PackageFiles.readPackageVersion = () => __ORDERMOCK_EMBEDDED__.version;

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSpecText } from './parsed-cache.js';
import type { OpenApiDoc, SpecName } from './load.js';

// Node only: the browser bundle replaces this module with embedded-files.ts (scripts/build-browser.ts).

/** The package root, found from this file whether it runs from src/ (tsx, vitest) or dist/. */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`ordermock: no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const specPath = (name: SpecName): string => join(packageRoot, 'openapi', `${name}.yaml`);

/** Parsed specs kept between runs (the usual place for tools' caches). */
export const SPEC_CACHE_DIR = join(packageRoot, 'node_modules', '.cache', 'ordermock');

/** One spec, read from `openapi/` and parsed (through the JSON cache). */
export const readSpecDocument = (name: SpecName): OpenApiDoc => parseSpecText(name, readFileSync(specPath(name), 'utf8'), SPEC_CACHE_DIR) as OpenApiDoc;

/** The installed package's version (package.json). */
export const readPackageVersion = (): string => JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

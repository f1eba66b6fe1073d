import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseSpecText } from './parsed-cache.js';

/** The four order APIs ordermock serves, in display order. */
export const API_NAMES = ['dirtylemon', 'estoka', 'sfox', 'retailops'] as const;
export type ApiName = (typeof API_NAMES)[number];
export type SpecName = ApiName | 'admin';

/** A parsed OpenAPI document; typed loosely on purpose — the index narrows what code reads. */
export type OpenApiDoc = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, any>; responses?: Record<string, any>; securitySchemes?: Record<string, any> };
  [key: string]: any;
};

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

/** The installed package's version (package.json), for --version and the admin health check. */
export const packageVersion = (): string => JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

export const specPath = (name: SpecName): string => join(packageRoot, 'openapi', `${name}.yaml`);

const cache = new Map<SpecName, OpenApiDoc>();

/** Parsed specs kept between runs (the usual place for tools' caches). */
export const SPEC_CACHE_DIR = join(packageRoot, 'node_modules', '.cache', 'ordermock');

/** Reads and parses one spec once per process; callers must treat the result as read-only. */
export function loadSpec(name: SpecName): OpenApiDoc {
  let doc = cache.get(name);
  if (!doc) {
    doc = parseSpecText(name, readFileSync(specPath(name), 'utf8'), SPEC_CACHE_DIR) as OpenApiDoc;
    cache.set(name, doc);
  }
  return doc;
}

// Runs in Node and in the browser: where the specs come from is package-files.ts (fs) or, in the
// browser bundle, embedded-files.ts (parsed at build time).
import { readPackageVersion, readSpecDocument } from './package-files.js';

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

const cache = new Map<SpecName, OpenApiDoc>();

/** Reads and parses one spec once per process; callers must treat the result as read-only. */
export function loadSpec(name: SpecName): OpenApiDoc {
  let doc = cache.get(name);
  if (!doc) {
    doc = readSpecDocument(name);
    cache.set(name, doc);
  }
  return doc;
}

/** The installed package's version, for --version and the admin health check. */
export const packageVersion = (): string => readPackageVersion();

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Redoc's sidebar footer always renders `<img src="https://cdn.redoc.ly/redoc/logo-mini.svg">` (no
 * option turns it off, redoc 2.5), so an offline page would reach a CDN. We serve the bundle with
 * that one URL swapped for an inline blank image; the attribution text and link stay.
 */
const REMOTE_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const BLANK_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

let cached: string | undefined;

/** The Redoc standalone bundle from node_modules, made safe to load with no network. */
export function offlineRedocBundle(): string {
  if (cached === undefined) {
    const path = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
    cached = readFileSync(path, 'utf8').replaceAll(REMOTE_LOGO, BLANK_IMAGE);
  }
  return cached;
}

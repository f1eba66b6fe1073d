import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DocsSite } from './site.js';

/** Writes the site's files under `dir` (overwriting them; nothing else there is touched). */
export function writeDocsSite(dir: string, site: DocsSite): void {
  for (const [path, file] of site) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
}

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type Yaml = typeof import('yaml');

let yaml: Yaml | undefined;
// Loaded only on a cache miss: the parser itself takes a while to load.
const parseYaml = (text: string): unknown => (yaml ??= createRequire(import.meta.url)('yaml') as Yaml).parse(text);

/**
 * Parses a spec's YAML, keeping the result as JSON under `cacheDir` for the next start: parsing
 * the five specs is most of a cold start, reading JSON is a few ms. An entry holds the hash of the
 * text it came from, so an edited spec is parsed afresh. OpenAPI documents are JSON-compatible by
 * definition, so the round trip loses nothing. A cache that cannot be written is skipped.
 */
export function parseSpecText(name: string, text: string, cacheDir: string): unknown {
  const hash = createHash('sha256').update(text).digest('hex');
  const file = join(cacheDir, `${name}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { sha256: string; doc: unknown };
    if (cached.sha256 === hash) return cached.doc;
  } catch {
    // Not cached yet, or unreadable: parse below.
  }
  const doc = parseYaml(text);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ sha256: hash, doc }));
    renameSync(temp, file); // atomic: concurrent starts never read half a file
  } catch {
    // A read-only install parses on every start.
  }
  return doc;
}

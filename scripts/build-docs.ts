/**
 * Writes the docs site the mock serves at /docs as static files that work from any web server or
 * opened straight from disk: `npm run docs [-- <out-dir>]`. The default is dist/docs-site/, because
 * dist/docs/ is where tsc puts the compiled src/docs/.
 */
import { join, resolve } from 'node:path';
import { buildDocsSite, docsSpecs, STATIC_LINKS } from '../src/docs/site.js';
import { writeDocsSite } from '../src/docs/write-site.js';
import { API_NAMES } from '../src/spec/load.js';
import { packageRoot } from '../src/spec/package-files.js';

const out = resolve(process.argv[2] ?? join(packageRoot, 'dist', 'docs-site'));
const site = buildDocsSite(docsSpecs(API_NAMES), STATIC_LINKS);
writeDocsSite(out, site);
console.log(`docs: wrote ${site.size} files to ${out} (open ${join(out, 'index.html')})`);

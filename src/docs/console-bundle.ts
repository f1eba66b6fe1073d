import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { unwrapUmdBundle } from './bundle-unwrap.js';

/** A file of the docs console (Swagger UI), served from node_modules so the page needs no network. */
export type ConsoleAsset = { file: string; contentType: string; body: string };

const FILES = [
  { file: 'swagger-ui-bundle.js', contentType: 'text/javascript; charset=utf-8', prepare: (text: string) => unwrapUmdBundle(text) ?? text },
  { file: 'swagger-ui.css', contentType: 'text/css; charset=utf-8', prepare: (text: string) => text },
];

// The source maps are not served; dropping the comment keeps a developer-tools session from asking.
const SOURCE_MAP_COMMENT = /\n?\/[/*]# sourceMappingURL=\S+\s*(\*\/)?\s*$/;

let cached: ConsoleAsset[] | undefined;

/** Swagger UI's browser bundle (unwrapped: bundle-unwrap.ts) and stylesheet, read once from the installed `swagger-ui-dist`. */
export function consoleAssets(): ConsoleAsset[] {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    cached = FILES.map(({ file, contentType, prepare }) => ({
      file,
      contentType,
      body: prepare(readFileSync(require.resolve(`swagger-ui-dist/${file}`), 'utf8').replace(SOURCE_MAP_COMMENT, '')),
    }));
  }
  return cached;
}

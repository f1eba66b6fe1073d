/**
 * Builds the example page into a directory: `npx tsx examples/browser/build.ts [out-dir]`
 * (default examples/browser/dist), then serve that directory on localhost and open it.
 * `ordermock/msw` resolves through package.json's `browser` export to the prebuilt bundle
 * (`npm run build` first); MSW's worker script comes from `msw init`, as an app would set it up.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildBrowserExample(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  copyFileSync(join(here, 'index.html'), join(outDir, 'index.html'));
  const mswCli = join(dirname(createRequire(import.meta.url).resolve('msw/package.json')), 'cli', 'index.js');
  execFileSync(process.execPath, [mswCli, 'init', outDir, '--no-save'], { stdio: 'pipe' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(here, 'dist'));
  await buildBrowserExample(out);
  console.log(`example: built ${out} (serve it on localhost and open index.html)`);
}

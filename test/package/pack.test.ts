/**
 * The package as a new user gets it: `npm pack` (prepack builds), then in an empty project
 * `npm install <tarball> msw@2`, and there the CLI serves, the MSW handlers and the programmatic
 * API behave, and the three entry points type-check. Slow (an install): one test file, one install.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/spec/package-files.js';

const CONSUMER = join(packageRoot, 'test', 'package', 'consumer');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const npm = (cwd: string, ...args: string[]) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });

let work: string;
let project: string;
let serve: ChildProcess | undefined;

/** What `npm pack` needs from the repository: the sources prepack builds from, and what `files` ships. */
const PACKED_FROM = ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts', 'openapi', 'contracts/pacts'];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ordermock-pack-'));
  // Packed from a copy without dist/, so prepack must build it, and without rewriting the dist/
  // that other test files are running meanwhile.
  const source = join(work, 'source');
  for (const entry of PACKED_FROM) cpSync(join(packageRoot, entry), join(source, entry), { recursive: true });
  symlinkSync(join(packageRoot, 'node_modules'), join(source, 'node_modules'));
  const tarball = npm(source, 'pack', '--silent', '--pack-destination', work).trim().split('\n').pop()!;
  project = join(work, 'app');
  cpSync(CONSUMER, project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ordermock-user', private: true, type: 'module' }));
  // npm's cache answers what it already holds; the registry the rest.
  npm(project, 'install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball), 'msw@2');
}, 600_000);

afterAll(() => {
  // The whole process group: a SIGTERM to npx alone leaves the server it started running.
  try {
    if (serve?.pid) process.kill(-serve.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(work, { recursive: true, force: true });
});

describe('npm pack → npm install <tarball> msw@2 in an empty project', () => {
  it('installs with no more than the tarball lists', () => {
    const files = npm(join(work, 'source'), 'pack', '--dry-run', '--json', '--ignore-scripts');
    const paths: string[] = JSON.parse(files)[0].files.map((f: { path: string }) => f.path);
    for (const entry of ['dist/index.js', 'dist/index.d.ts', 'dist/msw/index.js', 'dist/browser/msw.js', 'dist/client/index.d.ts', 'dist/cli/main.js', 'openapi/dirtylemon.yaml']) expect(paths).toContain(entry);
    expect(paths.filter((p) => p.startsWith('src/') && !p.startsWith('src/generated/'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('test/') || p.startsWith('dist/docs-site/'))).toEqual([]);
    expect(readdirSync(join(project, 'node_modules', 'ordermock', 'dist', 'browser')).some((f) => f.startsWith('chunk-'))).toBe(true);
  });

  it('`npx ordermock serve` answers', async () => {
    serve = spawn('npx', ['ordermock', 'serve', '--port', '0'], { cwd: project, env: { ...process.env, CI: 'true' }, detached: true });
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      serve!.stdout!.on('data', (chunk) => {
        out += chunk;
        const url = /(http:\/\/localhost:\d+)/.exec(out)?.[1];
        if (url && out.includes('Ctrl-C')) resolve(url);
      });
      serve!.once('exit', (code) => reject(new Error(`ordermock serve exited with ${code}: ${out}`)));
    });
    const res = await fetch(`${base}/sfox/v1/orders/123`, { method: 'DELETE', headers: { authorization: 'Bearer pack' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'canceled' });
  });

  it('MSW handlers at the production URLs, tenant control, and createMock().listen(0)', () => {
    const result = JSON.parse(execFileSync(process.execPath, ['msw-check.mjs'], { cwd: project, encoding: 'utf8' }));
    expect(result.statuses).toEqual([201, 200, 200]);
    expect(result.states).toEqual(['created', 'paid', 'canceled']);
    expect(result.fulfill.status).toBe(422);
    expect(result.fulfill.body.error).toMatchObject({ code: 'invalid_state_transition', allowed_from: ['paid'] });
    expect(result.otherTenant).toBe(404);
    expect(result.sfox).toEqual({ status: 200, body: { status: 'cancel pending' } });
    expect(result.outbox).toContain('charge');
    expect(result.outbox).toContain('refund');
    expect(result.http).toEqual({ status: 200, body: { status: 'canceled' } });
  });

  it('`ordermock`, `ordermock/msw` and `ordermock/client` type-check with their types (tsc, skipLibCheck off)', () => {
    const tsc = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('reports the installed size', () => {
    const size = execFileSync('du', ['-sh', 'node_modules'], { cwd: project, encoding: 'utf8' }).split('\t')[0];
    const packages = npm(project, 'ls', '--all', '--parseable').trim().split('\n').length - 1;
    console.log(`ordermock tarball + msw@2 installed: ${size}, ${packages} packages`);
    expect(packages).toBeGreaterThan(0);
  });
});

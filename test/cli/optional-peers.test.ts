/**
 * Pact, swagger-mock-validator and the Redis client are optional peer dependencies: `npm i
 * ordermock` for a team that only mocks in memory installs none of them (nor Pact's native core).
 * Here the built package runs from an install without them: the mock serves, and verify,
 * check-pact and serve --store redis say in one line what to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/spec/package-files.js';

const OPTIONAL = ['@pact-foundation', '@pactflow', '@redis'];
let root: string;

/** A copy of the built package whose node_modules holds every dependency but the optional peers. */
function installWithoutPeers(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ordermock-no-peers-'));
  for (const part of ['package.json', 'dist', 'openapi', 'contracts/pacts']) cpSync(join(packageRoot, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(packageRoot, 'node_modules'))) {
    if (OPTIONAL.includes(name) || name.startsWith('.')) continue;
    symlinkSync(join(packageRoot, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

const ordermock = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

beforeAll(() => {
  root = installWithoutPeers();
});
// The links go too, never what they point at.
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an install without the optional peer dependencies', () => {
  it('serves the mock', async () => {
    const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'serve', '--port', '0', '--api', 'sfox'], { cwd: root });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const url = /(http:\/\/localhost:\d+)/.exec(out)?.[1];
          if (url && out.includes('Ctrl-C')) resolve(url);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const res = await fetch(`${base}/v1/orders/123`, { method: 'DELETE', headers: { authorization: 'Bearer peerless' } });
      expect([res.status, await res.json()]).toEqual([200, { status: 'canceled' }]);
    } finally {
      child.kill();
    }
  });

  it.each([
    [['verify', '--api', 'sfox'], '@pact-foundation/pact'],
    [['check-pact', 'contracts/pacts/sfox-trading-client-sfox.json'], '@pactflow/swagger-mock-validator'],
    [['serve', '--store', 'redis://127.0.0.1:6379'], '@redis/client'],
  ])('%j says in one line what to install, exit 2', (args, pkg) => {
    const run = ordermock(...args);
    expect([run.status, run.stderr]).toEqual([2, `ordermock: ordermock ${args[0]} needs ${pkg}, an optional peer dependency: npm install --save-dev ${pkg}\n`]);
  });
});


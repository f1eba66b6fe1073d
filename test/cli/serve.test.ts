/**
 * The built CLI, as `npm start` runs it: help, version, usage errors, the start-up banner, and the
 * source documents' curl examples (hosts replaced by the mock) answered with spec-valid bodies.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, loadSpec, packageVersion, type ApiName } from '../../src/spec/load.js';
import { packageRoot } from '../../src/spec/package-files.js';
import { indexOperations, resolveRef } from '../../src/spec/operations.js';
import { createSchemaCompiler } from '../../src/spec/schemas.js';

const CLI = join(packageRoot, 'dist', 'cli', 'main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

/** Starts `ordermock serve` on an ephemeral port and resolves with its base URL and banner. */
function startCli(...args: string[]): Promise<{ child: ChildProcess; base: string; banner: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { env: { ...process.env, CI: 'true' } });
  return new Promise((resolve, reject) => {
    let banner = '';
    child.stdout!.on('data', (chunk) => {
      banner += chunk;
      const url = /(http:\/\/localhost:\d+)/.exec(banner)?.[1];
      // The banner is written in one piece; wait for its last line.
      if (url && (banner.includes('Ctrl-C') || banner.trimStart().startsWith('{'))) resolve({ child, base: url, banner });
    });
    child.once('exit', (code) => reject(new Error(`ordermock exited with ${code} before listening`)));
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
});

describe('ordermock CLI', () => {
  it('prints help and the package version', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const command of ['serve', 'webhook send order_cancel', '--state-file', '--admin-token', '--log-format']) expect(help.stdout).toContain(command);
    const version = run('--version');
    expect(version.stdout.trim()).toBe(packageVersion());
  });

  it('answers a usage error with one line and exit code 2', () => {
    for (const args of [['frobnicate'], ['serve', '--api', 'nope'], ['serve', '--port', 'abc'], ['serve', '--host', '0.0.0.0']]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^ordermock: /);
    }
  });

  it('prints a JSON line instead of the banner with --log-format json', async () => {
    const { child, banner } = await startCli('--log-format', 'json');
    child.kill('SIGTERM');
    const line = JSON.parse(banner.trim().split('\n')[0]!);
    expect(line).toMatchObject({ msg: 'listening' });
    expect(line.apis).toHaveLength(API_NAMES.length);
  });
});

describe('ordermock serve --api', () => {
  it('serves one API at the root, and only that API', async () => {
    const { child, base, banner } = await startCli('--api', 'sfox');
    try {
      expect(banner).toContain(`sfox        ${base}`);
      const cancel = await fetch(`${base}/v1/orders/123`, { method: 'DELETE', headers: { authorization: 'Bearer me' } });
      expect(await cancel.json()).toEqual({ status: 'canceled' });
      const other = await fetch(`${base}/dirtylemon/v1/orders/1526b746-6a39-4958-91bf-a80bba41cdc3`, { headers: { authorization: 'Bearer me' } });
      // Everything under the root belongs to sFOX now, so its 404 shape answers.
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({ error: 'not found' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the source documents\' curl examples against `ordermock serve`', () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  beforeAll(async () => {
    server = await startCli('--strict');
  });
  afterAll(() => {
    server?.child.kill('SIGTERM');
  });

  it('lists every API and the fixture ids to try, without colour when not on a TTY', () => {
    for (const api of API_NAMES) expect(server.banner).toContain(`${server.base}/${api}`);
    for (const id of ['294e03d6-df4f-4ee1-94be-e334c420381a', '868137000115', '4/orders/100', '1/orders/340', '123', '4897']) expect(server.banner).toContain(id);
    expect(server.banner).not.toMatch(/\x1b\[/);
  });

  /** Sends one curl example and checks the status and that the body matches the spec for it. */
  async function curl(api: ApiName, method: string, path: string, auth: string | null, body?: unknown) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = auth;
    const res = await fetch(`${server.base}/${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    const doc = loadSpec(api);
    const op = indexOperations(doc).find((o) => o.method === method && new RegExp(`^${o.routePath.replace(/:[^/]+/g, '[^/]+')}$`).test(path))!;
    const validate = createSchemaCompiler(api, doc).compile(op.responses[String(res.status)]);
    expect(validate(json), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    return { status: res.status, body: json };
  }

  const dirtylemonRequest = () => {
    const create = indexOperations(loadSpec('dirtylemon')).find((o) => o.operationId === 'createOrder')!;
    return Object.values<any>(resolveRef(loadSpec('dirtylemon'), create.operation.requestBody).content['application/json'].examples)[0].value;
  };

  it('Dirty Lemon: retrieve, create, pay, cancel, fulfill, return', async () => {
    const auth = 'Bearer <TOKEN>';
    expect((await curl('dirtylemon', 'GET', '/v1/orders/1526b746-6a39-4958-91bf-a80bba41cdc3', auth)).status).toBe(200);
    const created = await curl('dirtylemon', 'POST', '/v1/customers/294e03d6-df4f-4ee1-94be-e334c420381a/orders', auth, dirtylemonRequest());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'created', total: 6500, coupon_id: '50%OFF', shipments: [] });
    const id = created.body.id;
    expect((await curl('dirtylemon', 'POST', `/v1/orders/${id}/pay`, auth)).body.status).toBe('paid');
    expect((await curl('dirtylemon', 'POST', `/v1/orders/${id}/fulfill`, auth)).body.status).toBe('fulfilled');
    expect((await curl('dirtylemon', 'POST', `/v1/orders/${id}/return`, auth)).body.status).toBe('returned');
    const other = await curl('dirtylemon', 'POST', '/v1/customers/294e03d6-df4f-4ee1-94be-e334c420381a/orders', auth, dirtylemonRequest());
    expect((await curl('dirtylemon', 'POST', `/v1/orders/${other.body.id}/cancel`, auth)).body.status).toBe('canceled');
  });

  it('Estoka: cancel order 100 of organization 4 with the document token', async () => {
    const res = await curl('estoka', 'POST', '/api/v1/organizations/4/orders/100/cancel', 'Token token=57f882a151e90d279f28d877bfc107db');
    expect(res.status).toBe(200);
    expect(res.body.order.status).toBe('cancelled');
    expect(res.body.order.order_histories[0]).toMatchObject({ status: 'completed_cancel', message: 'Cancelamento realizado com sucesso' });
  });

  it('sFOX: cancel order 123, then once more', async () => {
    expect((await curl('sfox', 'DELETE', '/v1/orders/123', 'Bearer <API_TOKEN>')).body).toEqual({ status: 'canceled' });
    expect((await curl('sfox', 'DELETE', '/v1/orders/123', 'Bearer <API_TOKEN>')).body).toEqual({ status: 'order already finished' });
  });

  it('RetailOPS: the document payload for order 4897', async () => {
    const op = indexOperations(loadSpec('retailops'))[0]!;
    const payload = Object.values<any>(op.operation.requestBody.content['application/json'].examples)[0].value;
    const res = await curl('retailops', 'POST', '/order_cancel', null, payload);
    expect(res.status).toBe(200);
    expect(res.body.events[0]).toMatchObject({ status: 'success', associations: [{ type: 'order', identity: '4897' }] });
  });
});

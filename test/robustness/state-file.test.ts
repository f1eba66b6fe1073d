/**
 * The state file: a bad one at start is a one-line error and exit code 2, and the file written
 * atomically (temp file + rename) survives the process being SIGKILLed in the middle of a save.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterTenant, worldOf } from '../../src/apis/engine.js';
import { loadStateFile, saveStateFile } from '../../src/cli/state-file.js';
import { snapshotStore } from '../../src/core/snapshot.js';
import { createTenantStore } from '../../src/core/tenants.js';
import { requireBuiltCli, runCli, startServe, stderrShows } from './helpers/cli.js';
import { rawClient } from './helpers/raw-client.js';

beforeAll(requireBuiltCli);

const workdir = () => mkdtempSync(join(tmpdir(), 'ordermock-state-'));

/** A genuine snapshot with one Dirty Lemon tenant, for breaking in specific ways. */
function realSnapshot(): any {
  const store = createTenantStore();
  worldOf(enterTenant(store, 'someone'), 'dirtylemon');
  return JSON.parse(JSON.stringify(snapshotStore(store)));
}

const BAD_FILES: Record<string, () => string | Buffer> = {
  'truncated JSON': () => JSON.stringify(realSnapshot()).slice(0, 200),
  'an empty file': () => '',
  'binary garbage': () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
  'another program’s JSON': () => JSON.stringify({ name: 'some-package', version: '1.0.0' }),
  'a JSON array': () => '[]',
  'JSON null': () => 'null',
  'a future format version': () => JSON.stringify({ ...realSnapshot(), version: 2 }),
  'a tenant with empty clock, outbox, journal and faults': () =>
    JSON.stringify({ format: 'ordermock-state', version: 1, seed: 's', tenants: [{ token: 't', seed: 1, randomState: 1, worlds: {}, clock: {}, outbox: {}, journal: {}, faults: {} }] }),
  'a clock beyond the dates JavaScript can show': () => {
    const snap = realSnapshot();
    snap.tenants[0].clock.offsetMs = 1e300;
    return JSON.stringify(snap);
  },
  'a world missing a collection its API needs': () => {
    const snap = realSnapshot();
    delete snap.tenants[0].worlds.dirtylemon.customers;
    return JSON.stringify(snap);
  },
  'an order without a status': () => {
    const snap = realSnapshot();
    delete snap.tenants[0].worlds.dirtylemon.orders.map[0][1].status;
    return JSON.stringify(snap);
  },
  'a world of an API ordermock does not serve': () => {
    const snap = realSnapshot();
    snap.tenants[0].worlds.__proto__x = snap.tenants[0].worlds.dirtylemon;
    return JSON.stringify(snap);
  },
};

describe('a bad state file at start', () => {
  it.concurrent.for(Object.keys(BAD_FILES))('(%s) is one line on stderr and exit code 2, never a stack trace', async (kind, { expect }) => {
    const file = join(workdir(), 'state.json');
    writeFileSync(file, BAD_FILES[kind]!());
    const run = await runCli('serve', '--state-file', file, '--port', '0');
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('(a directory) is one line and exit code 2 too', async () => {
    const dir = join(workdir(), 'state.json');
    mkdirSync(dir);
    const run = await runCli('serve', '--state-file', dir, '--port', '0');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${dir} cannot be read`);
  });
});

describe('a state file that cannot be written', () => {
  it('at start is one line and exit code 2', async () => {
    const parentIsAFile = join(workdir(), 'plain-file');
    writeFileSync(parentIsAFile, 'x');
    const run = await runCli('serve', '--state-file', join(parentIsAFile, 'state.json'), '--port', '0');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('cannot be written');
  });

  it('later is logged once, the server keeps serving, and the exit code says the state was lost', async () => {
    const dir = join(workdir(), 'state');
    const file = join(dir, 'state.json');
    const served = await startServe('--state-file', file);
    const client = rawClient(served.base);
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'now a file');
    await client.send({ method: 'DELETE', path: '/sfox/v1/orders/123', headers: { authorization: 'Bearer lost' } });
    await stderrShows(served, `could not save ${file}`);
    await client.send({ method: 'DELETE', path: '/sfox/v1/orders/124', headers: { authorization: 'Bearer lost' } });
    expect((await client.send({ method: 'GET', path: '/__mock/health' })).status).toBe(200);
    client.close();
    served.child.kill('SIGTERM');
    expect((await served.exited).code).toBe(1);
    expect(served.stderr().match(/could not save/g)).toHaveLength(1);
    expect(served.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('saving', () => {
  it('writes through a temp file beside the target and leaves none behind', () => {
    const dir = workdir();
    const file = join(dir, 'state.json');
    const store = createTenantStore();
    worldOf(enterTenant(store, 'someone'), 'sfox');
    saveStateFile(file, store);
    expect(readdirSync(dir)).toEqual(['state.json']);
    const again = createTenantStore();
    expect(loadStateFile(file, again)).toBe(1);
  });

  it('survives SIGKILL in the middle of a save, round after round', async () => {
    const file = join(workdir(), 'state.json');
    const BULK = 75_000;
    const bulkOrders = () => {
      const store = createTenantStore();
      loadStateFile(file, store);
      return store.tenants.get('bulk')?.worlds.sfox?.orders.size ?? 0;
    };
    let killedMidWrite = 0;
    // Kill 0–12 ms after the temp file appears: while the bytes are being written, or just after.
    for (const [round, delayMs] of [0, 4, 8, 12].entries()) {
      const served = await startServe('--state-file', file);
      const client = rawClient(served.base);
      const admin = (token: string, body: unknown) =>
        client.send({ method: 'POST', path: '/__mock/sfox/orders', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (round === 0) {
        // Enough state that a save takes a while; wait until a complete save holds it.
        expect((await admin('bulk', { status: 'open', count: BULK })).status).toBe(201);
        while (bulkOrders() < BULK) await new Promise((r) => setTimeout(r, 50));
      }
      // Keep changing state so the saver keeps writing, and kill it mid-write.
      let killed = false;
      const churn = (async () => {
        while (!killed) await admin('churn', { status: 'open' }).catch(() => undefined);
      })();
      const temp = `${file}.${served.child.pid}.tmp`;
      while (!existsSync(temp)) await nextTurn();
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      served.child.kill('SIGKILL');
      killed = true;
      await served.exited;
      await churn;
      client.close();
      if (existsSync(temp)) killedMidWrite++;
      expect(bulkOrders()).toBeGreaterThanOrEqual(BULK + 5);
    }
    // The next start loads what the last complete save held.
    const served = await startServe('--state-file', file);
    served.child.kill('SIGTERM');
    expect((await served.exited).code).toBe(0);
    expect(killedMidWrite).toBeGreaterThan(0);
  }, 60_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:net';

/** Debian's redis-server (`apt-get install redis-server`; .ci/run installs it when absent). */
export const REDIS_SERVER = '/usr/bin/redis-server';

export type RedisServer = {
  port: number;
  url: string;
  /** Stops the server (SIGKILL: the test of a lost store wants it gone at once, without a save). */
  stop(): Promise<void>;
  /** Starts it again on the same port: empty, or with what it had persisted. */
  start(): Promise<void>;
  /** The running server's process id (for its CPU time). */
  pid(): number;
};

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function launch(port: number, persistDir: string | null): Promise<ChildProcess> {
  // Without persistence a test's Redis starts empty and leaves nothing behind; with it, every write
  // is in the append-only file before Redis answers, so a SIGKILL loses nothing that was acknowledged.
  const persistence = persistDir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', persistDir] : ['--appendonly', 'no'];
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--loglevel', 'warning'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} did not start within 10 s: ${output}`));
    }, 10_000);
    const ready = () => {
      // At loglevel warning it prints nothing when all is well: poll with a connection instead.
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        clearTimeout(timer);
        resolve(child);
      });
      socket.once('error', () => setTimeout(ready, 10));
    };
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
    ready();
  });
}

/**
 * Starts a real redis-server on a free loopback port; it is killed with the test process at the
 * latest. `persist`: keep an append-only file in a temporary folder, so a restart finds the data.
 */
export async function startRedisServer({ persist = false } = {}): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: apt-get install redis-server`);
  const port = await freePort();
  const persistDir = persist ? mkdtempSync(join(tmpdir(), 'ordermock-redis-')) : null;
  let child: ChildProcess | null = await launch(port, persistDir);
  process.once('exit', () => {
    child?.kill('SIGKILL');
    if (persistDir) rmSync(persistDir, { recursive: true, force: true });
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    async start() {
      child = await launch(port, persistDir);
    },
    pid: () => child!.pid!,
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUTH, ORDER_ID, ROOT } from './config.js';
import { httpJson } from './http.js';
import { startRedisServer } from '../helpers/redis-server.js';

export type ServerName = 'ordermock' | 'ordermock_redis' | 'ordermock_redis_x2' | 'prism' | 'prism_silent' | 'raw';

export type ServerSpec = {
  name: ServerName;
  label: string;
  /** Path prefix of the Dirty Lemon API on this server. */
  base: string;
  /** Whether the server keeps orders, so a created order can be paid and canceled. */
  stateful: boolean;
  /** Arguments to `node` (every measured server runs as plain JavaScript, no TypeScript loader); `redisUrl` when it uses Redis. */
  args(port: number, redisUrl?: string): string[];
  /** With Redis: a fresh redis-server for this server, and this many instances on it (each loaded by its own autocannon). */
  redis?: { instances: number };
};

const PRISM = join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
const SPEC = join(ROOT, 'openapi/dirtylemon.yaml');

/**
 * The servers, measured one at a time. ordermock runs as `npm start` does (every API, Dirty Lemon
 * under /dirtylemon, journal on, validation on, strict off); Prism as `prism mock` with its default
 * request logging and again with `-v silent`. Output goes to /dev/null: no server pays for a terminal.
 */
const ordermockArgs = (port: number, redisUrl?: string) => [join(ROOT, 'dist/cli/main.js'), 'serve', '--port', String(port), ...(redisUrl ? ['--store', redisUrl] : [])];

export const SERVERS: Record<ServerName, ServerSpec> = {
  ordermock: { name: 'ordermock', label: 'ordermock', base: '/dirtylemon', stateful: true, args: ordermockArgs },
  // The same, with every tenant in Redis: one instance, then two on one Redis (one token, so each
  // instance's commits invalidate the other's cached copy: the contended case).
  ordermock_redis: { name: 'ordermock_redis', label: 'ordermock --store redis', base: '/dirtylemon', stateful: true, args: ordermockArgs, redis: { instances: 1 } },
  ordermock_redis_x2: { name: 'ordermock_redis_x2', label: 'ordermock redis ×2', base: '/dirtylemon', stateful: true, args: ordermockArgs, redis: { instances: 2 } },
  prism: { name: 'prism', label: 'prism mock', base: '', stateful: false, args: (port) => [PRISM, 'mock', '-p', String(port), SPEC] },
  prism_silent: { name: 'prism_silent', label: 'prism mock -v silent', base: '', stateful: false, args: (port) => [PRISM, 'mock', '-p', String(port), '-v', 'silent', SPEC] },
  raw: { name: 'raw', label: 'raw node:http', base: '', stateful: true, args: (port) => [join(ROOT, 'test/bench/raw-server.mjs'), String(port)] },
};

export type RunningServer = {
  spec: ServerSpec;
  pid: number;
  /** Origin plus the API's prefix: `http://127.0.0.1:PORT/dirtylemon`. */
  apiUrl: string;
  origin: string;
  /** Every instance's origin (one but for several instances on one Redis): each gets its share of the load. */
  origins: string[];
  /** Spawn to the first 200 on GET order. */
  coldStartMs: number;
  /** CPU the server used until then: steadier than wall time when the machine is busy. */
  coldStartCpuMs: number;
  rssMb(): number;
  /** CPU time the server has used so far (ms): with Redis, its instances' and redis-server's. */
  cpuMs(): number;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux; 10 ms ticks). */
export function cpuMs(pid: number): number {
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

// Servers still running when the benchmark exits (an error, Ctrl-C) are killed with it.
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

function stopChild(child: ChildProcess): Promise<void> {
  live.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns a server process and polls GET order until it answers 200; the elapsed time is its cold start. */
async function startProcess(spec: ServerSpec, redisUrl: string | undefined, timeoutMs: number) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const apiUrl = `${origin}${spec.base}`;
  const started = performance.now();
  const child = spawn(process.execPath, spec.args(port, redisUrl), { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 8192) stderr += chunk.toString();
  });
  const stop = () => stopChild(child);
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${spec.label} exited with ${child.exitCode} before answering:\n${stderr}`);
    const reply = await httpJson(`${apiUrl}/v1/orders/${ORDER_ID}`, { headers: { authorization: AUTH }, timeoutMs: 5000 }).catch(() => null);
    if (reply?.status === 200) return { child, origin, apiUrl, coldStartMs: performance.now() - started, coldStartCpuMs: cpuMs(child.pid!), stop };
    if (reply) {
      await stop();
      throw new Error(`${spec.label} answered ${reply.status} to GET order: ${JSON.stringify(reply.body)}`);
    }
    await sleep(2);
  }
  await stop();
  throw new Error(`${spec.label} did not answer within ${timeoutMs} ms:\n${stderr}`);
}

/** Starts a server (with Redis: a fresh redis-server, then its instances); its cold start is the first instance's. */
export async function startServer(spec: ServerSpec, timeoutMs = 60_000): Promise<RunningServer> {
  const redis = spec.redis ? await startRedisServer() : null;
  const instances: Awaited<ReturnType<typeof startProcess>>[] = [];
  const stop = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await redis?.stop();
  };
  try {
    for (let i = 0; i < (spec.redis?.instances ?? 1); i++) instances.push(await startProcess(spec, redis?.url, timeoutMs));
  } catch (error) {
    await stop();
    throw error;
  }
  const [first] = instances as [(typeof instances)[number]];
  const pids = [...instances.map((instance) => instance.child.pid!), ...(redis ? [redis.pid()] : [])];
  return {
    spec,
    pid: first.child.pid!,
    apiUrl: first.apiUrl,
    origin: first.origin,
    origins: instances.map((instance) => instance.origin),
    coldStartMs: first.coldStartMs,
    coldStartCpuMs: first.coldStartCpuMs,
    rssMb: () => rssMb(first.child.pid!),
    cpuMs: () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0),
    stop,
  };
}

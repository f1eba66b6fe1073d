import { API_MODULES } from '../apis/registry.js';
import { DEFAULT_LIMITS, type Limits } from '../core/tenants.js';
import { createMock } from '../http/app.js';
import type { CorsPolicy } from '../http/cors.js';
import { createLogger, LOG_LEVELS, useColour, type LogFormat, type Logger, type LogLevel } from '../http/log.js';
import { apiPrefix, DEFAULT_OPTIONS } from '../http/options.js';
import { API_NAMES, type ApiName } from '../spec/load.js';
import type { MemoryStore } from '../store/memory.js';
import { openStore } from '../store/open.js';
import type { StateStore } from '../store/types.js';
import { parseDuration } from './duration.js';
import { boundHeapGrowth } from './heap-growth.js';
import { importOptional } from './optional-import.js';
import { loadStateFile, saveStateFile, StateFileError, watchStateFile } from './state-file.js';
import { UsageError } from './usage.js';

export { UsageError };

export type ServeFlags = {
  port?: string;
  host?: string;
  api?: string;
  strict?: boolean;
  seed?: string;
  'state-file'?: string;
  'admin-token'?: string;
  'body-limit'?: string;
  'max-tenants'?: string;
  'max-orders'?: string;
  'tenant-ttl'?: string;
  'pack-idle-after'?: string;
  'keep-token'?: string[];
  'max-outbox'?: string;
  'max-journal'?: string;
  'log-format'?: string;
  'log-level'?: string;
  quiet?: boolean;
  'cors-origin'?: string[];
  'no-cors'?: boolean;
  store?: string;
  'store-prefix'?: string;
};


const isLoopback = (host: string) => host === 'localhost' || host.startsWith('127.') || host === '::1';

const positive = (flag: string, value: string | undefined, fallback: number, least = 0) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) throw new UsageError(`--${flag} must be ${least ? `an integer of at least ${least}` : 'a non-negative integer'}, not '${value}'`);
  return n;
};

/** `--cors-origin` (repeated or comma-separated origins) or `--no-cors`; any origin otherwise. */
function corsPolicy(flags: ServeFlags): CorsPolicy {
  const listed = (flags['cors-origin'] ?? []).flatMap((value) => value.split(',')).map((origin) => origin.trim()).filter(Boolean);
  if (flags['no-cors'] && listed.length) throw new UsageError('--no-cors and --cors-origin exclude each other');
  if (flags['no-cors']) return false;
  for (const origin of listed) if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new UsageError(`--cors-origin takes origins like http://localhost:5173 (scheme, host, port; no path), not '${origin}'`);
  return listed.length ? { origins: listed } : DEFAULT_OPTIONS.cors;
}

const duration = (flag: 'tenant-ttl' | 'pack-idle-after', value: string | undefined, fallback: number, example: string) => {
  if (value === undefined) return fallback;
  const ms = parseDuration(value);
  if (ms === null) throw new UsageError(`--${flag} must be a duration such as ${example} or 0 (never), not '${value}'`);
  return ms;
};

function limitsFrom(flags: ServeFlags): Limits {
  return {
    maxTenants: positive('max-tenants', flags['max-tenants'], DEFAULT_LIMITS.maxTenants, 1),
    maxOrders: positive('max-orders', flags['max-orders'], DEFAULT_LIMITS.maxOrders),
    tenantTtlMs: duration('tenant-ttl', flags['tenant-ttl'], DEFAULT_LIMITS.tenantTtlMs, '24h, 30m, 1h30m, 90s'),
    maxOutbox: positive('max-outbox', flags['max-outbox'], DEFAULT_LIMITS.maxOutbox, 1),
    maxJournal: positive('max-journal', flags['max-journal'], DEFAULT_LIMITS.maxJournal, 1),
    packIdleMs: duration('pack-idle-after', flags['pack-idle-after'], DEFAULT_LIMITS.packIdleMs, '30s, 5m'),
  };
}

/** Starts the server; resolves once listening, and handles SIGINT/SIGTERM with a clean save. */
export async function serve(flags: ServeFlags): Promise<void> {
  const host = flags.host ?? '127.0.0.1';
  const port = positive('port', flags.port ?? process.env.PORT, 4010);
  if (flags.api && !API_NAMES.includes(flags.api as ApiName)) throw new UsageError(`--api must be one of ${API_NAMES.join(', ')}, not '${flags.api}'`);
  if (!isLoopback(host) && !flags['admin-token']) throw new UsageError(`--host ${host} exposes the admin API beyond this machine: add --admin-token <secret>`);
  const format = (flags['log-format'] ?? 'text') as LogFormat;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--log-format must be text or json`);
  const level = (flags['log-level'] ?? (flags.quiet ? 'error' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const logger = createLogger(format, level);
  boundHeapGrowth();
  const apis = flags.api ? [flags.api as ApiName] : [...API_NAMES];
  const limits = limitsFrom(flags);
  const seed = flags.seed ?? DEFAULT_OPTIONS.seed;
  const cors = corsPolicy(flags);
  const stateFile = flags['state-file'];
  const store = await storeFor(flags, seed, limits, logger);
  const memory = store.kind === 'memory' ? (store as MemoryStore).tenants : null;
  if (stateFile && memory) {
    try {
      loadStateFile(stateFile, memory);
    } catch (error) {
      if (error instanceof StateFileError) throw new UsageError(error.message);
      throw error;
    }
  }
  const mock = createMock(
    { apis, strict: Boolean(flags.strict), seed, limits, adminToken: flags['admin-token'], bodyLimitBytes: positive('body-limit', flags['body-limit'], DEFAULT_OPTIONS.bodyLimitBytes), logger, cors },
    store,
  );
  if (stateFile && memory) {
    // Found out now, as a usage error, rather than at the first save.
    try {
      saveStateFile(stateFile, memory);
    } catch (error) {
      throw new UsageError(`${stateFile} cannot be written (${(error as Error).message})`);
    }
  }
  const saver = stateFile && memory ? watchStateFile(stateFile, memory, (error) => logger.error(`could not save ${stateFile}: ${error.message}`)) : null;
  const bound = await mock.listen(port, host);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing in-flight requests`);
    // Hard stop if a client holds a request open: the promise is exit within 2 s.
    const force = setTimeout(() => mock.server.closeAllConnections(), 1500);
    force.unref();
    void mock.close().then(async () => {
      saver?.stop();
      await store.close();
      process.exit(saver && !saver.flush() ? 1 : 0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Announced only now: whoever reads "listening" may signal at once, and must find the handlers.
  printBanner(host, bound, apis, format, flags.quiet);
}

/** The store `--store` names: memory (with an optional state file) or a Redis shared with other instances. */
async function storeFor(flags: ServeFlags, seed: string, limits: Limits, logger: Logger): Promise<StateStore> {
  const choice = flags.store ?? 'memory';
  if (choice === 'memory' && flags['store-prefix'] !== undefined) throw new UsageError('--store-prefix applies to --store redis://… only');
  if (choice !== 'memory' && flags['state-file']) throw new UsageError('--state-file saves a memory store; with --store redis://… the state already lives in Redis');
  const settings = {
    store: choice,
    prefix: flags['store-prefix'],
    seed,
    limits,
    keepTokens: flags['keep-token'],
    // Once per eviction; the token is cut short, as a log line is no place for a long secret.
    onEvict: (token: string, reason: string) => logger.debug('tenant evicted', { token: token.length > 16 ? `${token.slice(0, 12)}…` : token, reason }),
    log: logger,
  };
  const loadRedis = () => importOptional(() => import('../store/redis.js'), '@redis/client', 'serve');
  try {
    return await openStore(settings, loadRedis);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Unreachable Redis, or a --store value that names no store: one line, exit 2.
    throw new UsageError(`--store: ${(error as Error).message}`);
  }
}

function printBanner(host: string, port: number, apis: ApiName[], format: LogFormat, quiet?: boolean) {
  if (quiet) return;
  const base = `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`;
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ msg: 'listening', url: base, apis: apis.map((a) => `${base}${apiPrefix({ ...DEFAULT_OPTIONS, apis }, a)}`) })}\n`);
    return;
  }
  const bold = (s: string) => (useColour() ? `\x1b[1m${s}\x1b[0m` : s);
  const lines = [`${bold('ordermock')} listening on ${base}`, ''];
  for (const api of apis) {
    lines.push(`  ${bold(api.padEnd(11))} ${base}${apiPrefix({ ...DEFAULT_OPTIONS, apis }, api)}`);
    const { tryIt } = API_MODULES[api];
    const width = Math.max(...tryIt.map((t) => t.label.length));
    for (const { label, value } of tryIt) lines.push(`      ${label.padEnd(width)}  ${value}`);
  }
  lines.push('', `  ${'admin'.padEnd(11)} ${base}/__mock`, `  ${'inspector'.padEnd(11)} ${base}/__mock/ui?token=<token>`, `  ${'docs'.padEnd(11)} ${base}/docs`, '', 'Each Authorization token is its own tenant. Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n'));
}

import { randomUUID } from 'node:crypto';
import { createMock, type MockServer } from '../../src/http/app.js';
import type { MockOptions } from '../../src/http/options.js';
import type { TenantStore } from '../../src/core/tenants.js';
import { createRedisStore } from '../../src/store/redis.js';
import type { StateStore } from '../../src/store/types.js';
import { checkRestoredWorld } from '../../src/apis/engine.js';
import { startRedisServer } from './redis-server.js';

export type CallInit = { token?: string | null; auth?: string; body?: unknown; headers?: Record<string, string> };
export type CallResult = { status: number; body: any; headers: Headers };

/** One request with JSON in and out, through any fetch (the global one, or a mock's in-process one). */
export async function callJson(fetcher: (url: string, init: RequestInit) => Promise<Response>, url: string, method: string, init: CallInit = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth !== undefined) headers.authorization = init.auth;
  else if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetcher(url, { method, headers, body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body) });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body, headers: res.headers };
}

export type RunningMock = {
  mock: MockServer;
  base: string;
  /** A fresh tenant token, so each test starts from the fixture world and sees only its own state. */
  newToken(): string;
  /** fetch with JSON in and out. */
  call(method: string, path: string, init?: CallInit): Promise<CallResult>;
  close(): Promise<void>;
};

/** The stores the behaviour suites run against: the same tables, once per store. */
export const STORE_KINDS = ['memory', 'redis'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/**
 * Starts the whole mock in strict mode on an ephemeral loopback port. `store` 'redis' gives it a
 * real redis-server of its own (stopped on close); a TenantStore or 'memory' keeps it in memory;
 * a StateStore is used as it is (and left open).
 */
export async function startMock(options: Partial<MockOptions> = {}, store: TenantStore | StateStore | StoreKind = 'memory'): Promise<RunningMock> {
  const redis = store === 'redis' ? await startRedisServer() : null;
  const shared = redis
    ? await createRedisStore({ url: redis.url, prefix: `test-${randomUUID().slice(0, 8)}:`, seed: options.seed ?? 'ordermock', limits: options.limits, checkWorld: checkRestoredWorld })
    : null;
  const mock = createMock({ strict: true, ...options }, shared ?? (store === 'memory' || store === 'redis' ? undefined : store));
  const port = await mock.listen(0);
  const base = `http://127.0.0.1:${port}`;
  return {
    mock,
    base,
    newToken: () => `test-${randomUUID()}`,
    call: (method, path, init) => callJson(fetch, base + path, method, init),
    async close() {
      await mock.close();
      await shared?.close();
      await redis?.stop();
    },
  };
}

/** The Authorization header each API documents, for a token. */
export const authFor = (api: string, token: string): string => (api === 'estoka' ? `Token token=${token}` : `Bearer ${token}`);

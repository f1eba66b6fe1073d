import { randomUUID } from 'node:crypto';
import { createMock, type MockServer } from '../../src/http/app.js';
import type { MockOptions } from '../../src/http/options.js';
import type { TenantStore } from '../../src/core/tenants.js';

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

/** Starts the whole mock in strict mode on an ephemeral loopback port. */
export async function startMock(options: Partial<MockOptions> = {}, store?: TenantStore): Promise<RunningMock> {
  const mock = createMock({ strict: true, ...options }, store);
  const port = await mock.listen(0);
  const base = `http://127.0.0.1:${port}`;
  return {
    mock,
    base,
    newToken: () => `test-${randomUUID()}`,
    call: (method, path, init) => callJson(fetch, base + path, method, init),
    close: () => mock.close(),
  };
}

/** The Authorization header each API documents, for a token. */
export const authFor = (api: string, token: string): string => (api === 'estoka' ? `Token token=${token}` : `Bearer ${token}`);

/**
 * One behaviour table, four ways in: the node:http server, the same server on the Redis store (a
 * real redis-server of its own), MSW in Node (setupServer, requests to the APIs' production URLs),
 * and the programmatic API (the mock's in-process fetch). A test file defines its cases once inside
 * `forEachTransport`; each transport runs them on its own strict mock.
 */
import { randomUUID } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe } from 'vitest';
import { createMockControl, type TenantControl } from '../../src/control/mock-control.js';
import { createMock, type Mock } from '../../src/mock.js';
import { createHandlers, interceptedBaseUrl } from '../../src/msw/index.js';
import { API_NAMES, type ApiName } from '../../src/spec/load.js';
import { callJson, startMock, type CallInit, type CallResult, type RunningMock, type StoreKind } from './mock.js';

export type TransportName = 'server' | 'redis' | 'msw' | 'programmatic';

export type Transport = {
  name: TransportName;
  /** A fresh tenant token, so each test starts from the fixture world and sees only its own state. */
  newToken(): string;
  /** A request in the server's URL layout (`/dirtylemon/v1/…`, `/__mock/…`), sent the transport's way. */
  call(method: string, path: string, init?: CallInit): Promise<CallResult>;
  /** Typed control of a tenant: over HTTP for the server, the mock object's own for MSW and in process. */
  control(token: string): TenantControl;
};

type Started = Omit<Transport, 'name' | 'newToken'> & { stop(): Promise<void> | void };

const inProcess = (mock: Mock) => (url: string, init: RequestInit) => mock.fetch(url, init);

async function startServer(store: StoreKind = 'memory'): Promise<Started> {
  const running: RunningMock = await startMock({}, store);
  const control = createMockControl({ baseUrl: running.base });
  return { call: running.call, control: (token) => control.tenant(token), stop: () => running.close() };
}

function startMsw(): Started {
  const { handlers, mock } = createHandlers({ strict: true });
  const server = setupServer(...handlers);
  // Anything the handlers do not own is a test bug, not a request to let through to the internet.
  server.listen({ onUnhandledRequest: 'error' });
  const apiOf = (path: string) => API_NAMES.find((api) => path.startsWith(`/${api}/`));
  return {
    call: (method, path, init) => {
      const api: ApiName | undefined = apiOf(path);
      // The APIs go through MSW at their production URLs; the admin API is the mock object's, as in an app's tests.
      if (!api) return callJson(inProcess(mock), path, method, init);
      return callJson(fetch, interceptedBaseUrl(api) + path.slice(api.length + 1), method, init);
    },
    control: (token) => mock.tenant(token),
    stop: () => server.close(),
  };
}

function startProgrammatic(): Started {
  const mock = createMock({ strict: true });
  return { call: (method, path, init) => callJson(inProcess(mock), path, method, init), control: (token) => mock.tenant(token), stop: () => {} };
}

const STARTERS: Record<TransportName, () => Promise<Started> | Started> = { server: () => startServer(), redis: () => startServer('redis'), msw: startMsw, programmatic: startProgrammatic };

/** Defines the same cases once per transport, each in a `describe` named after it. */
export function forEachTransport(define: (transport: Transport) => void): void {
  for (const name of Object.keys(STARTERS) as TransportName[]) {
    describe(`via ${name}`, () => {
      let started: Started | undefined;
      const live = () => {
        if (!started) throw new Error(`the ${name} transport is used outside its tests`);
        return started;
      };
      beforeAll(async () => {
        started = await STARTERS[name]();
      });
      afterAll(() => started?.stop());
      define({
        name,
        newToken: () => `test-${randomUUID()}`,
        call: (method, path, init) => live().call(method, path, init),
        control: (token) => live().control(token),
      });
    });
  }
}

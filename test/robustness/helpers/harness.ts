import { afterAll, beforeAll } from 'vitest';
import type { MockOptions } from '../../../src/http/options.js';
import { startMock, type RunningMock, type StoreKind } from '../../helpers/mock.js';
import { rawClient, type RawClient, type RawResponse } from './raw-client.js';

/** Starts the strict mock (on `store`) for a test file (or a describe block) with a keep-alive raw client to it; both close after the file. */
export function mockForFile(options: Partial<MockOptions> = {}, { sockets = 16, store = 'memory' as StoreKind } = {}): { mock: RunningMock; client: RawClient } {
  const handle = {} as { mock: RunningMock; client: RawClient };
  beforeAll(async () => {
    handle.mock = await startMock(options, store);
    handle.client = rawClient(handle.mock.base, { sockets });
  });
  afterAll(async () => {
    handle.client.close();
    await handle.mock.close();
  });
  return handle;
}

/** An admin API call in a token's tenant, JSON in and out. */
export const adminCall = (client: RawClient, token: string, method: string, path: string, body?: unknown): Promise<RawResponse> =>
  client.send({
    method,
    path: `/__mock${path}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Runs `body` against a mock of its own (for options a whole file should not share), then closes it. */
export async function withMock(options: Partial<MockOptions>, body: (mock: RunningMock, client: RawClient) => Promise<void>): Promise<void> {
  const mock = await startMock(options);
  const client = rawClient(mock.base);
  try {
    await body(mock, client);
  } finally {
    client.close();
    await mock.close();
  }
}

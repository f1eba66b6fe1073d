import createClient from 'openapi-fetch';
import type { components, operations, paths } from '../generated/admin.js';

type Schemas = components['schemas'];
export type Api = Schemas['Api'];
export type ApiOrder = Schemas['ApiOrder'];
export type OutboxEntry = Schemas['OutboxEntry'];
export type JournalEntry = Schemas['JournalEntry'];
export type ClockView = Schemas['ClockView'];
export type FaultRuleInput = Schemas['FaultRuleInput'];
export type FaultRule = Schemas['FaultRule'];
export type Snapshot = Schemas['Snapshot'];
export type AdminErrorBody = Schemas['Error'];
export type OutboxFilter = NonNullable<operations['getOutbox']['parameters']['query']>;
export type OrdersFilter = NonNullable<operations['listOrders']['parameters']['query']>;
export type SeedOrderInput = Omit<Schemas['SeedRequest'], 'count'>;

/** An admin API refusal (`openapi/admin.yaml`, schema `Error`), thrown by the control methods. */
export class AdminError extends Error {
  override name = 'AdminError';
  constructor(readonly status: number, readonly body: AdminErrorBody) {
    super(`ordermock admin: ${status} ${body.error.code}: ${body.error.message}${body.error.field ? ` (${body.error.field})` : ''}`);
  }
}

/** Arrange and inspect one tenant's state: the tenant-scoped operations of the admin API. */
export type TenantControl = {
  readonly token: string;
  /** Forgets the tenant: its next request provisions the fixture world afresh. */
  reset(): Promise<void>;
  /** Stores an order of `api` in any state (`overrides` merged over the generated order). */
  seedOrder(api: Api, input: SeedOrderInput): Promise<ApiOrder>;
  order(api: Api, id: string | number): Promise<ApiOrder>;
  orders(api: Api, filter?: OrdersFilter): Promise<ApiOrder[]>;
  /** Side effects (charges, refunds, emails, settles), oldest first: `GET /__mock/outbox`. */
  outbox(filter?: OutboxFilter): Promise<OutboxEntry[]>;
  journal(limit?: number): Promise<JournalEntry[]>;
  clock(): Promise<ClockView>;
  /** Moves the tenant's virtual clock forward; what falls due (sFOX's settle) runs now. */
  advanceClock(ms: number): Promise<ClockView>;
  /** Stops the clock at an instant (RFC 3339), or lets it run with real time again (null). */
  freezeClock(at: string | null): Promise<ClockView>;
  faults(): Promise<FaultRule[]>;
  addFault(rule: FaultRuleInput): Promise<FaultRule>;
  /** Removes every fault rule; resolves with how many there were. */
  clearFaults(): Promise<number>;
};

/** The whole mock's controls: tenants, and the state of all of them at once. */
export type MockControl = {
  tenant(token: string): TenantControl;
  /** Forgets every tenant; resolves with how many there were. */
  reset(): Promise<number>;
  snapshot(): Promise<Snapshot>;
  /** Replaces every tenant with a snapshot's; resolves with how many tenants the mock now holds. */
  restore(snapshot: Snapshot): Promise<number>;
};

export type ControlOptions = {
  /** Where the admin API is: the mock's origin (`http://localhost:4010`), or any URL for an in-process fetch. */
  baseUrl: string;
  /** How requests reach the mock: the global fetch for a server, the mock's own fetch in process. */
  fetch?: (request: Request) => Promise<Response>;
  /** Sent as `x-ordermock-admin-token` when the mock was started with one. */
  adminToken?: string;
};

/** Unwraps an openapi-fetch result: the data, or an AdminError with the admin error body. */
async function settled<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) throw new AdminError(response.status, error as AdminErrorBody);
  return data;
}

/**
 * Typed calls of the admin API (`/__mock`), over whatever fetch reaches the mock. Every control
 * method is one admin request, so in-process mocks, servers and any future store behave alike.
 */
export function createMockControl({ baseUrl, fetch, adminToken }: ControlOptions): MockControl {
  const client = createClient<paths>({ baseUrl, ...(fetch ? { fetch } : {}), headers: adminToken ? { 'x-ordermock-admin-token': adminToken } : {} });

  const tenant = (token: string): TenantControl => {
    // The admin API reads the tenant from the same Authorization header the APIs do.
    const headers = { authorization: `Bearer ${token}` };
    const setClock = (body: Schemas['ClockUpdate']) => settled(client.POST('/__mock/clock', { headers, body }));
    return {
      token,
      reset: async () => {
        await settled(client.POST('/__mock/reset', { headers }));
      },
      seedOrder: async (api, input) => (await settled(client.POST('/__mock/{api}/orders', { headers, params: { path: { api } }, body: { ...input, count: 1 } }))).orders[0]!,
      order: (api, id) => settled(client.GET('/__mock/{api}/orders/{order_id}', { headers, params: { path: { api, order_id: String(id) } } })),
      orders: async (api, filter = {}) => (await settled(client.GET('/__mock/{api}/orders', { headers, params: { path: { api }, query: filter } }))).orders,
      outbox: async (filter = {}) => (await settled(client.GET('/__mock/outbox', { headers, params: { query: filter } }))).entries,
      journal: async (limit) => (await settled(client.GET('/__mock/journal', { headers, params: { query: limit === undefined ? {} : { limit } } }))).entries,
      clock: () => settled(client.GET('/__mock/clock', { headers })),
      advanceClock: (ms) => setClock({ advance_ms: ms }),
      freezeClock: (at) => setClock({ freeze_at: at }),
      faults: async () => (await settled(client.GET('/__mock/faults', { headers }))).faults,
      addFault: (rule) => settled(client.POST('/__mock/faults', { headers, body: rule })),
      clearFaults: async () => (await settled(client.DELETE('/__mock/faults', { headers }))).removed,
    };
  };

  return {
    tenant,
    reset: async () => (await settled(client.POST('/__mock/reset', { params: { query: { scope: 'all' } } }))).reset,
    snapshot: () => settled(client.GET('/__mock/snapshot')),
    restore: async (snapshot) => (await settled(client.PUT('/__mock/snapshot', { body: snapshot }))).tenants,
  };
}

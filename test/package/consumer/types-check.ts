// Type-checked (tsc --noEmit) in the fresh project: the three entry points resolve with their types.
import { createMock, AdminError, type ApiOrder, type OutboxEntry, type TenantControl } from 'ordermock';
import { createHandlers } from 'ordermock/msw';
import { createDirtyLemonClient, createMockControl } from 'ordermock/client';

const mock = createMock({ strict: true, apis: ['dirtylemon', 'sfox'] });
const tenant: TenantControl = mock.tenant('t');
export const seeded: Promise<ApiOrder> = tenant.seedOrder('sfox', { status: 'working', id: '900' });
export const types: Promise<string[]> = tenant.outbox({ type: 'charge' }).then((entries: OutboxEntry[]) => entries.map((e) => e.type));
// @ts-expect-error: not an API ordermock serves
tenant.seedOrder('shopify', { status: 'open' });
// @ts-expect-error: advanceClock takes milliseconds
tenant.advanceClock('2s');

const { handlers, mock: mswMock } = createHandlers({ baseUrls: { sfox: 'http://localhost:5173/sfox' } });
export const count: number = handlers.length;
export const port: Promise<number> = mswMock.listen(0);

const client = createDirtyLemonClient({ baseUrl: 'https://api.dirtylemon.com', token: 't' });
export const order = client.GET('/v1/orders/{order_id}', { params: { path: { order_id: 'x' } } }).then(({ data }) => data?.status);
export const remote = createMockControl({ baseUrl: 'http://localhost:4010' }).tenant('t').journal(10);
export const isAdminError = (error: unknown): boolean => error instanceof AdminError && error.body.error.code === 'not_found';

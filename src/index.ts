/**
 * ordermock as a library: the stateful mock of the Dirty Lemon, Nexaas Estoka, sFOX and RetailOPS
 * order APIs in process, with typed control of its tenants. `ordermock/msw` puts the same mock
 * behind MSW handlers; `ordermock/client` has typed clients for the APIs.
 */
export { createMock, type CreateMockOptions, type Mock } from './mock.js';
export {
  AdminError,
  type AdminErrorBody,
  type Api,
  type ApiOrder,
  type ClockView,
  type FaultRule,
  type FaultRuleInput,
  type JournalEntry,
  type MockControl,
  type OrdersFilter,
  type OutboxEntry,
  type OutboxFilter,
  type SeedOrderInput,
  type Snapshot,
  type TenantControl,
} from './control/mock-control.js';
export { API_NAMES, type ApiName } from './spec/load.js';
export type { PlainReply, PlainRequest } from './http/exchange.js';
export type { Limits } from './core/tenants.js';
export type { StateStore } from './store/types.js';

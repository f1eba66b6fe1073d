import type { MockError } from '../core/errors.js';
import type { Tenant, TenantStore, World } from '../core/tenants.js';
import type { TransitionResult, StatefulOrder } from '../core/transitions.js';
import type { ApiName } from '../spec/load.js';
import type { StateMachine } from '../spec/state-machine.js';

/** What a handler answers: a status and a JSON body. */
export type Reply = { status: number; body: unknown };

/** Everything a handler may touch for one request, already validated against the spec. */
export type HandlerContext = {
  api: ApiName;
  operationId: string;
  store: TenantStore;
  tenant: Tenant;
  world: World;
  now: string;
  /** Path parameters, coerced to the spec's types. */
  params: Record<string, any>;
  body: any;
  /** Looks an order up in this tenant's world; throws NotFound naming `field`. */
  findOrder(id: string | number, field: string): any;
  /** Runs the spec's transition for this operation on an order and stores the result. */
  transition(order: StatefulOrder): TransitionResult<any>;
  /** Stores a new or changed order (enforcing the per-tenant cap). */
  save(order: StatefulOrder): void;
};

export type Handler = (ctx: HandlerContext) => Reply;

/** Inputs for the admin API's "create an order in any state". */
export type SeedRequest = {
  status: string;
  id?: string | number;
  overrides: Record<string, unknown>;
  /**
   * Present when one request seeds many orders: scratch space kept for the whole batch, where an API
   * may keep nested parts that every order of the batch then shares (a million orders must fit).
   */
  batch?: Record<string, unknown>;
};

/**
 * One API, as data plus small functions. The engine (core + http) is shared; an API differs only
 * in what it lists here.
 */
export type ApiModule = {
  name: ApiName;
  /** The tenant token from the Authorization header, or null when it is missing or malformed. */
  tokenFrom(authorization: string | undefined): string | null;
  /** A fresh fixture world for one tenant, from a seed derived from its token. */
  provision(seed: number, now: string): World;
  handlers: Record<string, Handler>;
  /** Named checks for `x-preconditions`. */
  checks: Record<string, (order: any, world: World) => boolean>;
  /** Named side effects for `effects`; the returned object is what the outbox records. */
  effects: Record<string, (draft: any, now: string, world: World) => Record<string, unknown>>;
  /** Maps any core error to this API's documented status and error body. */
  errorReply(error: MockError): Reply;
  /** Builds an order in any state for the admin API and provider states. */
  seedOrder(world: World, request: SeedRequest, now: string, seed: number): StatefulOrder;
  /** Fixture ids printed at start-up and listed in the README. */
  tryIt: { label: string; value: string }[];
  machine: StateMachine;
};

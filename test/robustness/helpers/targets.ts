import { DOC_CUSTOMER_ID, DOC_SKU_ID, FIXTURE_ORDERS, PRECONDITION_FIXTURES } from '../../../src/apis/dirtylemon/fixtures.js';
import { STATUS_FIXTURE_BASE } from '../../../src/apis/estoka/fixtures.js';
import { API_MODULES } from '../../../src/apis/registry.js';
import { RETAILOPS_FIXTURES } from '../../../src/apis/retailops/index.js';
import { SFOX_FIXTURES } from '../../../src/apis/sfox/index.js';
import { API_NAMES, loadSpec, type OpenApiDoc, type SpecName } from '../../../src/spec/load.js';
import { indexOperations, type OperationIndex } from '../../../src/spec/operations.js';

/** What the generators and the oracle need to know about one API beyond its spec. */
export type Target = {
  name: SpecName;
  doc: OpenApiDoc;
  operations: OperationIndex[];
  /** URL prefix in front of the spec's paths when every API is served. */
  prefix: string;
  /** Every documented Authorization form for a token. */
  authForms(token: string): string[];
  /** Whether a request without a usable Authorization header is refused (401). */
  requiresAuth: boolean;
  /**
   * Parameter or body property name → values that hit fixtures, so generated traffic reaches the
   * state machine and not only "not found". `forced` ones always replace generated values.
   */
  known: Record<string, unknown[]>;
  forced?: Record<string, unknown[]>;
  /** Components schema every error body must match. */
  errorSchema: string;
  /** The status each spec documents for a path (or method) it does not have. */
  noRouteStatus: number;
  /** Whether a 400 body is the API's "your request breaks the spec" refusal. */
  isValidationRefusal(body: any): boolean;
  /** Refusals of schema-valid requests the spec documents (checks a schema cannot express). */
  isDocumentedRefusal?(body: any): boolean;
};

const bearer = (token: string) => [`Bearer ${token}`, `bearer ${token}`, `Bearer  ${token}`];
const states = (api: keyof typeof API_MODULES) => API_MODULES[api].machine.states;

const TARGETS: Record<SpecName, Omit<Target, 'name' | 'doc' | 'operations'>> = {
  dirtylemon: {
    prefix: '/dirtylemon',
    authForms: bearer,
    requiresAuth: true,
    known: {
      order_id: [...Object.values(FIXTURE_ORDERS), ...PRECONDITION_FIXTURES.map((f) => f.orderId)],
      customer_id: [DOC_CUSTOMER_ID, ...PRECONDITION_FIXTURES.map((f) => f.customerId)],
      sku: [DOC_SKU_ID, '868137000108', '868137000146'],
    },
    errorSchema: 'Error',
    noRouteStatus: 404,
    isValidationRefusal: (body) => body?.error?.code === 'invalid_request',
  },
  estoka: {
    prefix: '/estoka',
    // Rails' token parser takes the value quoted or bare.
    authForms: (token) => [`Token token=${token}`, `Token token="${token}"`],
    requiresAuth: true,
    known: {
      organization_id: [1, 4],
      order_id: [100, 340, ...states('estoka').map((_, i) => STATUS_FIXTURE_BASE + i)],
    },
    errorSchema: 'Error',
    noRouteStatus: 404,
    isValidationRefusal: (body) => body?.code === 'invalid_request',
  },
  sfox: {
    prefix: '/sfox',
    authForms: bearer,
    requiresAuth: true,
    known: { order_id: Object.keys(SFOX_FIXTURES) },
    errorSchema: 'Error',
    noRouteStatus: 404,
    isValidationRefusal: (body) => typeof body?.error === 'string' && body.error !== 'internal error',
  },
  retailops: {
    prefix: '/retailops',
    authForms: bearer,
    requiresAuth: false,
    known: { id: Object.keys(RETAILOPS_FIXTURES) },
    errorSchema: 'EventsResponse',
    noRouteStatus: 404,
    isValidationRefusal: (body) => body?.events?.[0]?.error_code === 'INVALID_PAYLOAD',
  },
  admin: {
    prefix: '',
    authForms: (token) => [`Bearer ${token}`, `Token token=${token}`],
    requiresAuth: false,
    known: {
      api: [...API_NAMES],
      order_id: [FIXTURE_ORDERS.created, '123', '4897', 1001, 340],
      status: [...new Set(API_NAMES.flatMap(states))],
      // Snapshots and provider states naming the tenants the traffic uses, so what they restore is read back.
      token: Array.from({ length: 5 }, (_, i) => `fuzz-admin-${i}`),
      // The edges of time: a frozen clock in year 9999 and the largest step forward.
      freeze_at: ['9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z'],
      advance_ms: [3_153_600_000_000],
    },
    // Seeding a million orders per request is allowed, and slow: not what this traffic is about.
    forced: { count: [1, 2, 3] },
    errorSchema: 'Error',
    noRouteStatus: 404,
    isValidationRefusal: (body) => body?.error?.code === 'invalid_request',
    // openapi/admin.yaml, Errors: a status unknown to the API, a seed that breaks the API's Order
    // schema, an id with count > 1, a fault status not declared, a body that is no snapshot, a
    // clock moved past year 9999.
    isDocumentedRefusal: (body) => ['status', 'id', 'body', 'advance_ms'].includes(body?.error?.field) || String(body?.error?.field).startsWith('overrides'),
  },
};

export function targetFor(name: SpecName): Target {
  const doc = loadSpec(name);
  return { name, doc, operations: indexOperations(doc), ...TARGETS[name] };
}

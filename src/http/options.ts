import { DEFAULT_LIMITS, type Limits } from '../core/tenants.js';
import { API_NAMES, type ApiName } from '../spec/load.js';
import type { CorsPolicy } from './cors.js';
import type { Logger } from './log.js';

export type MockOptions = {
  /** Which APIs to serve; one API alone is served at the root instead of under `/<api>`. */
  apis: ApiName[];
  /** Check every response against the spec and turn a mismatch into a loud 500. */
  strict: boolean;
  bodyLimitBytes: number;
  seed: string;
  /** Caps and lifecycle of the tenant table; what is left out keeps its default. */
  limits: Partial<Limits>;
  /** Required on admin requests when set (and required to listen beyond loopback). */
  adminToken?: string;
  /** Journal requests per tenant (the benchmark measures with it on, as users run it). */
  journal: boolean;
  /** Which browser origins may call the mock (`--cors-origin`, `--no-cors`); any by default. */
  cors: CorsPolicy;
  logger?: Logger;
};

export const DEFAULT_OPTIONS: MockOptions = {
  apis: [...API_NAMES],
  strict: false,
  bodyLimitBytes: 1024 * 1024,
  seed: 'ordermock',
  limits: DEFAULT_LIMITS,
  journal: true,
  cors: { origins: 'any' },
};

/** URL prefix of an API: `/dirtylemon`, or nothing when it is the only API served. */
export const apiPrefix = (options: MockOptions, api: ApiName): string => (options.apis.length === 1 ? '' : `/${api}`);

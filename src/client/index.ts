/**
 * Typed clients for the four APIs, built with openapi-fetch on the same generated `paths` types
 * the mock uses: a spec change breaks the consumer's build where it matters.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths as DirtyLemonPaths } from '../generated/dirtylemon.js';
import type { paths as EstokaPaths } from '../generated/estoka.js';
import type { paths as RetailopsPaths } from '../generated/retailops.js';
import type { paths as SfoxPaths } from '../generated/sfox.js';
import type { paths as AdminPaths } from '../generated/admin.js';

export type { DirtyLemonPaths, EstokaPaths, SfoxPaths, RetailopsPaths, AdminPaths };

type Options = Omit<ClientOptions, 'baseUrl'> & { baseUrl: string; token?: string };

const withAuth = ({ token, headers, ...rest }: Options, authorization: (token: string) => string): ClientOptions => ({
  ...rest,
  headers: { ...(headers as Record<string, string> | undefined), ...(token ? { Authorization: authorization(token) } : {}) },
});

const bearer = (token: string) => `Bearer ${token}`;

/** Dirty Lemon Orders: `baseUrl` is `https://api.dirtylemon.com` or `http://localhost:4010/dirtylemon`. */
export const createDirtyLemonClient = (options: Options): Client<DirtyLemonPaths> => createClient<DirtyLemonPaths>(withAuth(options, bearer));

/** Nexaas Estoka: sends `Authorization: Token token=<token>` as documented. */
export const createEstokaClient = (options: Options): Client<EstokaPaths> => createClient<EstokaPaths>(withAuth(options, (t) => `Token token=${t}`));

export const createSfoxClient = (options: Options): Client<SfoxPaths> => createClient<SfoxPaths>(withAuth(options, bearer));

/** RetailOPS webhook receiver (an integrator's site, or the mock playing one); auth is optional. */
export const createRetailopsClient = (options: Options): Client<RetailopsPaths> => createClient<RetailopsPaths>(withAuth(options, bearer));

/** ordermock's admin API (`http://localhost:4010`); the token picks the tenant to act on. */
export const createAdminClient = (options: Options): Client<AdminPaths> => createClient<AdminPaths>(withAuth(options, bearer));

/**
 * Typed control of a running `ordermock serve` (`baseUrl` its origin): the same `tenant(token)`,
 * `snapshot()` and `restore()` as the in-process mock of `ordermock` and `ordermock/msw`.
 */
export { createMockControl, AdminError, type ControlOptions, type MockControl, type TenantControl } from '../control/mock-control.js';

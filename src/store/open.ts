import { createTenantStore, type EvictionReason, type Limits } from '../core/tenants.js';
import { deflatedTenants } from './deflated-tenants.js';
import { createMemoryStore } from './memory.js';
import type { StateStore } from './types.js';

export const DEFAULT_STORE_PREFIX = 'ordermock:';

export type StoreSettings = {
  /** `memory` (the default: this process only) or `redis://host:port[/db]` (shared by every instance on it). */
  store?: string;
  /** Redis only: put before every key (default `ordermock:`). */
  prefix?: string;
  seed: string;
  /** Caps and the tenant lifecycle (`tenantTtlMs` is the Redis keys' TTL there). */
  limits: Partial<Limits>;
  /** Tokens whose tenants are never evicted (--keep-token). */
  keepTokens?: Iterable<string>;
  /** Memory only: told of each eviction (Redis evicts inside a script, and counts them). */
  onEvict?: (token: string, reason: EvictionReason) => void;
  log?: { info(message: string): void; error(message: string): void };
};

/** Imports the Redis store: @redis/client is an optional peer, so the CLI wraps this to name the install. */
export type RedisLoader = () => Promise<typeof import('./redis.js')>;

/**
 * Opens the store `settings.store` names. With Redis it rejects, with a one-line reason, when the
 * value is no Redis URL or Redis cannot be reached.
 */
export async function openStore(settings: StoreSettings, loadRedis: RedisLoader = () => import('./redis.js')): Promise<StateStore> {
  const choice = settings.store ?? 'memory';
  if (choice === 'memory') {
    const tenants = createTenantStore(settings.seed, settings.limits, { keepTokens: settings.keepTokens, onEvict: settings.onEvict, packer: deflatedTenants });
    return createMemoryStore(tenants);
  }
  if (!/^rediss?:\/\/[^/]/.test(choice)) throw new Error(`the store must be memory or redis://host:port[/db], not '${choice}'`);
  const { createRedisStore } = await loadRedis();
  return createRedisStore({
    url: choice,
    prefix: settings.prefix ?? DEFAULT_STORE_PREFIX,
    seed: settings.seed,
    limits: settings.limits,
    keepTokens: settings.keepTokens,
    log: settings.log,
  });
}

import { checkRestoredWorld } from '../apis/engine.js';
import { createTenantStore, type Limits } from '../core/tenants.js';
import { createMemoryStore } from './memory.js';
import { createRedisStore } from './redis.js';
import type { StateStore } from './types.js';

export const DEFAULT_STORE_PREFIX = 'ordermock:';
export const DEFAULT_TENANT_TTL_MS = 24 * 60 * 60 * 1000;

export type StoreSettings = {
  /** `memory` (the default: this process only) or `redis://host:port[/db]` (shared by every instance on it). */
  store?: string;
  /** Redis only: put before every key (default `ordermock:`). */
  prefix?: string;
  /** Redis only: idle tenants expire after this long (default 24 h). */
  tenantTtlMs?: number;
  seed: string;
  limits: Limits;
  log?: { info(message: string): void; error(message: string): void };
};

/** A `--store` value or the programmatic `store` option that names no store ordermock has. */
export class StoreChoiceError extends Error {
  override name = 'StoreChoiceError';
}

/** Opens the store `settings.store` names; with Redis, rejects with a one-line reason when it cannot be reached. */
export async function openStore(settings: StoreSettings): Promise<StateStore> {
  const choice = settings.store ?? 'memory';
  if (choice === 'memory') return createMemoryStore(createTenantStore(settings.seed, settings.limits), checkRestoredWorld);
  if (!/^rediss?:\/\/[^/]/.test(choice)) throw new StoreChoiceError(`the store must be memory or redis://host:port[/db], not '${choice}'`);
  return createRedisStore({
    url: choice,
    prefix: settings.prefix ?? DEFAULT_STORE_PREFIX,
    tenantTtlMs: settings.tenantTtlMs ?? DEFAULT_TENANT_TTL_MS,
    seed: settings.seed,
    limits: settings.limits,
    log: settings.log,
    checkWorld: checkRestoredWorld,
  });
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `24h`, `7d`, `500ms`, or a bare number of seconds; null when it is none of those. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
  return ms >= 1 && Number.isFinite(ms) ? Math.round(ms) : null;
}

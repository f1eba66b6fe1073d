import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import { checkRestoredWorld } from '../apis/engine.js';
import { LimitReached, MockError, StoreUnavailable } from '../core/errors.js';
import { ForeignSnapshot, restoreStore, snapshotStore } from '../core/snapshot.js';
import type { WorldCheck } from '../core/snapshot-check.js';
import { createTenantStore, DEFAULT_LIMITS, dropTenant, tenantsByRecency, type Limits, type Tenant, type TenantStore } from '../core/tenants.js';
import { catchUpTenant, decodeLogs, decodeTenant, encodeTenant, FIELD, fieldsOf, lifecycleKeys, takeWrites, TENANT_KEY_KINDS, tenantKeys } from './redis-codec.js';
import { catchUpScript, COMMITTED, commitScript, countsScript, TENANT_LIMIT, type CatchUp } from './redis-scripts.js';
import { summarizeTenant, type StateStore, type TenantSummary } from './types.js';

export type RedisStoreOptions = {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`); any Redis-protocol server (Redis 7, Valkey). */
  url: string;
  /** Put before every key, so several mocks (or test files) share one Redis. */
  prefix: string;
  seed: string;
  /** The tenant lifecycle, as for the memory store: `tenantTtlMs` becomes the keys' TTL. */
  limits?: Partial<Limits>;
  /** Tokens never evicted (--keep-token), added to the pinned set every instance shares. */
  keepTokens?: Iterable<string>;
  /** Told once when the connection is lost and once when it is back. */
  log?: { info(message: string): void; error(message: string): void };
  /** Restores must produce worlds the APIs can serve (by default the engine's check). */
  checkWorld?: WorldCheck;
};

export type RedisStore = StateStore & { kind: 'redis'; prefix: string };

/** What this instance knows of a tenant beside its cached copy. */
type Entry = {
  /** The version the next step expects to find in Redis: the last one read, or the last one this instance committed. */
  version: string;
  /** The meta text as of that version, to tell whether a step changed it. */
  meta: string;
  /** When this instance last renewed the tenant's LRU place and TTL (see the commit script). */
  touchedAt: number;
  /** The newest version known to be in Redis with this copy's content: where a catch-up starts. */
  confirmed: string;
  /** Steps sent but not yet confirmed, in order, with the fields they wrote into the copy. */
  unconfirmed: { version: string; fields: string[] }[];
};

/** Extra time a commit gets per hash field it writes (a bulk seed of 100,000 orders: +20 s). */
const BULK_MS_PER_ITEM = 0.1;
/** How often at most an instance renews a busy tenant's LRU place and TTL (a tenth of a short TTL). */
const TOUCH_EVERY_MS = 1_000;
/** A Redis that holds a command this long without answering counts as gone: the step answers 503. */
const COMMAND_TIMEOUT_MS = 5_000;
/** Attempts at one step before it is answered 503: two busy instances settle in a few. */
const MAX_ATTEMPTS = 200;
/** The cached tenants per instance; past it the oldest is dropped (and reloaded when next asked). */
const CACHE_LIMIT = 1_000;

const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');

/**
 * Connects to Redis and answers once connected; rejects with a one-line reason when Redis cannot
 * be reached. After that the client reconnects on its own: steps fail with StoreUnavailable while
 * the connection is down and succeed again as soon as it is back.
 *
 * Redis holds the truth; this instance keeps a copy of each tenant it served and runs every step
 * on that copy synchronously, exactly as the memory store does. The step's writes (changed
 * orders, new outbox and journal entries, the meta) then commit in one script that first checks
 * the tenant's version (check-and-set). A step that finds the version moved — another instance
 * committed — drops the copy, reloads the tenant and runs again: handlers are pure given the state,
 * so a re-run is safe, and no request ever sees a half-applied one.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const { prefix } = options;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  let connected = false;
  let down = false;
  const client = createClient({
    url: options.url,
    scripts: { commit: commitScript, counts: countsScript, catchUp: catchUpScript },
    // Fail fast while disconnected: a request answers 503 now rather than hanging until Redis returns.
    disableOfflineQueue: true,
    // No per-command timer: node-redis arms an AbortSignal.timeout for each command, which measured
    // half the CPU of a request on this store. One sweep over the steps in flight does the job (below).
    commandOptions: { timeout: 0 },
    socket: {
      // Before the first connection: give up (the server must not start); after: keep trying.
      reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(25 * 2 ** retries, 500) : cause),
    },
  });
  client.on('error', (error: Error) => {
    if (!connected || down) return;
    down = true;
    options.log?.error(`redis store: lost the connection to ${redact(options.url)} (${error.message}); answering 503 until it is back`);
  });
  client.on('ready', () => {
    if (down) options.log?.info(`redis store: connection to ${redact(options.url)} is back`);
    down = false;
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach Redis at ${redact(options.url)} (${(error as Error).message || (error as Error).name})`);
  }
  connected = true;

  const lifecycle = lifecycleKeys(prefix);
  const keepTokens = [...(options.keepTokens ?? [])];
  if (keepTokens.length) await client.sAdd(lifecycle.pinned, keepTokens);

  const instance = randomUUID().slice(0, 8);
  let counter = 0;
  const newVersion = () => `${instance}:${(++counter).toString(36)}`;
  const touchEveryMs = limits.tenantTtlMs ? Math.min(TOUCH_EVERY_MS, limits.tenantTtlMs / 10) : TOUCH_EVERY_MS;
  const keysOf = (token: string) => ({ ...tenantKeys(prefix, token), ...lifecycle });
  // Commands in flight: one timer fails those past their deadline, instead of a timer per command.
  const inFlight = new Set<{ deadline: number; fail: (error: Error) => void }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const command of inFlight) {
      if (command.deadline > now) continue;
      inFlight.delete(command);
      command.fail(new StoreUnavailable('Redis did not answer in time'));
    }
  }, 250);
  sweep.unref();
  /** `command`, failed with StoreUnavailable when Redis has not answered within `ms`. */
  const withDeadline = <T>(command: Promise<T>, ms = COMMAND_TIMEOUT_MS): Promise<T> =>
    new Promise((resolve, reject) => {
      const entry = { deadline: Date.now() + ms, fail: reject };
      inFlight.add(entry);
      command.then(
        (value) => {
          inFlight.delete(entry);
          resolve(value);
        },
        (error) => {
          inFlight.delete(entry);
          reject(error);
        },
      );
    });
  const unavailable = (error: unknown) => (error instanceof StoreUnavailable ? error : new StoreUnavailable((error as Error)?.message ?? String(error)));

  // The cached tenants, as a TenantStore the engine works on. Its own lifecycle never evicts:
  // Redis keeps the real one, and the cache is bounded by CACHE_LIMIT.
  const cache = createTenantStore(options.seed, { ...limits, maxTenants: Infinity, tenantTtlMs: 0 });
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Entry>>();

  const forget = (token: string, entry?: Entry) => {
    if (entry && entries.get(token) !== entry) return;
    entries.delete(token);
    dropTenant(cache, token);
  };

  /** Reads the tenant whole into the cache (HGETALL). */
  async function loadWhole(token: string, touchedAt = 0): Promise<Entry> {
    const hash = await withDeadline(client.hGetAll(keysOf(token).state)).catch((error) => Promise.reject(unavailable(error)));
    const decoded = decodeTenant(token, hash as Record<string, string>, limits);
    const version = decoded?.version ?? '';
    const entry: Entry = { version, confirmed: version, unconfirmed: [], meta: decoded?.meta ?? '', touchedAt };
    forget(token);
    // Set directly, outside the cache's own recency list: the cache never evicts by it.
    if (decoded) cache.tenants.set(token, decoded.tenant);
    entries.set(token, entry);
    if (entries.size > CACHE_LIMIT) forget(entries.keys().next().value!);
    return entry;
  }

  /**
   * After a conflict: fetches what changed since the copy's last confirmed version (and puts back
   * what its own failed steps wrote) instead of the whole tenant, which grows with its orders.
   */
  async function catchUp(token: string, stale: Entry): Promise<Entry> {
    const tenant = cache.tenants.get(token);
    if (!tenant || !stale.confirmed) return loadWhole(token, stale.touchedAt);
    const phantoms = [...new Set(stale.unconfirmed.flatMap((step) => step.fields))];
    let update: CatchUp;
    try {
      update = (await withDeadline(client.catchUp(keysOf(token), stale.confirmed, phantoms))) as CatchUp;
    } catch (error) {
      forget(token);
      throw unavailable(error);
    }
    if (!update || !catchUpTenant(tenant, update.meta, update.fields)) return loadWhole(token, stale.touchedAt);
    const entry: Entry = { version: update.version, confirmed: update.version, unconfirmed: [], meta: update.meta, touchedAt: stale.touchedAt };
    entries.set(token, entry);
    return entry;
  }

  /** The copy of a tenant once it is ready: loaded, or caught up after a conflict (one at a time per tenant). */
  function load(token: string, stale?: Entry): Promise<Entry> {
    let pending = loading.get(token);
    if (!pending) {
      pending = (stale ? catchUp(token, stale) : loadWhole(token)).finally(() => loading.delete(token));
      loading.set(token, pending);
    }
    return pending;
  }

  async function run<T>(token: string, work: (state: TenantStore) => T): Promise<T> {
    const keys = keysOf(token);
    for (let attempt = 1; ; attempt++) {
      const entry = entries.get(token) ?? (await load(token));
      // Another step may have dropped or replaced the copy while this one waited for it.
      if (entries.get(token) !== entry) continue;
      let result: T | undefined;
      let failure: { error: unknown } | undefined;
      try {
        result = work(cache);
      } catch (error) {
        // A step that throws still commits what it changed before, as in memory (and must check its read).
        failure = { error };
      }
      const tenant = cache.tenants.get(token);
      if (!tenant) {
        if (failure) throw failure.error;
        return result as T;
      }
      const writes = takeWrites(tenant, entry.meta);
      const expected = entry.version;
      // Set before the commit is sent: the next step on this copy builds on this one and commits after it.
      const next = writes.changesState ? (entry.version = newVersion()) : '';
      if (next) entry.unconfirmed.push({ version: next, fields: fieldsOf(writes) });
      if (writes.meta) entry.meta = writes.meta;
      const now = Date.now();
      const touch = now - entry.touchedAt >= touchEveryMs;
      if (touch) entry.touchedAt = now;
      let outcome: number;
      try {
        outcome = await withDeadline(
          client.commit(
            keys,
            { token, expected, next, prefix, touch, ttlMs: limits.tenantTtlMs, maxTenants: limits.maxTenants, journalCapacity: limits.maxJournal, outboxCapacity: limits.maxOutbox },
            writes,
          ),
          // A bulk seed's commit carries every order: give it time in proportion.
          COMMAND_TIMEOUT_MS + writes.sets.length * BULK_MS_PER_ITEM,
        );
      } catch (error) {
        forget(token, entry);
        throw unavailable(error);
      }
      if (outcome === COMMITTED) {
        if (next) {
          // Commits land in the order they were sent: this one's predecessors are confirmed too.
          entry.confirmed = next;
          while (entry.unconfirmed.length && entry.unconfirmed.shift()!.version !== next);
        }
        if (failure) throw failure.error;
        return result as T;
      }
      if (outcome === TENANT_LIMIT) {
        forget(token, entry);
        throw new LimitReached('tenants', limits.maxTenants);
      }
      // Another instance moved the tenant (or an earlier step of this chain failed): the first step
      // to find out starts a catch-up; the others, and new steps, wait for it.
      if (entries.get(token) === entry) {
        entries.delete(token);
        void load(token, entry).catch(() => {});
      }
      if (attempt >= MAX_ATTEMPTS) throw new StoreUnavailable(`tenant ${token.slice(0, 40)} kept changing under ${MAX_ATTEMPTS} attempts`);
      // Two instances trading one tenant back and forth: let one of them go first.
      if (attempt > 3) await sleep(Math.random() * Math.min(attempt, 20));
    }
  }

  /** A tenant with its outbox and journal in full, read in one transaction (snapshots). */
  async function readWhole(token: string): Promise<Tenant | null> {
    const keys = keysOf(token);
    const [hash, outbox, journal] = (await client.multi().hGetAll(keys.state).lRange(keys.outbox, 0, -1).lRange(keys.journal, 0, -1).exec()) as unknown as [Record<string, string>, string[], string[]];
    const decoded = decodeTenant(token, hash, limits);
    if (!decoded) return null;
    const logs = decodeLogs({ outboxId: hash[FIELD.outboxId] ?? null, journalId: hash[FIELD.journalId] ?? null }, outbox, journal, limits);
    return { ...decoded.tenant, ...logs };
  }

  async function readLogs(token: string) {
    const keys = keysOf(token);
    const [outboxId, journalId, outbox, journal] = (await client
      .multi()
      .hGet(keys.state, FIELD.outboxId)
      .hGet(keys.state, FIELD.journalId)
      .lRange(keys.outbox, 0, -1)
      .lRange(keys.journal, 0, -1)
      .exec()) as unknown as [string | null, string | null, string[], string[]];
    return decodeLogs({ outboxId, journalId }, outbox, journal, limits);
  }

  /** The live tenants, pinned first, then least recently used first (the order a restore rebuilds). */
  async function liveTokens(): Promise<{ token: string; pinned: boolean }[]> {
    await client.counts(lifecycle, limits.tenantTtlMs);
    const scored = await client.zRangeWithScores(lifecycle.index, 0, -1);
    const live = scored.map(({ value, score }) => ({ token: value, pinned: score === Infinity }));
    return [...live.filter((t) => t.pinned), ...live.filter((t) => !t.pinned)];
  }

  /** Every key of tenant state under the prefix; the pinned set and the stats outlive a reset, as in memory. */
  async function tenantKeysUnderPrefix(): Promise<string[]> {
    const found: string[] = [];
    for (const kind of TENANT_KEY_KINDS) {
      for await (const keys of client.scanIterator({ MATCH: `${globEscape(prefix)}${kind}:*`, COUNT: 1000 })) found.push(...keys);
    }
    return [...found, lifecycle.index];
  }

  const guarded = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await withDeadline(step());
    } catch (error) {
      throw error instanceof ForeignSnapshot || error instanceof MockError ? error : unavailable(error);
    }
  };

  const dropCache = () => {
    for (const token of [...entries.keys()]) forget(token);
  };

  return {
    kind: 'redis',
    prefix,
    limits,
    run: (token, work) => run(token, work),
    outboxOf: (token) => guarded(async () => (await readLogs(token)).outbox),
    journalOf: (token) => guarded(async () => (await readLogs(token)).journal),
    listTenants: () =>
      guarded(async () => {
        const summaries: TenantSummary[] = [];
        for (const { token, pinned } of await liveTokens()) {
          const decoded = decodeTenant(token, (await client.hGetAll(keysOf(token).state)) as Record<string, string>, limits);
          if (decoded) summaries.push(summarizeTenant(decoded.tenant, pinned));
        }
        return summaries;
      }),
    counts: () =>
      guarded(async () => {
        const [live = 0, pinned = 0, evicted = 0] = await client.counts(lifecycle, limits.tenantTtlMs);
        return { live, pinned, evicted };
      }),
    reset: (token) =>
      guarded(async () => {
        if (token !== undefined) {
          const keys = keysOf(token);
          const [removed] = (await client.multi().del(keys.state).del([keys.outbox, keys.journal, keys.changes]).zRem(lifecycle.index, token).exec()) as unknown as [number];
          forget(token);
          return removed;
        }
        const [live = 0] = await client.counts(lifecycle, limits.tenantTtlMs);
        const doomed = await tenantKeysUnderPrefix();
        for (let i = 0; i < doomed.length; i += 1000) await client.unlink(doomed.slice(i, i + 1000));
        dropCache();
        return live;
      }),
    snapshot: () =>
      guarded(async () => {
        const whole = createTenantStore(options.seed, limits);
        for (const { token, pinned } of await liveTokens()) {
          const tenant = await readWhole(token);
          if (!tenant) continue;
          whole.tenants.set(token, tenant);
          // Pinned tenants stay outside the recency order, as they are in memory.
          if (pinned) whole.pinned.add(token);
          else {
            tenant.older = whole.newest;
            if (whole.newest) whole.newest.newer = tenant;
            else whole.oldest = tenant;
            whole.newest = tenant;
          }
        }
        return snapshotStore(whole);
      }),
    restore: (input) =>
      guarded(async () => {
        // Checked (and decoded) in full before anything in Redis changes.
        const restored = createTenantStore(options.seed, limits, { keepTokens });
        const count = restoreStore(restored, input, options.checkWorld ?? checkRestoredWorld);
        const stale = await tenantKeysUnderPrefix();
        const multi = client.multi();
        for (let i = 0; i < stale.length; i += 1000) multi.unlink(stale.slice(i, i + 1000));
        multi.unlink(lifecycle.pinned);
        if (restored.pinned.size) multi.sAdd(lifecycle.pinned, [...restored.pinned]);
        const ordered = tenantsByRecency(restored);
        const now = Date.now();
        ordered.forEach((tenant, i) => {
          const keys = keysOf(tenant.token);
          const pinned = restored.pinned.has(tenant.token);
          const { fields, outbox, journal } = encodeTenant(tenant, newVersion());
          multi.hSet(keys.state, fields);
          if (outbox.length) multi.rPush(keys.outbox, outbox);
          if (journal.length) multi.rPush(keys.journal, journal);
          for (const key of [keys.state, keys.outbox, keys.journal]) {
            if (pinned || !limits.tenantTtlMs) multi.persist(key);
            else multi.pExpire(key, limits.tenantTtlMs);
          }
          // Used now, in the snapshot's order: a restore evicts as the original would have.
          multi.zAdd(lifecycle.index, { score: pinned ? Infinity : now - ordered.length + i, value: tenant.token });
        });
        await multi.exec();
        dropCache();
        return count;
      }),
    close: async () => {
      connected = false;
      clearInterval(sweep);
      if (client.isOpen) await client.close();
    },
  };
}

/** The URL without its password, for logs and errors. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * How a tenant is laid out in Redis, and how this instance's cached copy turns into the writes of
 * one step. Everything is JSON text; nothing here talks to Redis.
 *
 *   {prefix}state:{token}    hash  v           version: who committed last (`<instance>:<n>`), checked on every commit
 *                                  m           meta JSON: seed, randomState, clock (offset, frozen, pending settles),
 *                                              fault rules, and per API world its counters and the names of
 *                                              its collections
 *                                  on / jn     last outbox / journal id handed out (HINCRBY)
 *                                  w:{api}:{collection}:{key}   one order (or customer, SKU…) as JSON
 *   {prefix}outbox:{token}   list  outbox entries as JSON, oldest first, trimmed to --max-outbox
 *   {prefix}journal:{token}  list  journal entries as JSON, oldest first, trimmed to --max-journal
 *   {prefix}changes:{token}  list  the last 100 versions as JSON {v, f: [fields they wrote]}, so an
 *                                  instance whose copy fell behind fetches only those (all: a commit
 *                                  too big to list, which means reload the tenant whole)
 *   {prefix}tenants          zset  token → ms of its last use, +inf when pinned: the LRU order, the
 *                                  --max-tenants count, listTenants
 *   {prefix}pinned           set   tokens never evicted (--keep-token, a restored snapshot's pins)
 *   {prefix}stats            hash  evicted: tenants evicted so far
 *
 * The four keys of a tenant share its TTL (`--tenant-ttl`), renewed by every commit; a pinned
 * tenant's keys have none.
 */
import { createJournal, type JournalEntry } from '../core/journal.js';
import { createOutbox, type OutboxEntry } from '../core/outbox.js';
import type { Tenant, World } from '../core/tenants.js';
import { TrackedMap } from './tracked-map.js';

export type TenantKeys = { state: string; outbox: string; journal: string; changes: string };

export const tenantKeys = (prefix: string, token: string): TenantKeys => ({
  state: `${prefix}state:${token}`,
  outbox: `${prefix}outbox:${token}`,
  journal: `${prefix}journal:${token}`,
  changes: `${prefix}changes:${token}`,
});

/** The kinds of per-tenant key, as they follow the prefix (for SCAN and evictions). */
export const TENANT_KEY_KINDS = ['state', 'outbox', 'journal', 'changes'] as const;

export const lifecycleKeys = (prefix: string) => ({ index: `${prefix}tenants`, pinned: `${prefix}pinned`, stats: `${prefix}stats` });

export const FIELD = { version: 'v', meta: 'm', outboxId: 'on', journalId: 'jn' } as const;

const ITEM = 'w:';
const itemField = (api: string, collection: string, key: string) => `${ITEM}${api}:${collection}:${key}`;

type WorldMeta = { maps: string[]; values: Record<string, number> };
type Meta = Pick<Tenant, 'seed' | 'randomState' | 'clock' | 'faults'> & { worlds: Record<string, WorldMeta> };

/** The tenant's small state as one JSON text; a step changed it when the text differs. */
export function metaText(tenant: Tenant): string {
  const worlds: Record<string, WorldMeta> = {};
  for (const [api, world] of Object.entries(tenant.worlds)) {
    const meta: WorldMeta = { maps: [], values: {} };
    for (const [name, value] of Object.entries(world)) {
      if (value instanceof Map) meta.maps.push(name);
      else meta.values[name] = value;
    }
    worlds[api] = meta;
  }
  const meta: Meta = { seed: tenant.seed, randomState: tenant.randomState, clock: tenant.clock, faults: tenant.faults, worlds };
  return JSON.stringify(meta);
}

/** A tenant as this instance caches it: its outbox and journal hold only entries not yet written. */
export type DecodedTenant = { tenant: Tenant; version: string; meta: string };

export type LogCaps = { maxOutbox: number; maxJournal: number };

/** Rebuilds a tenant from its state hash (HGETALL); null when the hash is empty (no such tenant). */
export function decodeTenant(token: string, hash: Record<string, string>, caps: LogCaps): DecodedTenant | null {
  const metaJson = hash[FIELD.meta];
  if (metaJson === undefined) return null;
  const meta = JSON.parse(metaJson) as Meta;
  const worlds: Record<string, World> = {};
  for (const [api, { maps, values }] of Object.entries(meta.worlds)) {
    const world = { ...values } as World;
    for (const name of maps) world[name] = new TrackedMap();
    worlds[api] = world;
  }
  for (const [field, text] of Object.entries(hash)) {
    if (!field.startsWith(ITEM)) continue;
    // Written together with the meta that names its collection, so a stray one is a corrupt hash.
    if (!setItem(worlds, field, text)) throw new Error(`redis store: ${field} belongs to no collection of tenant ${token}`);
  }
  markClean(worlds);
  const tenant: Tenant = {
    token,
    seed: meta.seed,
    clock: meta.clock,
    outbox: createOutbox(caps.maxOutbox),
    journal: createJournal(caps.maxJournal),
    faults: meta.faults,
    randomState: meta.randomState,
    worlds,
    lastUsedMs: Date.now(),
  };
  return { tenant, version: hash[FIELD.version] ?? '', meta: metaJson };
}

/** Stores one item field's value (null: deletes it) in its world's collection; false when there is no such collection. */
function setItem(worlds: Record<string, World>, field: string, text: string | null): boolean {
  const apiEnd = field.indexOf(':', ITEM.length);
  const collectionEnd = field.indexOf(':', apiEnd + 1);
  const map = worlds[field.slice(ITEM.length, apiEnd)]?.[field.slice(apiEnd + 1, collectionEnd)];
  if (!(map instanceof TrackedMap)) return false;
  const key = field.slice(collectionEnd + 1);
  if (text === null) map.delete(key);
  else map.set(key, JSON.parse(text));
  return true;
}

const markClean = (worlds: Record<string, World>) => {
  for (const world of Object.values(worlds)) for (const map of Object.values(world)) if (map instanceof TrackedMap) map.dirty.clear();
};

/**
 * Brings a cached tenant up to a newer version: the meta whole, and the item fields that changed
 * since (null: deleted). False when that is not enough (a world the copy lacks): reload it whole.
 */
export function catchUpTenant(tenant: Tenant, metaJson: string, fields: [string, string | null][]): boolean {
  const meta = JSON.parse(metaJson) as Meta;
  // A world only this copy has was provisioned by a step that never committed.
  for (const api of Object.keys(tenant.worlds)) if (!meta.worlds[api]) delete tenant.worlds[api];
  for (const [api, { maps, values }] of Object.entries(meta.worlds)) {
    const world = tenant.worlds[api];
    if (!world || maps.some((name) => !(world[name] instanceof TrackedMap))) return false;
    Object.assign(world, values);
  }
  Object.assign(tenant, { seed: meta.seed, randomState: meta.randomState, clock: meta.clock, faults: meta.faults });
  for (const [field, text] of fields) if (!setItem(tenant.worlds, field, text)) return false;
  markClean(tenant.worlds);
  return true;
}

/** The fields a write set names (what a later catch-up must fetch again if its commit fails). */
export const fieldsOf = (writes: WriteSet): string[] => [...writes.sets.filter((_, i) => i % 2 === 0), ...writes.deletes];

/** What one step changed, ready for the commit script. */
export type WriteSet = {
  /** Anything other than journal entries: such a commit moves the tenant to a new version. */
  changesState: boolean;
  /** The new meta text, or '' when it did not change. */
  meta: string;
  /** field, value, field, value… */
  sets: string[];
  deletes: string[];
  /** Entries without their id (the script numbers them): the JSON text after `{"id":N,`. */
  outbox: string[];
  journal: string[];
};

/** An entry's JSON with its leading id cut off; ids come first in both entry types, so up to the first comma. */
const withoutId = (entry: OutboxEntry | JournalEntry) => {
  const json = JSON.stringify(entry);
  return json.slice(json.indexOf(',') + 1);
};

/**
 * Collects what a step changed in the cached tenant and resets the tracking, so the next step
 * starts clean: collections a step created (a world provisioned) are written whole and tracked
 * from then on; the outbox and journal entries it added are taken out of the cache.
 */
export function takeWrites(tenant: Tenant, previousMeta: string): WriteSet {
  const sets: string[] = [];
  const deletes: string[] = [];
  for (const [api, world] of Object.entries(tenant.worlds)) {
    for (const [name, value] of Object.entries(world)) {
      if (value instanceof TrackedMap) {
        if (value.dirty.size === 0) continue;
        for (const key of value.dirty) {
          const item = value.get(key);
          if (item === undefined) deletes.push(itemField(api, name, key));
          else sets.push(itemField(api, name, key), JSON.stringify(item));
        }
        value.dirty.clear();
      } else if (value instanceof Map) {
        for (const [key, item] of value) sets.push(itemField(api, name, key), JSON.stringify(item));
        world[name] = new TrackedMap(value);
      }
    }
  }
  const outbox = tenant.outbox.entries.map(withoutId);
  tenant.outbox.entries.length = 0;
  const journal = tenant.journal.entries.map(withoutId);
  tenant.journal.entries.length = 0;
  const meta = metaText(tenant);
  const metaChanged = meta !== previousMeta;
  return { changesState: metaChanged || sets.length > 0 || deletes.length > 0 || outbox.length > 0, meta: metaChanged ? meta : '', sets, deletes, outbox, journal };
}

/** A whole tenant (a restored snapshot's) as hash fields and list entries, ids kept. */
export function encodeTenant(tenant: Tenant, version: string): { fields: string[]; outbox: string[]; journal: string[] } {
  const fields: string[] = [FIELD.version, version, FIELD.meta, metaText(tenant)];
  for (const [api, world] of Object.entries(tenant.worlds)) {
    for (const [name, value] of Object.entries(world)) {
      if (value instanceof Map) for (const [key, item] of value) fields.push(itemField(api, name, key), JSON.stringify(item));
    }
  }
  fields.push(FIELD.outboxId, String(tenant.outbox.nextId - 1), FIELD.journalId, String(tenant.journal.nextId - 1));
  return { fields, outbox: tenant.outbox.entries.map((e) => JSON.stringify(e)), journal: tenant.journal.entries.map((e) => JSON.stringify(e)) };
}

/** The outbox and journal as stored: entries from their lists, next ids from the counters. */
export function decodeLogs(hash: { outboxId: string | null; journalId: string | null }, outbox: string[], journal: string[], caps: LogCaps) {
  const out = createOutbox(caps.maxOutbox);
  out.entries = outbox.map((text) => JSON.parse(text));
  out.nextId = Number(hash.outboxId ?? 0) + 1;
  const log = createJournal(caps.maxJournal);
  log.entries = journal.map((text) => JSON.parse(text));
  log.nextId = Number(hash.journalId ?? 0) + 1;
  return { outbox: out, journal: log };
}

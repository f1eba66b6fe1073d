import { defineScript } from '@redis/client';
import type { TenantKeys, WriteSet } from './redis-codec.js';

/** What the commit script answers. */
export const COMMITTED = 1;
export const CONFLICT = 0;
export const TENANT_LIMIT = -1;

/**
 * One step's writes, applied all or nothing, only if the tenant is still at the version the step
 * read (check-and-set: Redis runs a script without interleaving anything else). A step that only
 * read adds its journal entry without moving the version, so readers on many instances never
 * invalidate each other's caches.
 *
 * The tenant lifecycle is the memory store's (core/tenants.ts), kept in Redis: the index scores
 * each tenant with its last use (pinned ones: +inf, never evicted, no TTL); a new tenant in a full
 * table evicts the least recently used unpinned one; idle tenants expire with their keys' TTL.
 * Renewing that (the index score and three TTLs) is a "touch", which an instance sends with a
 * tenant's commits at most every so often rather than with each: the order and the TTL lag by at
 * most that interval. Evicting another tenant names keys the script was not given, so this is for
 * one Redis (or a primary with replicas), not a Redis Cluster.
 *
 * KEYS: state, outbox, journal, changes, tenants index, pinned set, stats hash.
 * ARGV: token, expected version ('' = no such tenant yet), new version ('' = unchanged), TTL ms
 *       (0 = never), now ms, max tenants, journal cap, outbox cap, meta ('' = unchanged), key
 *       prefix, touch (1/0), #sets, #deletes, #outbox entries, #journal entries, then those items.
 */
const COMMIT = `
local state, outbox, journal, changes, index, pinned, stats = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local token = ARGV[1]
local current = redis.call('HGET', state, 'v') or ''
if current ~= ARGV[2] then return ${CONFLICT} end
if current == '' and ARGV[3] == '' then return ${COMMITTED} end
local ttl, now = tonumber(ARGV[4]), tonumber(ARGV[5])
local touch = ARGV[11] == '1' or current == ''
local isPinned = nil
local function pinnedToken()
  if isPinned == nil then isPinned = redis.call('SISMEMBER', pinned, token) == 1 end
  return isPinned
end
local function expire(key)
  if ttl > 0 and not pinnedToken() then redis.call('PEXPIRE', key, ttl) else redis.call('PERSIST', key) end
end
if current == '' then
  if redis.call('ZSCORE', index, token) == false then
    if ttl > 0 then
      local idle = redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. (now - ttl))
      if idle > 0 then redis.call('HINCRBY', stats, 'evicted', idle) end
    end
    while redis.call('ZCARD', index) >= tonumber(ARGV[6]) do
      local oldest = redis.call('ZRANGE', index, 0, 0, 'WITHSCORES')
      if oldest[2] == 'inf' then return ${TENANT_LIMIT} end
      local prefix = ARGV[10]
      redis.call('DEL', prefix .. 'state:' .. oldest[1], prefix .. 'outbox:' .. oldest[1], prefix .. 'journal:' .. oldest[1], prefix .. 'changes:' .. oldest[1])
      redis.call('ZREM', index, oldest[1])
      redis.call('HINCRBY', stats, 'evicted', 1)
    end
  end
  -- Leftovers of an expired tenant whose lists outlived its hash by a moment.
  redis.call('DEL', outbox, journal, changes)
end
if touch then redis.call('ZADD', index, pinnedToken() and 'inf' or now, token) end
if ARGV[3] ~= '' then redis.call('HSET', state, 'v', ARGV[3]) end
if ARGV[9] ~= '' then redis.call('HSET', state, 'm', ARGV[9]) end
-- The fields this version wrote, for instances that catch up on it (a huge list: "reload whole").
if ARGV[3] ~= '' then
  local written, sets, deletes = {}, tonumber(ARGV[12]), tonumber(ARGV[13])
  local change
  if sets / 2 + deletes > 5000 then
    change = cjson.encode({ v = ARGV[3], all = true })
  else
    for k = 16, 15 + sets, 2 do written[#written + 1] = ARGV[k] end
    for k = 16 + sets, 15 + sets + deletes do written[#written + 1] = ARGV[k] end
    change = cjson.encode({ v = ARGV[3], f = written })
  end
  local length = redis.call('RPUSH', changes, change)
  if length > 100 then redis.call('LTRIM', changes, -100, -1) end
  if length == 1 and not touch then expire(changes) end
end
local i = 16
-- Chunks of 1000 arguments: Lua's unpack is bounded by its C stack.
local function chunked(command, count)
  local last = i + count - 1
  while i <= last do
    local j = math.min(i + 999, last)
    redis.call(command, state, unpack(ARGV, i, j))
    i = j + 1
  end
end
chunked('HSET', tonumber(ARGV[12]))
chunked('HDEL', tonumber(ARGV[13]))
local function append(list, counter, count, cap)
  if count == 0 then return end
  local length = 0
  for _ = 1, count do
    local id = redis.call('HINCRBY', state, counter, 1)
    length = redis.call('RPUSH', list, '{"id":' .. id .. ',' .. ARGV[i])
    i = i + 1
  end
  if length > cap then redis.call('LTRIM', list, -cap, -1) end
  -- A list this commit created needs its expiry now, touch or not.
  if length == count and not touch then expire(list) end
end
append(outbox, 'on', tonumber(ARGV[14]), tonumber(ARGV[8]))
append(journal, 'jn', tonumber(ARGV[15]), tonumber(ARGV[7]))
if touch then
  expire(state)
  expire(outbox)
  expire(journal)
  expire(changes)
end
return ${COMMITTED}
`;

export type LifecycleKeys = { index: string; pinned: string; stats: string };

export type CommitOptions = {
  token: string;
  expected: string;
  next: string;
  prefix: string;
  ttlMs: number;
  maxTenants: number;
  journalCapacity: number;
  outboxCapacity: number;
  /** Renew the tenant's place in the LRU order and its TTL with this commit. */
  touch: boolean;
};

export const commitScript = defineScript({
  SCRIPT: COMMIT,
  NUMBER_OF_KEYS: 7,
  parseCommand(parser, keys: TenantKeys & LifecycleKeys, options: CommitOptions, writes: WriteSet) {
    parser.pushKeys([keys.state, keys.outbox, keys.journal, keys.changes, keys.index, keys.pinned, keys.stats]);
    parser.push(
      options.token,
      options.expected,
      options.next,
      String(options.ttlMs),
      String(Date.now()),
      String(options.maxTenants),
      String(options.journalCapacity),
      String(options.outboxCapacity),
      writes.meta,
      options.prefix,
      options.touch ? '1' : '0',
      String(writes.sets.length),
      String(writes.deletes.length),
      String(writes.outbox.length),
      String(writes.journal.length),
    );
    // One push each: a bulk seed writes more items than a spread may pass as arguments.
    for (const list of [writes.sets, writes.deletes, writes.outbox, writes.journal]) for (const item of list) parser.push(item);
  },
  transformReply: (reply: unknown) => reply as number,
});

/** Forgets the tenants idle past the TTL from the index (their keys expired) and counts the rest. */
const COUNTS = `
local index, stats = KEYS[1], KEYS[2]
local ttl, now = tonumber(ARGV[1]), tonumber(ARGV[2])
if ttl > 0 then
  local idle = redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. (now - ttl))
  if idle > 0 then redis.call('HINCRBY', stats, 'evicted', idle) end
end
return { redis.call('ZCARD', index), redis.call('ZCOUNT', index, 'inf', 'inf'), tonumber(redis.call('HGET', stats, 'evicted') or '0') }
`;

export const countsScript = defineScript({
  SCRIPT: COUNTS,
  NUMBER_OF_KEYS: 2,
  parseCommand(parser, keys: LifecycleKeys, ttlMs: number) {
    parser.pushKeys([keys.index, keys.stats]);
    parser.push(String(ttlMs), String(Date.now()));
  },
  transformReply: (reply: unknown) => reply as number[] as [number, number, number],
});

/**
 * What changed since the version `from` an instance last knew: the current version and meta, and
 * every item field written since, plus `fields` (what the instance's own failed steps wrote, to be
 * set back), with their values (nil: deleted). Nil when `from` is no longer in the changes log, or
 * a version since wrote too much to list: then the instance reloads the tenant whole.
 */
const CATCH_UP = `
local state, changes = KEYS[1], KEYS[2]
local log = redis.call('LRANGE', changes, 0, -1)
local wanted, found = {}, false
for k = #log, 1, -1 do
  local change = cjson.decode(log[k])
  if change.v == ARGV[1] then found = true break end
  if change.all then return false end
  for _, field in ipairs(change.f) do wanted[field] = true end
end
local meta = redis.call('HGET', state, 'm')
if not found or not meta then return false end
for k = 2, #ARGV do wanted[ARGV[k]] = true end
local names, values = {}, {}
for field in pairs(wanted) do names[#names + 1] = field end
for s = 1, #names, 1000 do
  local part = redis.call('HMGET', state, unpack(names, s, math.min(s + 999, #names)))
  for k = 1, #part do values[#values + 1] = part[k] end
end
return { redis.call('HGET', state, 'v'), meta, names, values }
`;

export type CatchUp = { version: string; meta: string; fields: [string, string | null][] } | null;

export const catchUpScript = defineScript({
  SCRIPT: CATCH_UP,
  NUMBER_OF_KEYS: 2,
  parseCommand(parser, keys: TenantKeys, from: string, phantoms: string[]) {
    parser.pushKeys([keys.state, keys.changes]);
    parser.push(from);
    for (const field of phantoms) parser.push(field);
  },
  transformReply: (reply: unknown): CatchUp => {
    if (!reply) return null;
    const [version, meta, names, values] = reply as [string, string, string[], (string | null)[]];
    return { version, meta, fields: names.map((name, k): [string, string | null] => [name, values[k] ?? null]) };
  },
});

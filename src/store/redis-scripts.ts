import { defineScript } from '@redis/client';
import type { TenantKeys, WriteSet } from './redis-codec.js';

/** What the commit script answers. */
export const COMMITTED = 1;
export const CONFLICT = 0;
export const TENANT_LIMIT = -1;

/**
 * One step's writes, applied all or nothing, only if the tenant is still at the version the step
 * read (check-and-set: Redis runs a script without interleaving anything else). A step that only
 * read adds its journal entry and renews the TTL without moving the version, so readers on many
 * instances never invalidate each other's caches.
 *
 * KEYS: state, outbox, journal, tenants index.
 * ARGV: token, expected version ('' = no such tenant yet), new version ('' = unchanged), TTL ms,
 *       now ms, max tenants, journal capacity, touch index (1/0), meta ('' = unchanged),
 *       #sets, #deletes, #outbox entries, #journal entries, then those items in that order.
 */
const COMMIT = `
local state, outbox, journal, index = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local current = redis.call('HGET', state, 'v') or ''
if current ~= ARGV[2] then return ${CONFLICT} end
local ttl, now = ARGV[4], tonumber(ARGV[5])
if current == '' then
  if ARGV[3] == '' then return ${COMMITTED} end
  if redis.call('ZSCORE', index, ARGV[1]) == false then
    redis.call('ZREMRANGEBYSCORE', index, '-inf', now - tonumber(ttl))
    if redis.call('ZCARD', index) >= tonumber(ARGV[6]) then return ${TENANT_LIMIT} end
  end
  -- Leftovers of an expired tenant whose lists outlived its hash by a moment.
  redis.call('DEL', outbox, journal)
  redis.call('ZADD', index, now, ARGV[1])
elseif ARGV[8] == '1' then
  redis.call('ZADD', index, now, ARGV[1])
end
if ARGV[3] ~= '' then redis.call('HSET', state, 'v', ARGV[3]) end
if ARGV[9] ~= '' then redis.call('HSET', state, 'm', ARGV[9]) end
local i = 14
-- Chunks of 1000 arguments: Lua's unpack is bounded by its C stack.
local function chunked(command, count)
  local last = i + count - 1
  while i <= last do
    local j = math.min(i + 999, last)
    redis.call(command, state, unpack(ARGV, i, j))
    i = j + 1
  end
end
chunked('HSET', tonumber(ARGV[10]))
chunked('HDEL', tonumber(ARGV[11]))
local function append(list, counter, count)
  for _ = 1, count do
    local id = redis.call('HINCRBY', state, counter, 1)
    redis.call('RPUSH', list, '{"id":' .. id .. ',' .. ARGV[i])
    i = i + 1
  end
end
append(outbox, 'on', tonumber(ARGV[12]))
local journaled = tonumber(ARGV[13])
if journaled > 0 then
  append(journal, 'jn', journaled)
  redis.call('LTRIM', journal, -tonumber(ARGV[7]), -1)
end
redis.call('PEXPIRE', state, ttl)
redis.call('PEXPIRE', outbox, ttl)
redis.call('PEXPIRE', journal, ttl)
return ${COMMITTED}
`;

export type CommitOptions = { token: string; expected: string; next: string; ttlMs: number; maxTenants: number; journalCapacity: number; touch: boolean };

export const commitScript = defineScript({
  SCRIPT: COMMIT,
  NUMBER_OF_KEYS: 4,
  parseCommand(parser, keys: TenantKeys & { index: string }, options: CommitOptions, writes: WriteSet) {
    parser.pushKeys([keys.state, keys.outbox, keys.journal, keys.index]);
    parser.push(
      options.token,
      options.expected,
      options.next,
      String(options.ttlMs),
      String(Date.now()),
      String(options.maxTenants),
      String(options.journalCapacity),
      options.touch ? '1' : '0',
      writes.meta,
      String(writes.sets.length),
      String(writes.deletes.length),
      String(writes.outbox.length),
      String(writes.journal.length),
      ...writes.sets,
      ...writes.deletes,
      ...writes.outbox,
      ...writes.journal,
    );
  },
  transformReply: (reply: unknown) => reply as number,
});

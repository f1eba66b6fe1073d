import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { TenantPacker } from '../core/idle-packing.js';
import { plainWorlds } from '../core/world-codec.js';

/**
 * Idle tenants as deflated V8 serialization (structured clone): Maps go in as Maps, and a part
 * shared inside the tenant (a journal body that is a stored order, an address) is written once
 * and comes back shared. For a tenant after four order chains: 146 µs to pack and 226 µs to unpack
 * into 3.6 KB, against 332 µs and 369 µs into 4.0 KB through JSON text, which also left ~50 KB of
 * string garbage per pack. Deflate level 1: 80 µs against 340 µs for level 6, for ~20 % more bytes.
 * The bytes never leave the process, so the format's tie to this Node version does not matter.
 */
const FAST = { level: 1 };
export const deflatedTenants: TenantPacker = {
  // A copy of exactly the output's size: zlib hands out a view into a larger chunk, which the
  // view would otherwise keep alive for as long as the tenant stays packed.
  pack: ({ worlds, outbox, journal }) => new Uint8Array(deflateRawSync(serialize({ worlds: plainWorlds(worlds), outbox, journal }), FAST)),
  unpack: (bytes) => deserialize(inflateRawSync(bytes)),
};

/**
 * Idle tenants packed into a few kilobytes. A long-running mock holds thousands of tenants that
 * nobody has touched for a while — one per CI run, per test, per token — and as live objects each
 * is ~25 KB of small, long-lived heap objects (its worlds, outbox and journal). Packed, a tenant
 * is one compressed byte array outside the JavaScript heap (~3 KB), and it is unpacked, the same
 * state, on its next request. Fewer live objects also means less for the collector to mark and
 * fewer holes when tenants are evicted, which is what lets a mock's memory stay flat for weeks.
 *
 * Snapshots and the admin API's reads decode a packed tenant's parts without unpacking it; how the
 * parts become bytes is the packer's business (Node: V8 serialization and zlib).
 */
import type { BoundedLog } from './bounded-log.js';
import type { Journal } from './journal.js';
import type { Outbox } from './outbox.js';
import type { Tenant, World } from './tenants.js';

/** The bulky part of a tenant: what packing takes out of it. */
export type PackedParts = { worlds: Record<string, World>; outbox: Outbox; journal: Journal };

/** Turns a tenant's parts into bytes and back; synchronous, as every store step is. */
export type TenantPacker = { pack(parts: PackedParts): Uint8Array; unpack(bytes: Uint8Array): PackedParts };

/** What a packed tenant keeps at hand: its bytes, and what tenant listings show without unpacking. */
export type PackedTenant = { bytes: Uint8Array; apis: string[]; orders: number };

/**
 * A tenant with more orders than this stays unpacked: a bulk seed's orders are already stored
 * compactly (packed-orders.ts), and unpacking a million of them would stall every request behind.
 */
export const PACKABLE_ORDERS = 1_000;

/** The logs of a packed tenant: frozen and empty, so a write that skipped unpacking fails loudly. */
const PACKED_LOG: BoundedLog<never> = Object.freeze({ entries: Object.freeze([]) as never[], nextId: 0, capacity: 0 });

/** Orders across a live tenant's worlds (a packed one keeps its count in `packed.orders`). */
export const orderCount = (tenant: Tenant): number => Object.values(tenant.worlds).reduce((n, world) => n + world.orders.size, 0);

/** Packs the tenant in place; false (and nothing changes) when it holds too many orders. */
export function packTenant(tenant: Tenant, packer: TenantPacker): boolean {
  const orders = orderCount(tenant);
  if (orders > PACKABLE_ORDERS) return false;
  const bytes = packer.pack({ worlds: tenant.worlds, outbox: tenant.outbox, journal: tenant.journal });
  tenant.packed = { bytes, apis: Object.keys(tenant.worlds), orders };
  tenant.worlds = {};
  tenant.outbox = PACKED_LOG;
  tenant.journal = PACKED_LOG;
  return true;
}

/** A packed tenant's parts, decoded but not put back: what a snapshot needs. */
export const packedParts = (packed: PackedTenant, packer: TenantPacker): PackedParts => packer.unpack(packed.bytes);

type LogCaps = { maxOutbox: number; maxJournal: number };

/** A packed tenant's parts with its logs under the table's current caps (which may have changed since it was packed). */
export function packedPartsUnderCaps(packed: PackedTenant, packer: TenantPacker, caps: LogCaps): PackedParts {
  const { worlds, outbox, journal } = packedParts(packed, packer);
  return { worlds, outbox: { ...outbox, capacity: caps.maxOutbox }, journal: { ...journal, capacity: caps.maxJournal } };
}

/** Puts a packed tenant's parts back; a no-op when not packed. */
export function unpackTenant(tenant: Tenant, packer: TenantPacker, caps: LogCaps): void {
  if (!tenant.packed) return;
  const { worlds, outbox, journal } = packedPartsUnderCaps(tenant.packed, packer, caps);
  tenant.worlds = worlds;
  tenant.outbox = outbox;
  tenant.journal = journal;
  tenant.packed = undefined;
}

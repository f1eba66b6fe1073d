import type { components } from '../generated/admin.js';

/**
 * Side effects a real service would cause (charges, refunds, emails, shipments), recorded per
 * tenant so tests can assert them through the admin API instead of trusting the response.
 */
export type OutboxEntry = components['schemas']['OutboxEntry'];

export type Outbox = { entries: OutboxEntry[]; nextId: number };

export const createOutbox = (): Outbox => ({ entries: [], nextId: 1 });

export function recordEffect(outbox: Outbox, entry: Omit<OutboxEntry, 'id'>): OutboxEntry {
  // Listed, not spread (see appendJournal): the outbox keeps every entry.
  const { at, api, order_id, type, data } = entry;
  const recorded = { id: outbox.nextId++, at, api, order_id, type, data };
  outbox.entries.push(recorded);
  return recorded;
}

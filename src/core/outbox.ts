import type { components } from '../generated/admin.js';
import { appendBounded, createBoundedLog, type BoundedLog } from './bounded-log.js';

/**
 * Side effects a real service would cause (charges, refunds, emails, shipments), recorded per
 * tenant so tests can assert them through the admin API instead of trusting the response.
 * Bounded (--max-outbox): a long-running mock must not grow it without end.
 */
export type OutboxEntry = components['schemas']['OutboxEntry'];

export type Outbox = BoundedLog<OutboxEntry>;

export const DEFAULT_OUTBOX_CAPACITY = 1000;

export const createOutbox = (capacity = DEFAULT_OUTBOX_CAPACITY): Outbox => createBoundedLog(capacity);

export function recordEffect(outbox: Outbox, entry: Omit<OutboxEntry, 'id'>): OutboxEntry {
  // Listed, not spread (see appendJournal).
  const { at, api, order_id, type, data } = entry;
  const recorded = { id: outbox.nextId++, at, api, order_id, type, data };
  appendBounded(outbox, recorded);
  return recorded;
}

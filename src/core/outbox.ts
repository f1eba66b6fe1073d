/**
 * Side effects a real service would cause (charges, refunds, emails, shipments), recorded per
 * tenant so tests can assert them through the admin API instead of trusting the response.
 */
export type OutboxEntry = {
  id: number;
  at: string;
  api: string;
  order_id: string;
  /** The effect name from the spec's transition table, e.g. `charge`, `email.confirmation`. */
  type: string;
  data: Record<string, unknown>;
};

export type Outbox = { entries: OutboxEntry[]; nextId: number };

export const createOutbox = (): Outbox => ({ entries: [], nextId: 1 });

export function recordEffect(outbox: Outbox, entry: Omit<OutboxEntry, 'id'>): OutboxEntry {
  const recorded = { id: outbox.nextId++, ...entry };
  outbox.entries.push(recorded);
  return recorded;
}

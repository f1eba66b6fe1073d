/**
 * A per-tenant log that keeps its newest `capacity` entries and knows how many it let go, so a
 * test can tell "nothing happened" from "it fell off". The outbox and the journal are both one.
 *
 * Entries are numbered 1, 2, 3… and only ever leave from the front, so the count dropped is the
 * numbers handed out minus the entries kept: no counter to keep in step, and a snapshot written
 * before logs were bounded restores with the right count.
 */
export type BoundedLog<T> = { entries: T[]; nextId: number; capacity: number };

export const createBoundedLog = <T>(capacity: number): BoundedLog<T> => ({ entries: [], nextId: 1, capacity });

/** Appends an entry; past the capacity the oldest go, in batches of a quarter of it. */
export function appendBounded<T>(log: BoundedLog<T>, entry: T): void {
  log.entries.push(entry);
  // A batch, not one shift per append: shifting moves the whole array each time, a splice every
  // capacity/4 appends moves it once (amortised O(1), at most 25 % more entries held).
  if (log.entries.length > log.capacity + Math.ceil(log.capacity / 4)) log.entries.splice(0, log.entries.length - log.capacity);
}

/** The entries the log answers with: at most the newest `capacity`, oldest first. */
export const keptEntries = <T>(log: BoundedLog<T>): T[] => (log.entries.length > log.capacity ? log.entries.slice(-log.capacity) : log.entries);

/** How many entries fell off the front since the log began. */
export const droppedEntries = (log: BoundedLog<unknown>): number => Math.max(0, log.nextId - 1 - Math.min(log.entries.length, log.capacity));

/** The request journal: what each tenant sent and what it got, newest last, bounded. */
export type JournalEntry = {
  id: number;
  at: string;
  method: string;
  path: string;
  api: string | null;
  operationId: string | null;
  status: number;
  latency_ms: number;
  /** Why the request was refused, when the spec refused it (`line_items[0].sku is required`). */
  validation_errors: string[];
  fault: string | null;
};

export type Journal = { entries: JournalEntry[]; nextId: number; capacity: number };

export const createJournal = (capacity = 1000): Journal => ({ entries: [], nextId: 1, capacity });

export function appendJournal(journal: Journal, entry: Omit<JournalEntry, 'id'>): void {
  journal.entries.push({ id: journal.nextId++, ...entry });
  // Drop in batches so the hot path does not shift the array on every request.
  if (journal.entries.length > journal.capacity * 1.25) journal.entries.splice(0, journal.entries.length - journal.capacity);
}

export const recentJournal = (journal: Journal, limit = journal.capacity): JournalEntry[] =>
  journal.entries.slice(-Math.min(limit, journal.capacity));

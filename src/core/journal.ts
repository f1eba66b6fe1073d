import type { components } from '../generated/admin.js';

/** The request journal: what each tenant sent and what it got, newest last, bounded. */
export type JournalEntry = components['schemas']['JournalEntry'];

export type Journal = { entries: JournalEntry[]; nextId: number; capacity: number };

export const createJournal = (capacity = 1000): Journal => ({ entries: [], nextId: 1, capacity });

export function appendJournal(journal: Journal, entry: Omit<JournalEntry, 'id'>): void {
  // Fields listed, not spread: `{ id, ...entry }` leaves all but two in a separate property array
  // (built key by key), a visible cost per request for objects the journal keeps a thousand of.
  const { at, method, path, api, operationId, status, latency_ms, validation_errors, fault } = entry;
  journal.entries.push({ id: journal.nextId++, at, method, path, api, operationId, status, latency_ms, validation_errors, fault });
  // Drop in batches so the hot path does not shift the array on every request.
  if (journal.entries.length > journal.capacity * 1.25) journal.entries.splice(0, journal.entries.length - journal.capacity);
}

export const recentJournal = (journal: Journal, limit = journal.capacity): JournalEntry[] =>
  journal.entries.slice(-Math.min(limit, journal.capacity));

import type { components } from '../generated/admin.js';
import { appendBounded, createBoundedLog, type BoundedLog } from './bounded-log.js';

/** The request journal: what each tenant sent and what it got, newest last, bounded (--max-journal). */
export type JournalEntry = components['schemas']['JournalEntry'];

export type Journal = BoundedLog<JournalEntry>;

export const DEFAULT_JOURNAL_CAPACITY = 1000;

export const createJournal = (capacity = DEFAULT_JOURNAL_CAPACITY): Journal => createBoundedLog(capacity);

export function appendJournal(journal: Journal, entry: Omit<JournalEntry, 'id'>): void {
  // Fields listed, not spread: `{ id, ...entry }` leaves all but two in a separate property array
  // (built key by key), a visible cost per request for objects the journal keeps a thousand of.
  const { at, method, path, api, operationId, status, latency_ms, validation_errors, fault } = entry;
  appendBounded(journal, { id: journal.nextId++, at, method, path, api, operationId, status, latency_ms, validation_errors, fault });
}

/** The newest `limit` entries the journal keeps (it may briefly hold more than its capacity). */
export const recentJournal = (journal: Journal, limit = journal.capacity): JournalEntry[] =>
  journal.entries.slice(-Math.min(limit, journal.capacity));

import type { components } from '../generated/admin.js';
import { appendBounded, createBoundedLog, keptEntries, type BoundedLog } from './bounded-log.js';

/** The request journal: what each tenant sent and what it got, newest last, bounded (--max-journal). */
export type JournalEntry = components['schemas']['JournalEntry'];

export type Journal = BoundedLog<JournalEntry>;

export const DEFAULT_JOURNAL_CAPACITY = 1000;

/**
 * What almost every entry records as its validation errors: one frozen array shared by all of
 * them, not an empty one per request that the journal then keeps for a thousand requests.
 */
export const NO_VALIDATION_ERRORS = Object.freeze([]) as unknown as string[];

export const createJournal = (capacity = DEFAULT_JOURNAL_CAPACITY): Journal => createBoundedLog(capacity);

export function appendJournal(journal: Journal, entry: Omit<JournalEntry, 'id'>): void {
  // Fields listed, not spread: `{ id, ...entry }` leaves all but two in a separate property array
  // (built key by key), a visible cost per request for objects the journal keeps a thousand of.
  const { at, method, path, api, operationId, status, latency_ms, validation_errors, fault, request_body, response_body, error_code } = entry;
  appendBounded(journal, { id: journal.nextId++, at, method, path, api, operationId, status, latency_ms, validation_errors, fault, request_body, response_body, error_code });
}

/** The entries newer than the id `since`, only the last `limit` of them, oldest first. */
export function journalSince(journal: Journal, since = 0, limit = journal.capacity): JournalEntry[] {
  const entries = keptEntries(journal);
  // Ids rise along the array, so the new entries are a tail: found from the end, cheap to poll.
  let start = entries.length;
  while (start > 0 && entries[start - 1]!.id > since) start--;
  return entries.slice(Math.max(start, entries.length - Math.min(limit, journal.capacity)));
}

/** A thousand entries a tenant: a body past this many bytes of JSON is kept as a note instead. */
export const JOURNAL_BODY_LIMIT = 16 * 1024;

/**
 * A body as the journal keeps it: by reference (requests are parsed once and stored orders are
 * replaced, never changed, so it stays what was sent), null for none, or a note when its JSON
 * passed the limit. `jsonBytes` is the size when the caller already knows it (Content-Length, the
 * reply it just wrote); else it is measured, in UTF-16 units: no Buffer here, the core may run in a browser.
 */
export function journalBody(body: unknown, jsonBytes?: number): unknown {
  if (body === undefined) return null;
  const bytes = jsonBytes ?? JSON.stringify(body).length;
  return bytes > JOURNAL_BODY_LIMIT ? `[cut: ${bytes} bytes of JSON, over the journal's ${JOURNAL_BODY_LIMIT}-byte limit]` : body;
}

/**
 * The error code a client would branch on, read from the body by shape rather than by API, so
 * every way the APIs answer (an injected fault, a `Prefer` example, a strict-mode 500) is covered.
 * sFOX's `{"error": "<text>"}` carries no code: null, like a success.
 */
export function errorCodeOf(body: any): string | null {
  // Dirty Lemon (and the admin API): {"error": {"code", "message"}}.
  if (typeof body?.error?.code === 'string') return body.error.code;
  // Estoka: {"error": "<mensagem>", "code"}; its successes have no top-level `code`.
  if (typeof body?.error === 'string' && typeof body.code === 'string') return body.code;
  // RetailOPS: {"events": [{"status": "error", "error_code"}]}, refusals included, even with a 200.
  if (Array.isArray(body?.events)) {
    const refusal = body.events.find((event: any) => event?.status === 'error');
    if (typeof refusal?.error_code === 'string') return refusal.error_code;
  }
  return null;
}

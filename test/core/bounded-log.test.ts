import { describe, expect, it } from 'vitest';
import { appendBounded, createBoundedLog, droppedEntries, keptEntries } from '../../src/core/bounded-log.js';
import { createJournal, appendJournal, journalSince } from '../../src/core/journal.js';
import { createOutbox, recordEffect } from '../../src/core/outbox.js';

describe('bounded logs', () => {
  it('keep the newest `capacity` entries, oldest first, and count the rest as dropped', () => {
    for (let capacity = 1; capacity <= 9; capacity++) {
      const log = createBoundedLog<number>(capacity);
      for (let n = 1; n <= 40; n++) {
        appendBounded(log, log.nextId++);
        const expected = Array.from({ length: Math.min(n, capacity) }, (_, i) => n - Math.min(n, capacity) + 1 + i);
        expect(keptEntries(log), `capacity ${capacity} after ${n}`).toEqual(expected);
        expect(droppedEntries(log)).toBe(n - expected.length);
        // Never more than a quarter over the cap in memory.
        expect(log.entries.length).toBeLessThanOrEqual(capacity + Math.ceil(capacity / 4));
      }
    }
  });

  it('bound the outbox and the journal by the capacity they were made with', () => {
    const outbox = createOutbox(3);
    for (let i = 0; i < 10; i++) recordEffect(outbox, { at: '2024-01-01T00:00:00.000Z', api: 'sfox', order_id: String(i), type: 'charge', data: {} });
    expect(keptEntries(outbox).map((e) => e.order_id)).toEqual(['7', '8', '9']);
    expect(droppedEntries(outbox)).toBe(7);

    const journal = createJournal(4);
    const entry = { at: '2024-01-01T00:00:00.000Z', method: 'GET', api: 'sfox', operationId: 'getOrder', status: 200, latency_ms: 0.1, validation_errors: [], fault: null, request_body: null, response_body: null, error_code: null };
    for (let i = 0; i < 11; i++) appendJournal(journal, { ...entry, path: `/sfox/v1/orders/${i}` });
    expect(journalSince(journal).map((e) => e.id)).toEqual([8, 9, 10, 11]);
    expect(journalSince(journal, 0, 2).map((e) => e.id)).toEqual([10, 11]);
    expect(journalSince(journal, 9).map((e) => e.id)).toEqual([10, 11]);
    expect(droppedEntries(journal)).toBe(7);
  });
});

import { isRebuilt } from '../core/packed-orders.js';

/** How many bodies' texts are kept: the hot orders of a busy mock, a megabyte or two of text. */
export const READ_TEXTS_KEPT = 1024;

/**
 * The JSON text of bodies that reads answered, kept for the most recently serialized of them. A
 * stored order is never changed in place (a transition stores a new object: core/transitions.ts),
 * so its text stays right for as long as it is kept, and an order read again and again is
 * serialized once. Bounded, not weak: a weak cache keeps the text of every order any tenant ever
 * read for as long as the order lives — a sixth of a long-running mock's memory at 10,000 tenants.
 * Oldest out first, with no reordering on a hit: a hot order pushed out is serialized again on
 * its next read, and a hit costs one lookup.
 */
const texts = new Map<object, string>();

export function readText(body: object): string {
  // A bulk-seeded order is rebuilt on each read (core/packed-orders.ts): its text is never asked for twice.
  if (isRebuilt(body)) return JSON.stringify(body);
  let text = texts.get(body);
  if (text !== undefined) return text;
  text = JSON.stringify(body);
  if (texts.size >= READ_TEXTS_KEPT) texts.delete(texts.keys().next().value!);
  texts.set(body, text);
  return text;
}

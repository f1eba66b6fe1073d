import { createHash } from 'node:crypto';

// Every docs file is answered with `cache-control: no-cache` and an ETag: the browser keeps its
// copy (and, for scripts, V8's compiled code alongside it) and asks each time whether it is still
// current, so a repeat visit costs a 304 instead of the 1.7 MB console bundle, and a mock restarted
// with changed specs is seen at once.

/** A strong entity tag for a body: a hash of its bytes, quoted as RFC 9110 §8.8.3 wants. */
export const entityTag = (body: string | Uint8Array): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/**
 * Whether a request's `If-None-Match` names `tag` (or is `*`), so a 304 may answer it. The
 * comparison is weak (RFC 9110 §13.1.2): `W/"x"` matches `"x"`.
 */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (value: string) => value.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((listed) => listed.trim() === '*' || bare(listed) === bare(tag));
}

import { describe, expect, it } from 'vitest';
import { entityTag, matchesIfNoneMatch } from '../../src/docs/revalidation.js';
import { createMock } from '../../src/http/app.js';
import type { PlainReply } from '../../src/http/exchange.js';

describe('entity tags for the docs files', () => {
  it('are quoted hashes of the body: equal bodies, equal tags; a changed byte, another tag', () => {
    expect(entityTag('console')).toMatch(/^"[\w-]{27}"$/);
    expect(entityTag('console')).toBe(entityTag(new TextEncoder().encode('console')));
    expect(entityTag('console')).not.toBe(entityTag('consolf'));
  });

  it('If-None-Match matches a listed tag, weak or strong, or *, and nothing when absent', () => {
    const tag = entityTag('page');
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", W/${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch('*', tag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', tag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
    expect(matchesIfNoneMatch('', tag)).toBe(false);
  });
});

describe('the mock serves /docs for revalidation', () => {
  const { core } = createMock({ strict: true });
  const get = (url: string, headers: Record<string, string> = {}): Promise<PlainReply> => core({ method: 'GET', url, headers, readBody: async () => undefined });

  it.each(['/docs', '/docs/sfox', '/docs/assets/swagger-ui-bundle.js', '/docs/assets/docs.css'])('%s: no-cache with an ETag, then 304 without a body for that tag', async (url) => {
    const first = await get(url);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag!;
    expect(etag).toBe(entityTag(first.body!));

    const again = await get(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers).toMatchObject({ 'cache-control': 'no-cache', etag });
    // A copy from before the specs changed is sent again in full.
    expect((await get(url, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('each file has its own tag', async () => {
    const tags = await Promise.all(['/docs', '/docs/sfox', '/docs/estoka', '/docs/assets/docs.js'].map(async (url) => (await get(url)).headers.etag));
    expect(new Set(tags).size).toBe(4);
  });
});

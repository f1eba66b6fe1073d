import fc, { type Arbitrary } from 'fast-check';

/** Strings that break naive code: empty, huge, accents, emoji, control characters, injections. */
export const hostileString: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'CRÉMAZIE',
    '1-60 CRÉMAZIE OUEST',
    'CRÃ‰MAZIE',
    'São Paulo — ação',
    '💥🍋',
    '\u0000',
    '\ud800',
    '\u202e gnp.exe',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    '%00',
    '%zz',
    '{{7*7}}',
    '${jndi:ldap://x}',
    '__proto__',
    'constructor',
    'null',
    'undefined',
    'NaN',
    'true',
  ),
  fc.constantFrom(1_000, 10_000, 100_000).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Numbers at and past every edge: negative, zero, fractions, past 2^53, the largest doubles. */
export const hostileNumber: Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, -1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, -1e21, 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Almost-uuids: each one fails `format: uuid` somewhere. */
export const badUuid: Arbitrary<string> = fc.oneof(
  fc.constantFrom('not-a-uuid', '294e03d6-df4f-4ee1-94be-e334c420381', '294e03d6-df4f-4ee1-94be-e334c420381aa', '294e03d6df4f4ee194bee334c420381a', 'g94e03d6-df4f-4ee1-94be-e334c420381a', '{294e03d6-df4f-4ee1-94be-e334c420381a}'),
  fc.uuid().map((u) => u.slice(0, -1)),
  fc.uuid().map((u) => `${u} `),
);

/** A value of the wrong type for almost any field. */
export const hostileValue: Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  badUuid,
  fc.constantFrom(null, true, false, [], {}, [null], { '': '' }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Percent-encodes like a client; a lone surrogate (which encodeURIComponent refuses) goes as its raw bytes. */
const encodeSegment = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
};

/**
 * Text for a path segment or query value, percent-encoded or deliberately malformed. Kept under
 * a few KB: past 16 KB Node's HTTP parser answers 431 itself, before the mock sees the request.
 */
export const hostileSegment: Arbitrary<string> = fc.oneof(
  fc
    .oneof(
      hostileString.filter((s) => s !== '' && s.length <= 1_000),
      fc.constant('x'.repeat(1_000)),
      badUuid,
      hostileNumber.map(String),
      fc.constantFrom('99999999999999999999', '1e3', '0x10', '+1', '01', '-5', '1.0', '1.5'),
    )
    .map(encodeSegment),
  fc.constantFrom('%', '%zz', '%C3', '%E0%A4%A', '..', '.', '%2F', '%2e%2e'),
);

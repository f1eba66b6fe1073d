const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+)(ms|s|m|h|d)/y;

/**
 * `24h`, `30m`, `1h30m`, `90s`, `500ms`, `2d` or `0` → milliseconds; null for anything else. A bare
 * number other than 0 is refused rather than guessed: `--tenant-ttl 24` meaning 24 ms (as the
 * `ms` package reads it) would quietly evict every tenant.
 */
export function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return null;
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  return text.length > 0 && Number.isSafeInteger(total) ? total : null;
}

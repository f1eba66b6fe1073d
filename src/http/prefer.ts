/** Prism-style per-request overrides: `Prefer: code=404, example=name, delay=200`. */
export type Preferences = { code?: number; example?: string; delayMs?: number };

export function parsePrefer(header: string | undefined): Preferences {
  const prefs: Preferences = {};
  if (!header) return prefs;
  for (const part of header.split(/[,;]/)) {
    const [key, raw] = part.split('=').map((s) => s.trim());
    const value = raw?.replace(/^"|"$/g, '');
    if (!value) continue;
    if (key === 'code' && /^\d{3}$/.test(value)) prefs.code = Number(value);
    else if (key === 'example') prefs.example = value;
    else if (key === 'delay' && /^\d{1,5}$/.test(value)) prefs.delayMs = Number(value);
  }
  return prefs;
}

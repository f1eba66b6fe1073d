/**
 * A virtual clock per tenant: real time plus an offset, or frozen. Scheduled work runs lazily,
 * when the tenant is next touched or its clock advanced, so nothing depends on timers firing.
 */
export type ScheduledTask = { dueAt: number; kind: string; data: Record<string, unknown> };

export type Clock = {
  offsetMs: number;
  /** When set, time stands still at this epoch-ms value (plus advances). */
  frozenAt: number | null;
  tasks: ScheduledTask[];
};

export const createClock = (): Clock => ({ offsetMs: 0, frozenAt: null, tasks: [] });

export const nowMs = (clock: Clock): number => (clock.frozenAt ?? Date.now()) + clock.offsetMs;

// Requests arriving within one millisecond share its text: formatting a date is a visible share
// of the work of a small request.
let lastMs = NaN;
let lastIso = '';

export function nowIso(clock: Clock): string {
  const ms = nowMs(clock);
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/** Years 0000–9999: outside them `toISOString` writes `+010000-…`, which no RFC 3339 date-time accepts. */
export const isRfc3339Time = (ms: number): boolean => Number.isFinite(ms) && ms >= -62_167_219_200_000 && ms <= 253_402_300_799_999;

export function advanceClock(clock: Clock, ms: number): void {
  clock.offsetMs += ms;
}

export function freezeClock(clock: Clock, atMs: number | null): void {
  clock.offsetMs = 0;
  clock.frozenAt = atMs;
}

export function schedule(clock: Clock, afterMs: number, kind: string, data: Record<string, unknown>): void {
  clock.tasks.push({ dueAt: nowMs(clock) + afterMs, kind, data });
  clock.tasks.sort((a, b) => a.dueAt - b.dueAt);
}

/** Removes and returns the tasks whose time has come, earliest first. */
export function takeDueTasks(clock: Clock): ScheduledTask[] {
  if (clock.tasks.length === 0) return clock.tasks;
  const now = nowMs(clock);
  let n = 0;
  while (n < clock.tasks.length && clock.tasks[n]!.dueAt <= now) n++;
  return n === 0 ? [] : clock.tasks.splice(0, n);
}

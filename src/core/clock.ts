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

export const nowIso = (clock: Clock): string => new Date(nowMs(clock)).toISOString();

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

import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

/**
 * How far past what is live V8 lets the heap grow before its next full collection, for `serve`.
 * V8's own choice (up to 4×, larger the faster its collector looks) suits a short script; a mock
 * that runs for weeks under steady traffic then sits at two or three times its live memory, and
 * its RSS swings by hundreds of MB with the collection cycle. 60 % keeps it near what is live for a
 * few more full collections; 20 % kept it nearer still, but with a growing tenant it collected so
 * often that POST and create → pay → cancel p99 rose 20–70 % (A/B: README, Performance).
 */
export const HEAP_GROWING_PERCENT = 60;

/**
 * The least room, in MB, a full collection leaves before the next. 60 % of a small heap is a few
 * MB: a tenant growing from an empty start (a POST load) was collected at 13, 19, 20, 40, 38, 54,
 * 77, 98, 118 and 153 MB, ten full collections in 14 s where raw node:http, at V8's own growth,
 * had three. With this floor a small heap grows like V8's own would, and a large one (where
 * 60 % is more than the floor) is bounded as before.
 */
export const HEAP_ROOM_FLOOR_MB = 64;

/** The growth percent for a heap with `liveMb` live after a full collection. */
export const growingPercentFor = (liveMb: number): number =>
  Math.max(HEAP_GROWING_PERCENT, Math.min(400, Math.ceil((HEAP_ROOM_FLOOR_MB / Math.max(liveMb, 1)) * 100)));

/**
 * Applies the growth bound unless node was started with its own `--heap-growing-percent`. V8 reads
 * the flag at every full collection, so after each one the percent is set for the live size it
 * left: the next collection's limit follows the heap as it grows or shrinks.
 */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'))) return;
  let current = 0;
  const apply = () => {
    const percent = growingPercentFor(getHeapStatistics().used_heap_size / 2 ** 20);
    if (percent === current) return;
    current = percent;
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  };
  apply();
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) apply();
  });
  observer.observe({ entryTypes: ['gc'] });
}

import { setFlagsFromString } from 'node:v8';

/**
 * How far past what is live V8 lets the heap grow before its next full collection, for `serve`.
 * V8's own choice (up to 4×, larger the faster its collector looks) suits a short script; a mock
 * that runs for weeks under steady traffic then sits at two or three times its live memory, and
 * its RSS swings by hundreds of MB with the collection cycle. 60 % keeps it near what is live for a
 * few more full collections; 20 % kept it nearer still, but with a growing tenant it collected so
 * often that POST and create → pay → cancel p99 rose 20–70 % (A/B: README, Performance). Set before
 * any load; V8 reads it at every collection.
 */
export const HEAP_GROWING_PERCENT = 60;

/** Applies HEAP_GROWING_PERCENT unless node was started with its own `--heap-growing-percent`. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

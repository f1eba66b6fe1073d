import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkRestoredWorld } from '../apis/engine.js';
import { restoreStore, snapshotStore } from '../core/snapshot.js';
import type { TenantStore } from '../core/tenants.js';

export class StateFileError extends Error {
  override name = 'StateFileError';
}

/**
 * Loads a state file into the store if it exists; a corrupt or foreign file is a StateFileError.
 * Its tenants stay pinned as the file says (`pinned`; every tenant of a file without that list),
 * so a restart neither evicts the world someone kept nor pins every token a long run saw.
 */
export function loadStateFile(path: string, store: TenantStore): number {
  if (!existsSync(path)) return 0;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StateFileError(`${path} cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(`${path} is not valid JSON (${(error as Error).message})`);
  }
  try {
    return restoreStore(store, parsed, checkRestoredWorld);
  } catch (error) {
    throw new StateFileError(`${path}: ${(error as Error).message}`);
  }
}

/** Writes the whole state atomically: a temp file beside the target, then rename over it. */
export function saveStateFile(path: string, store: TenantStore): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(snapshotStore(store)));
  renameSync(temp, path);
}

/**
 * Saves after changes, at most every `intervalMs`, by watching the store's version counter —
 * so request handlers never wait on the disk.
 */
export function watchStateFile(path: string, store: TenantStore, onError: (error: Error) => void, intervalMs = 250): { flush(): boolean; stop(): void } {
  let saved = store.version;
  let failing = false;
  /** Saves if anything changed; false when the save failed (reported once until one succeeds). */
  const flush = () => {
    if (store.version === saved) return true;
    const version = store.version;
    try {
      saveStateFile(path, store);
    } catch (error) {
      // A failed save must not take the server down from inside a timer; the next change retries.
      if (!failing) onError(error as Error);
      failing = true;
      return false;
    }
    saved = version;
    failing = false;
    return true;
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  return { flush, stop: () => clearInterval(timer) };
}

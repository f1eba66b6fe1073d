import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { restoreStore, snapshotStore } from '../core/snapshot.js';
import type { TenantStore } from '../core/tenants.js';

export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** Loads a state file into the store if it exists; a corrupt or foreign file is a StateFileError. */
export function loadStateFile(path: string, store: TenantStore): number {
  if (!existsSync(path)) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new StateFileError(`${path} is not valid JSON (${(error as Error).message})`);
  }
  try {
    return restoreStore(store, parsed);
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
export function watchStateFile(path: string, store: TenantStore, intervalMs = 250): { flush(): void; stop(): void } {
  let saved = store.version;
  const flush = () => {
    if (store.version === saved) return;
    saved = store.version;
    saveStateFile(path, store);
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  return { flush, stop: () => clearInterval(timer) };
}

import { UsageError } from './usage.js';

/**
 * Imports an optional peer dependency (Pact for verify, swagger-mock-validator for check-pact): a
 * team that only runs the mock never downloads them, so a missing one is a usage error naming the
 * install command, not a stack trace.
 */
export async function importOptional<T>(load: () => Promise<T>, pkg: string, command: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    // Only the package itself missing: a broken install inside it keeps its own error.
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && (error as Error).message.includes(`'${pkg}'`);
    if (!missing) throw error;
    throw new UsageError(`ordermock ${command} needs ${pkg}, an optional peer dependency: npm install --save-dev ${pkg}`);
  }
}

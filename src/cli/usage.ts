/** A usage problem: printed as one line, exit code 2. Kept apart so --help loads nothing else. */
export class UsageError extends Error {
  override name = 'UsageError';
}

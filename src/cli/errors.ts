// Maps errors to what the person at the terminal should read, and to exit codes:
// 2 = bad input (fix the file or the arguments), 1 = anything else.
import { isArchiveError } from '../archive/errors.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { ArchiveOwnerMismatchError } from '../graph/ingest.ts';

export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export function reportError(err: unknown): number {
  if (isArchiveError(err) || err instanceof ArchiveOwnerMismatchError) {
    process.stderr.write(`passerelle: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof DataDirLockedError) {
    process.stderr.write(`passerelle: ${err.message}\n`);
    return EXIT_FAILURE;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`passerelle: ${message}\n`);
  if (process.env.PASSERELLE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return EXIT_FAILURE;
}

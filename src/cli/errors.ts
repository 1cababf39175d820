// Maps errors to what the person at the terminal should read, and to exit codes:
// 2 = bad input (fix the file or the arguments), 1 = anything else.
// Errors are recognised by their code, so this module loads no database driver.
import { isArchiveError } from '../archive/errors.ts';
import { networkCause } from '../net/errors.ts';
import { redactedError, redactSecrets } from '../vault/redact.ts';

const BAD_INPUT_CODES = new Set(['ARCHIVE_OWNER_MISMATCH', 'ARCHIVE_TOO_LARGE', 'BACKUP_BAD_INPUT']);

export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export function reportError(err: unknown): number {
  if (isArchiveError(err) || BAD_INPUT_CODES.has((err as { code?: string })?.code ?? '')) {
    process.stderr.write(`passerelle: ${(err as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = redactSecrets(withNetworkCause(err));
  process.stderr.write(`passerelle: ${message}\n`);
  const stack = err instanceof Error ? redactedError(err).stack : undefined;
  if (process.env.PASSERELLE_DEBUG && stack) process.stderr.write(`${stack}\n`);
  return EXIT_FAILURE;
}

/** "fetch failed" alone says nothing: the network cause (refused, timed out, DNS, TLS) is added. */
function withNetworkCause(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause = networkCause(err);
  return cause && !message.includes(cause.text) ? `${message}: ${cause.text}` : message;
}

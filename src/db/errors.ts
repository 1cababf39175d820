// Recognises errors that say the database cannot serve right now (a lost connection, a server
// shutting down, a full disk), as opposed to a bug or bad input: callers answer 503 with a retry
// hint, workers pause and go on. Drivers and Drizzle wrap errors: the whole cause chain is read.

export type DatabaseOutage = 'DATABASE_UNAVAILABLE' | 'DATABASE_DISK_FULL';

// SQLSTATE classes 08 (connection exception), 57P (operator intervention: terminated backend,
// shutdown, not yet accepting connections), 53 (insufficient resources: disk full, out of memory,
// too many connections). https://www.postgresql.org/docs/current/errcodes-appendix.html
const DISK_FULL = '53100';
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53[0-9]00)$/;
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTCONN',
]);
// node-postgres reports a socket closed under it by message only.
const NETWORK_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/;

export function databaseOutage(err: unknown): DatabaseOutage | null {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth += 1) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (
      code === DISK_FULL ||
      code === 'DATABASE_DISK_FULL' ||
      code === 'ENOSPC' ||
      /No space left on device/.test(String(message))
    )
      return 'DATABASE_DISK_FULL';
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_CODES.has(code)))
      return 'DATABASE_UNAVAILABLE';
    if (NETWORK_MESSAGES.test(String(message))) return 'DATABASE_UNAVAILABLE';
  }
  return null;
}

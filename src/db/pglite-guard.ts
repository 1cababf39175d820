// What stands between a PGlite client in a data folder and every statement: the folder's lock is
// still this process's (or nothing runs), and a failure on a full disk says so.
import type { PGlite } from '@electric-sql/pglite';
import { diagnoseDiskFull } from './disk.ts';
import { type DataDirLock, DataDirLockLostError } from './lock.ts';

/** How often a serving process re-reads its lock file between statements (each one checks too). */
const LOCK_CHECK_MS = 1_000;

export interface GuardOptions {
  lock: DataDirLock;
  /** The folder whose disk is read when a statement fails. */
  folder: string;
  onLockLost: (err: DataDirLockLostError) => void;
}

/** Wraps the client's entry points (Drizzle's go through them too); returns the stop function. */
export function guardPglite(client: PGlite, options: GuardOptions): () => void {
  const assertHeld = () => {
    try {
      options.lock.assertHeld();
    } catch (err) {
      if (err instanceof DataDirLockLostError) options.onLockLost(err);
      throw err;
    }
  };
  for (const name of ['query', 'exec', 'transaction'] as const) {
    const original = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      assertHeld();
      try {
        return await original(...args);
      } catch (err) {
        throw await diagnoseDiskFull(options.folder, err);
      }
    };
  }
  const timer = setInterval(() => {
    try {
      assertHeld();
    } catch {
      // onLockLost was told; the next statement fails on its own.
    }
  }, LOCK_CHECK_MS).unref();
  return () => clearInterval(timer);
}

/** The default on a lost lock: say so and exit, before answering anything else. */
export function exitOnLockLost(err: DataDirLockLostError): never {
  process.stderr.write(`passerelle: ${err.message}\n`);
  process.exit(1);
}

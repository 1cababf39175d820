// PGlite has no lock between processes: two processes opening the same folder would corrupt it.
// A lock file on the data folder makes the second one stop with a clear message.
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(dataDir: string) {
    super(
      `Another Passerelle process is already using the data folder ${dataDir}. ` +
        'Stop it first, or point several processes at PostgreSQL with DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'passerelle.lock'),
      // A crashed process's lock goes stale after 20 s; a live one refreshes it every 5 s.
      stale: 20_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      onCompromised: (err) => {
        process.emitWarning(`Data folder lock compromised: ${err.message}`);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dataDir);
    throw err;
  }
}

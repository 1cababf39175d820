// `passerelle backup FILE` and `passerelle restore FILE`: the embedded database as one file.
// Backup asks the process holding the data folder (serve, worker) for a dump over the folder's
// owner-only socket, or, when none runs, opens the folder itself. Restore fills an empty folder.
// On PostgreSQL both say to use pg_dump / pg_restore, which do it better.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { requestBackup } from '../db/backup-socket.ts';
import { databaseConfigFromEnv } from '../db/config.ts';
import { openDatabase } from '../db/index.ts';

class BackupInputError extends Error {
  readonly code = 'BACKUP_BAD_INPUT';
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (must not exist)')
    .description('Write a consistent copy of the embedded database, even while serve runs')
    .action(async (file: string) => backup(path.resolve(file)));
  program
    .command('restore')
    .argument('<file>', 'a file written by passerelle backup')
    .description('Bring a backup back into DATA_DIR, which must be empty or missing')
    .action(async (file: string) => restore(path.resolve(file)));
}

function embeddedDataDir(action: string): string {
  const config = databaseConfigFromEnv();
  if (config.kind !== 'pglite')
    throw new BackupInputError(
      `${action} is for the embedded database. On PostgreSQL use pg_dump / pg_restore ` +
        '(for example pg_dump -Fc "$DATABASE_URL" > passerelle.dump), and keep PASSERELLE_VAULT_KEYS with it.',
    );
  return config.dataDir;
}

async function backup(file: string): Promise<void> {
  const dataDir = embeddedDataDir('backup');
  if (fs.existsSync(file)) throw new BackupInputError(`${file} already exists: choose a new file name.`);
  if (!fs.existsSync(path.join(dataDir, 'pglite')))
    throw new BackupInputError(`There is no database in ${dataDir} (DATA_DIR) to back up.`);
  let bytes = await requestBackup(dataDir);
  const from = bytes ? 'from the running Passerelle process' : 'directly (no process was running)';
  bytes ??= await dumpDirectly(dataDir);
  // Written aside, then renamed: a cut-short backup never bears the final name.
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, bytes, { mode: 0o600 });
  fs.renameSync(partial, file);
  process.stderr.write(
    `Backed up ${dataDir} to ${file} (${(bytes.length / 1e6).toFixed(1)} MB), ${from}.\n` +
      `The token vault key is not in it: keep ${path.join(dataDir, 'vault-keys')} (or PASSERELLE_VAULT_KEYS) with it.\n`,
  );
}

async function dumpDirectly(dataDir: string): Promise<Uint8Array> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    if (!database.dump) throw new Error('This database cannot be dumped.');
    return await database.dump();
  } finally {
    await database.close();
  }
}

/** PGlite reads a damaged tarball in a stream whose error it does not pass on: check it first. */
function checkLooksLikeBackup(file: string, bytes: Buffer): void {
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes);
  } catch {
    throw new BackupInputError(`${file} is not a backup written by passerelle backup (not gzip-compressed).`);
  }
  if (!tar.includes('PG_VERSION'))
    throw new BackupInputError(`${file} is not a backup written by passerelle backup (no database inside).`);
}

async function restore(file: string): Promise<void> {
  const dataDir = embeddedDataDir('restore');
  if (!fs.existsSync(file)) throw new BackupInputError(`${file} does not exist.`);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0)
    throw new BackupInputError(
      `${dataDir} (DATA_DIR) is not empty: restore only into an empty or new folder, so nothing is overwritten.`,
    );
  const bytes = fs.readFileSync(file);
  checkLooksLikeBackup(file, bytes);
  const database = await openDatabase(
    { kind: 'pglite', dataDir },
    { loadDataDir: new Blob([bytes], { type: 'application/x-gzip' }) },
  ).catch((err: unknown) => {
    fs.rmSync(path.join(dataDir, 'pglite'), { recursive: true, force: true });
    throw new BackupInputError(
      `${file} is not a backup this version can restore (${err instanceof Error ? err.message : err}).`,
    );
  });
  try {
    const [counts] = await database.query<{ users: number; edges: number; tasks: number }>(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM x_edges)::int AS edges,
              (SELECT count(*) FROM follow_tasks)::int AS tasks`,
    );
    process.stderr.write(
      `Restored ${file} into ${dataDir}: ${counts?.users} users, ${counts?.edges} edges, ${counts?.tasks} follow tasks.\n` +
        `Put the token vault key back as ${path.join(dataDir, 'vault-keys')} (or set PASSERELLE_VAULT_KEYS) before serve.\n`,
    );
  } finally {
    await database.close();
  }
}

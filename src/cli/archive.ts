// `passerelle archive inspect|import PATH…`: read an X archive; show it or store it.
// Modules load inside the actions: `inspect` must not pay for the database drivers (memory).
import type { Command } from 'commander';
import type { ArchiveResult } from '../archive/index.ts';
import { createProgress } from './progress.ts';

export function registerArchiveCommands(program: Command): void {
  const archive = program
    .command('archive')
    .description('Read X archives (zip, extracted folder or loose files)');
  archive
    .command('inspect')
    .description("Show an archive's owner and follow counts")
    .argument('<paths...>', 'the X archive zip, its extracted folder, or loose data/*.js files')
    .option('--json', 'print one JSON object on stdout')
    .action(async (paths: string[], opts: { json?: boolean }) => inspectCommand(paths, Boolean(opts.json)));
  archive
    .command('import')
    .description("Store an archive's owner and follow lists in the database (replaces a previous import)")
    .argument('<paths...>', 'the X archive zip, its extracted folder, or loose data/*.js files')
    .action(async (paths: string[]) => importCommand(paths));
}

async function readArchivePaths(paths: string[], showProgress: boolean): Promise<ArchiveResult> {
  const { readArchive } = await import('../archive/index.ts');
  const { openArchivePaths } = await import('../archive/node.ts');
  const source = await openArchivePaths(paths);
  const progress = showProgress ? createProgress('Reading') : undefined;
  try {
    return await readArchive(source, {
      onProgress: progress && (({ bytesDone, bytesTotal }) => progress.update(bytesDone, bytesTotal)),
    });
  } finally {
    progress?.stop();
    await source.close();
  }
}

async function inspectCommand(paths: string[], json: boolean): Promise<void> {
  const result = await readArchivePaths(paths, false);
  const summary = {
    accountId: result.owner.accountId,
    username: result.owner.username,
    displayName: result.owner.displayName,
    following: result.following.size,
    followers: result.followers.size,
    blocking: result.blocking.size,
    muting: result.muting.size,
    warnings: result.warnings.map(({ code, message }) => ({ code, message })),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const lines = [
    `Owner:     @${summary.username} (${summary.displayName}), X id ${summary.accountId}`,
    `Following: ${summary.following}`,
    `Followers: ${summary.followers}`,
    `Blocked:   ${summary.blocking}`,
    `Muted:     ${summary.muting}`,
    `Layout:    ${result.layout} (${result.source})`,
    ...summary.warnings.map((w) => `Warning:   ${w.message}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function importCommand(paths: string[]): Promise<void> {
  // Read everything first: a bad archive must not open a transaction, let alone write.
  const result = await readArchivePaths(paths, true);
  const { databaseConfigFromEnv } = await import('../db/config.ts');
  const { openDatabase } = await import('../db/index.ts');
  const { importArchiveForOwner } = await import('../graph/ingest.ts');
  const { applyUserChange } = await import('../directory/fanout.ts');
  const database = await openDatabase(databaseConfigFromEnv());
  const progress = createProgress('Storing');
  try {
    // The directory learns of the new lists in the same transaction (follow-backs, fan-out).
    const summary = await importArchiveForOwner(database, result, {
      onProgress: (done, total) => progress.update(done, total),
      afterImport: async (tx, { userId }) => {
        await applyUserChange(tx, userId, { archiveChanged: true });
      },
    });
    progress.stop();
    for (const w of result.warnings) process.stderr.write(`Warning: ${w.message}\n`);
    process.stdout.write(
      `Stored the archive of @${result.owner.username} (X id ${summary.xAccountId}) for user #${summary.userId}: ` +
        `${summary.following} following, ${summary.followers} followers, ${summary.blocking} blocked, ` +
        `${summary.muting} muted (import #${summary.importId}, ${database.kind}).\n`,
    );
  } finally {
    progress.stop();
    await database.close();
  }
}

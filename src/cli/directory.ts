// `passerelle directory import FILE`: the operator's correspondence file (x_id,bluesky,mastodon,source).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { databaseConfigFromEnv } from '../db/config.ts';
import { type Database, openDatabase } from '../db/index.ts';
import {
  DirectoryImportError,
  type ImportReport,
  importDirectory,
  importTrustFromEnv,
} from '../directory/import.ts';
import { type HandleResolver, handleResolverFromEnv } from '../directory/import-handles.ts';

/** Where a command writes; the real streams by default, captured in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

/** Opens the configured database for one command, closes it afterwards, sets the exit code. */
export async function runWithDatabase(fn: (database: Database) => Promise<number>): Promise<void> {
  const database = await openDatabase(databaseConfigFromEnv());
  try {
    process.exitCode = await fn(database);
  } finally {
    await database.close();
  }
}

/** The user holding an X id (one X id is one user), or null after saying why on stderr. */
export async function userForXId(
  database: Database,
  xId: string,
  io: CliIo,
): Promise<{ id: number; proven: boolean } | null> {
  if (!/^[0-9]{1,20}$/.test(xId)) {
    io.err(`passerelle: --x-id "${xId.slice(0, 40)}" is not an X account id (1 to 20 digits).\n`);
    return null;
  }
  const [user] = await database.query<{ id: string; proven: boolean }>(
    `SELECT id, x_proven_at IS NOT NULL AS proven FROM users WHERE x_account_id = $1`,
    [xId],
  );
  if (!user) {
    io.err(
      `passerelle: no Passerelle user has X id ${xId}. Import their archive first: passerelle archive import PATH\n`,
    );
    return null;
  }
  return { id: Number(user.id), proven: user.proven };
}

export function registerDirectoryCommands(program: Command): void {
  const directory = program
    .command('directory')
    .description('The directory of X accounts on Bluesky and Mastodon');
  directory
    .command('import')
    .description(
      'Import a correspondence CSV (columns x_id,bluesky,mastodon,source; bluesky is a DID or a handle, resolved on import; optional bluesky_handle)',
    )
    .argument('<file>', 'the CSV file')
    .option('--trusted', 'use these mappings to point people at accounts (default: PASSERELLE_TRUST_IMPORTS)')
    .option('--untrusted', 'store these mappings without using them for matching')
    .option('--skip-invalid', 'import the valid rows even when some are rejected')
    .option('--json', 'print the report as one JSON object')
    .action(async (file: string, opts: ImportOptions) => {
      await runWithDatabase((database) => directoryImportCommand(database, file, opts));
    });
}

export interface ImportOptions {
  trusted?: boolean;
  untrusted?: boolean;
  skipInvalid?: boolean;
  json?: boolean;
}

export async function directoryImportCommand(
  database: Database,
  file: string,
  opts: ImportOptions,
  io: CliIo = processIo,
  resolveHandle: HandleResolver = handleResolverFromEnv(),
): Promise<number> {
  if (opts.trusted && opts.untrusted) {
    io.err('passerelle: choose --trusted or --untrusted, not both.\n');
    return EXIT_BAD_INPUT;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    io.err(
      `passerelle: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`,
    );
    return EXIT_BAD_INPUT;
  }
  const trusted = opts.trusted ? true : opts.untrusted ? false : importTrustFromEnv();
  let report: ImportReport;
  try {
    report = await importDirectory(database, text, {
      trusted,
      skipInvalid: Boolean(opts.skipInvalid),
      resolveHandle,
    });
  } catch (err) {
    if (!(err instanceof DirectoryImportError)) throw err;
    io.err(`passerelle: ${file}: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (opts.json) io.out(`${JSON.stringify(report)}\n`);
  else io.out(describeReport(file, report));
  for (const r of report.rejected) io.err(`${file}:${r.line}: ${r.reason}\n`);
  return report.rejected.length > 0 || report.rows === 0 ? EXIT_BAD_INPUT : EXIT_OK;
}

function describeReport(file: string, report: ImportReport): string {
  if (report.rows === 0) return `${file}: no rows after the header; nothing imported.\n`;
  if (!report.written) {
    return (
      `${file}: ${report.rejected.length} of ${report.rows} rows rejected (listed below); nothing imported. ` +
      'Fix them, or pass --skip-invalid to import the valid rows.\n'
    );
  }
  const lines = [
    `${file}: ${report.accepted} of ${report.rows} rows imported as ${report.mappings} ${report.trusted ? 'trusted' : 'untrusted'} mappings.`,
  ];
  if (report.keptSignups > 0)
    lines.push(`${report.keptSignups} mappings kept as their owners gave them at sign-up.`);
  if (report.rejected.length > 0) lines.push(`${report.rejected.length} rows rejected (listed below).`);
  if (report.tasksCreated > 0)
    lines.push(`${report.tasksCreated} follow tasks created for people in automatic mode.`);
  if (!report.trusted)
    lines.push('Untrusted mappings are stored but point nobody at anyone until imported with --trusted.');
  return `${lines.join('\n')}\n`;
}

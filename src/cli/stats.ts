// `passerelle stats [--json]`: users, proven users, archives, edges, matches and follows done.
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import { directoryStats } from '../directory/stats.ts';
import { type CliIo, EXIT_OK, processIo, runWithDatabase } from './directory.ts';

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('Show counts: users, proven users, archives, edges, matches and follows done per network')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      await runWithDatabase((database) => statsCommand(database, opts));
    });
}

export async function statsCommand(
  database: Database,
  opts: { json?: boolean },
  io: CliIo = processIo,
): Promise<number> {
  const stats = await directoryStats(database);
  if (opts.json) {
    io.out(`${JSON.stringify(stats)}\n`);
    return EXIT_OK;
  }
  const lines = [
    `Users:          ${stats.users}`,
    `Proven (X):     ${stats.provenUsers}`,
    `Archives:       ${stats.archives}`,
    `Follow edges:   ${stats.edges}`,
    `Directory:      ${stats.directoryEntries} usable mappings`,
    ...Object.entries(stats.platforms).map(
      ([name, p]) => `${`${name}:`.padEnd(15)} ${p.matches} matches, ${p.followsDone} follows done`,
    ),
  ];
  io.out(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

// `passerelle matches --x-id ID [--json]`: one person's matches per network, with reason and status.
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import { REASON_LABELS } from '../directory/candidates.ts';
import { type Match, matchesForUser } from '../directory/matching.ts';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, processIo, runWithDatabase } from './directory.ts';

export function registerMatchesCommand(program: Command): void {
  program
    .command('matches')
    .description("Show a person's matches on each network, with reason and follow status")
    .requiredOption('--x-id <id>', 'their X account id')
    .option('--json', 'print one JSON object')
    .action(async (opts: { xId: string; json?: boolean }) => {
      await runWithDatabase((database) => matchesCommand(database, opts));
    });
}

interface PlatformSummary {
  count: number;
  reasons: Record<string, number>;
  statuses: Record<string, number>;
  entries: Pick<Match, 'xId' | 'target' | 'handle' | 'reason' | 'status' | 'bridged' | 'source'>[];
}

export async function matchesCommand(
  database: Database,
  opts: { xId: string; json?: boolean },
  io: CliIo = processIo,
): Promise<number> {
  if (!/^[0-9]{1,20}$/.test(opts.xId)) {
    io.err(`passerelle: --x-id "${opts.xId}" is not an X account id (1 to 20 digits).\n`);
    return EXIT_BAD_INPUT;
  }
  const [user] = await database.query<{ id: string; proven: boolean }>(
    `SELECT id, x_proven_at IS NOT NULL AS proven FROM users WHERE x_account_id = $1
      ORDER BY x_proven_at IS NULL, id LIMIT 1`,
    [opts.xId],
  );
  if (!user) {
    io.err(`passerelle: no Passerelle user has X id ${opts.xId} (neither proven nor from an archive).\n`);
    return EXIT_BAD_INPUT;
  }
  const platforms: Record<string, PlatformSummary> = {
    bluesky: { count: 0, reasons: {}, statuses: {}, entries: [] },
    mastodon: { count: 0, reasons: {}, statuses: {}, entries: [] },
  };
  for (const m of await matchesForUser(database, Number(user.id))) {
    platforms[m.platform] ??= { count: 0, reasons: {}, statuses: {}, entries: [] };
    const p = platforms[m.platform] as PlatformSummary;
    p.count++;
    p.reasons[m.reason] = (p.reasons[m.reason] ?? 0) + 1;
    p.statuses[m.status] = (p.statuses[m.status] ?? 0) + 1;
    const { xId, target, handle, reason, status, bridged, source } = m;
    p.entries.push({ xId, target, handle, reason, status, bridged, source });
  }
  const result = { xId: opts.xId, userId: Number(user.id), proven: user.proven, platforms };
  if (opts.json) {
    io.out(`${JSON.stringify(result)}\n`);
    return EXIT_OK;
  }
  const lines = [
    `X id ${opts.xId}: user #${result.userId}, ${user.proven ? 'proven' : 'NOT proven (proposed to nobody)'}`,
  ];
  for (const [name, p] of Object.entries(platforms)) {
    const counts = (o: Record<string, number>) =>
      Object.entries(o)
        .map(([k, v]) => `${v} ${REASON_LABELS[k as keyof typeof REASON_LABELS] ?? k}`)
        .join(', ');
    lines.push(
      `${name}: ${p.count} matches${p.count ? ` (${counts(p.reasons)}; ${counts(p.statuses)})` : ''}`,
    );
    for (const e of p.entries) {
      lines.push(
        `  ${e.handle}  X ${e.xId}  ${REASON_LABELS[e.reason]}  ${e.status}${e.bridged ? '  bridged' : ''}`,
      );
    }
  }
  io.out(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

// `passerelle matches --x-id ID [--json]`: one person's matches per network, with reason and status.
import type { Command } from 'commander';
import type { Database } from '../db/index.ts';
import { getActivation } from '../directory/activation.ts';
import { REASON_LABELS } from '../directory/candidates.ts';
import { type Match, matchesForUser } from '../directory/matching.ts';
import { type CliIo, EXIT_BAD_INPUT, EXIT_OK, processIo, runWithDatabase, userForXId } from './directory.ts';

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
  const user = await userForXId(database, opts.xId, io);
  if (!user) return EXIT_BAD_INPUT;
  const platforms: Record<string, PlatformSummary> = {
    bluesky: { count: 0, reasons: {}, statuses: {}, entries: [] },
    mastodon: { count: 0, reasons: {}, statuses: {}, entries: [] },
  };
  for (const m of await matchesForUser(database, user.id)) {
    platforms[m.platform] ??= { count: 0, reasons: {}, statuses: {}, entries: [] };
    const p = platforms[m.platform] as PlatformSummary;
    p.count++;
    p.reasons[m.reason] = (p.reasons[m.reason] ?? 0) + 1;
    p.statuses[m.status] = (p.statuses[m.status] ?? 0) + 1;
    const { xId, target, handle, reason, status, bridged, source } = m;
    p.entries.push({ xId, target, handle, reason, status, bridged, source });
  }
  const reachedThrough = await reachedThroughEntries(database, opts.xId);
  const result = { xId: opts.xId, userId: user.id, proven: user.proven, reachedThrough, platforms };
  if (opts.json) {
    io.out(`${JSON.stringify(result)}\n`);
    return EXIT_OK;
  }
  const lines = [`X id ${opts.xId}: user #${result.userId}, ${proofLine(user.proven, reachedThrough)}`];
  const held = await heldLabel(database);
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
        `  ${e.handle}  X ${e.xId}  ${REASON_LABELS[e.reason]}  ${statusLabel(e.status, held)}${e.bridged ? '  bridged' : ''}`,
      );
    }
  }
  io.out(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

/** What `held` waits for: activation day, while it has not come. */
async function heldLabel(database: Database): Promise<string> {
  const activation = await getActivation(database);
  if (activation && !activation.releasedAt)
    return `held until activation day ${activation.activatesAt.toISOString()}`;
  return 'held';
}

function statusLabel(status: Match['status'], held: string): string {
  if (status === 'held') return held;
  return status === 'paused' ? 'paused (automatic mode off)' : status;
}

interface Reach {
  platform: string;
  handle: string;
  source: string;
  /** People with a follow of that account planned or made. */
  followers: number;
}

/** The usable directory entries of an X id: how others are pointed at this person, proof or not. */
async function reachedThroughEntries(database: Database, xId: string): Promise<Reach[]> {
  const rows = await database.query<{ platform: string; handle: string; source: string; followers: number }>(
    `SELECT d.platform, d.handle, d.source,
            (SELECT count(*)::int FROM follow_tasks t WHERE t.platform = d.platform AND t.target = d.target AND t.kind = 'follow') AS followers
       FROM directory_entries d WHERE d.x_id = $1 AND d.usable ORDER BY d.platform`,
    [xId],
  );
  return rows.map((r) => ({
    platform: r.platform,
    handle: r.handle,
    source: r.source,
    followers: r.followers,
  }));
}

/** What is true of who finds this person: their proof, or the trusted entries others follow. */
function proofLine(proven: boolean, reach: Reach[]): string {
  const through = reach
    .map(
      (r) =>
        `${r.platform} ${r.handle} (${r.source === 'import' ? 'trusted directory entry' : 'sign-up'}, ${r.followers} follows planned or made)`,
    )
    .join('; ');
  if (proven)
    return reach.length
      ? `proven; others find them at ${through}`
      : 'proven; no linked account found by others yet';
  if (reach.length === 0) return 'NOT proven: nobody is pointed at their accounts';
  return `NOT proven, but others find them through the operator's directory at ${through}`;
}

// Mastodon's own importer takes a CSV of accounts to follow (Preferences → Import and export),
// without the API's 400 follows a day: export a person's Mastodon matches in that format.
import type { Database } from '../db/index.ts';
import type { NetworkName } from '../platforms/registry.ts';
import { csvLine } from './csv.ts';
import { type Match, matchesForUser } from './matching.ts';

/** The network whose importer reads this file. */
const IMPORTED_BY: NetworkName = 'mastodon';

export const MASTODON_CSV_HEADER = 'Account address,Show boosts,Notify on new posts,Languages';

/** Statuses that still want a follow: not dismissed, not unavailable, not already made. */
const WANTED = new Set(['proposed', 'pending', 'held', 'paused', 'failed']);

/** `bridged`: the bridge's offers for this person (bridge.ts), listed after their own matches. */
export async function mastodonFollowsCsv(
  database: Database,
  userId: number,
  bridged: Match[] = [],
): Promise<string> {
  const direct = await matchesForUser(database, userId, { platform: IMPORTED_BY });
  const accounts = [...direct, ...bridged.filter((m) => m.platform === IMPORTED_BY)]
    .filter((m) => WANTED.has(m.status))
    .map((m) => m.target);
  const lines = [
    MASTODON_CSV_HEADER,
    ...[...new Set(accounts)].map((acct) => csvLine([acct, true, false, ''])),
  ];
  return `${lines.join('\n')}\n`;
}

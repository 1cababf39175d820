// Mastodon's own importer takes a CSV of accounts to follow (Preferences → Import and export),
// without the API's 400 follows a day: export a person's Mastodon matches in that format.
import type { Database } from '../db/index.ts';
import type { BridgeConfig, BridgeResolver } from './bridge.ts';
import { bridgedMatchesForUser } from './bridge.ts';
import { csvLine } from './csv.ts';
import { matchesForUser } from './matching.ts';

export const MASTODON_CSV_HEADER = 'Account address,Show boosts,Notify on new posts,Languages';

/** Statuses that still want a follow: not dismissed, not unavailable, not already made. */
const WANTED = new Set(['proposed', 'pending', 'held', 'failed']);

export async function mastodonFollowsCsv(
  database: Database,
  userId: number,
  bridge?: { resolver: BridgeResolver; config?: BridgeConfig },
): Promise<string> {
  const direct = await matchesForUser(database, userId, { platform: 'mastodon' });
  const bridged = bridge ? await bridgedMatchesForUser(database, userId, bridge.resolver, bridge.config) : [];
  const accounts = [...direct, ...bridged.filter((m) => m.platform === 'mastodon')]
    .filter((m) => WANTED.has(m.status))
    .map((m) => m.target);
  const lines = [
    MASTODON_CSV_HEADER,
    ...[...new Set(accounts)].map((acct) => csvLine([acct, true, false, ''])),
  ];
  return `${lines.join('\n')}\n`;
}

// The matches page's "protected" box: how many of the people the user blocked or muted on X are
// on each network (counts only), whether that carry-over was asked and chosen, and, only when the
// person asks, who they are.
import type { Database } from '../db/index.ts';
import { getConsents, safetyQuestionAnswered } from '../directory/consent.ts';

type Network = 'bluesky' | 'mastodon';

export interface ProtectedSummary {
  /** The question was answered (either way): it is not asked again. */
  asked: boolean;
  carry: 'off' | 'block' | 'mute';
  networks: { network: Network; blocked: number; muted: number; carried: number }[];
}

export interface ProtectedPerson {
  network: Network;
  handle: string;
  xUsername: string | null;
  /** blocked (or only muted) on X */
  onX: 'blocked' | 'muted';
  /** What the carry-over made of it: the task's state, or null when none is planned. */
  carried: string | null;
}

/** People the user blocked or muted on X who have a usable entry on a network, one row each. */
const PROTECTED_SQL = `
  SELECT d.platform, d.handle, d.x_id, xa.username,
         bool_or(s.direction = 3) AS blocked,
         (SELECT t.state FROM follow_tasks t WHERE t.user_id = $1 AND t.platform = d.platform
             AND t.target = d.target AND t.kind IN ('block', 'mute') ORDER BY t.id DESC LIMIT 1) AS carried
    FROM x_edges s
    JOIN directory_entries d ON d.x_id = s.x_id AND d.usable AND d.user_id IS DISTINCT FROM $1
    LEFT JOIN x_accounts xa ON xa.id = d.x_id
   WHERE s.user_id = $1 AND s.direction IN (3, 4) AND d.platform IN ('bluesky', 'mastodon')
   GROUP BY d.platform, d.handle, d.x_id, d.target, xa.username`;

async function protectedRows(database: Database, userId: number) {
  return database.query<{
    platform: Network;
    handle: string;
    username: string | null;
    blocked: boolean;
    carried: string | null;
  }>(`${PROTECTED_SQL} ORDER BY d.platform, d.handle`, [userId]);
}

const MADE = new Set(['done', 'already_following']);

export async function protectedSummary(database: Database, userId: number): Promise<ProtectedSummary> {
  const rows = await protectedRows(database, userId);
  const consents = await getConsents(database, userId);
  const networks = (['bluesky', 'mastodon'] as const)
    .map((network) => {
      const of = rows.filter((r) => r.platform === network);
      return {
        network,
        blocked: of.filter((r) => r.blocked).length,
        muted: of.filter((r) => !r.blocked).length,
        carried: of.filter((r) => r.carried !== null && MADE.has(r.carried)).length,
      };
    })
    .filter((n) => n.blocked + n.muted > 0);
  return {
    asked: await safetyQuestionAnswered(database, userId),
    carry: !consents.carrySafety ? 'off' : consents.blocksAsMutes ? 'mute' : 'block',
    networks,
  };
}

/** Who they are: only on the person's request (the page never lists them by itself). */
export async function protectedPeople(database: Database, userId: number): Promise<ProtectedPerson[]> {
  return (await protectedRows(database, userId)).map((r) => ({
    network: r.platform,
    handle: r.handle,
    xUsername: r.username,
    onX: r.blocked ? 'blocked' : 'muted',
    carried: r.carried,
  }));
}

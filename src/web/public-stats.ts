// Public statistics: today's counters and the daily series behind the statistics page chart.
import { z } from '@hono/zod-openapi';
import type { Database } from '../db/index.ts';

const PerNetwork = z.object({ bluesky: z.number().int(), mastodon: z.number().int() });

export const StatsSchema = z
  .object({
    users: z.number().int().openapi({ description: 'People registered' }),
    archives: z.number().int().openapi({ description: 'People who uploaded their X archive' }),
    linked: PerNetwork.openapi({ description: 'Accounts linked per network' }),
    connections: PerNetwork.openapi({ description: 'Follows rebuilt per network' }),
    pledges: z.number().int(),
    generatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Stats');

export const StatsHistorySchema = z
  .object({
    // Day by day, only the people who gave the public-statistics consent (see COUNTED).
    days: z.array(z.string()).openapi({ description: 'UTC days, YYYY-MM-DD, oldest first' }),
    users: z
      .array(z.number().int())
      .openapi({ description: 'Cumulative, one per day, people who agreed to public statistics only' }),
    archives: z.array(z.number().int()),
    bluesky: z.array(z.number().int()).openapi({ description: 'Cumulative follows rebuilt on Bluesky' }),
    mastodon: z.array(z.number().int()),
    generatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('StatsHistory');

export type Stats = z.infer<typeof StatsSchema>;
export type StatsHistory = z.infer<typeof StatsHistorySchema>;

/**
 * Registered = did something: uploaded an archive, linked an account or proved an X account.
 * Anonymous sessions that never went further are not people registered.
 */
const REGISTERED = `(u.x_proven_at IS NOT NULL
  OR EXISTS (SELECT 1 FROM archive_imports i WHERE i.user_id = u.id)
  OR EXISTS (SELECT 1 FROM linked_accounts l WHERE l.user_id = u.id))`;

/** Follow task states that count as a connection rebuilt (blocks and mutes carried over do not). */
const REBUILT = `('done', 'already_following', 'requested') AND kind = 'follow'`;

/** Today's counters and the daily series, from one reading: the landing page and the statistics page. */
export interface PublicStatistics {
  stats: Stats;
  history: StatsHistory;
}

/**
 * Who shows in the day-by-day series: only the people who gave the public-statistics consent. A
 * day's increase can point at one person on a quiet day (someone who knows you joined on Tuesday
 * would read your follows there); the totals, anonymous sums over everyone, single nobody out.
 */
const COUNTED = (userId: string) =>
  `EXISTS (SELECT 1 FROM user_consents uc WHERE uc.user_id = ${userId} AND uc.public_stats)`;

/**
 * The one source of public figures: the landing page's counters and the statistics table are the
 * same totals, over everyone; the chart's series count the consenting people only, so its end may
 * be below the totals (the page says so).
 */
export async function publicStatistics(database: Database, now = new Date()): Promise<PublicStatistics> {
  const history = await statsHistory(database, now);
  const [row] = await database.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM users u WHERE ${REGISTERED})::int AS users,
            (SELECT count(DISTINCT user_id) FROM archive_imports)::int AS archives,
            (SELECT count(*) FROM linked_accounts WHERE platform = 'bluesky' AND status <> 'unlinked')::int AS lb,
            (SELECT count(*) FROM linked_accounts WHERE platform = 'mastodon' AND status <> 'unlinked')::int AS lm,
            (SELECT count(*) FROM follow_tasks WHERE platform = 'bluesky' AND state IN ${REBUILT})::int AS cb,
            (SELECT count(*) FROM follow_tasks WHERE platform = 'mastodon' AND state IN ${REBUILT})::int AS cm,
            (SELECT count(*) FROM pledges)::int AS pledges`,
  );
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    stats: {
      users: n('users'),
      archives: n('archives'),
      linked: { bluesky: n('lb'), mastodon: n('lm') },
      connections: { bluesky: n('cb'), mastodon: n('cm') },
      pledges: n('pledges'),
      generatedAt: history.generatedAt,
    },
    history,
  };
}

type DayCount = { day: string; n: number };

async function perDay(database: Database, sql: string): Promise<Map<string, number>> {
  const rows = await database.query<DayCount>(sql);
  return new Map(rows.map((r) => [String(r.day), Number(r.n)]));
}

const utcDay = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function cumulative(days: string[], counts: Map<string, number>): number[] {
  let total = 0;
  return days.map((day) => {
    total += counts.get(day) ?? 0;
    return total;
  });
}

/**
 * Daily cumulative series of the people who gave the public-statistics consent (COUNTED), from
 * the first registration (at most the last 730 days shown).
 */
export async function statsHistory(database: Database, now = new Date()): Promise<StatsHistory> {
  const users = await perDay(
    database,
    `SELECT ${utcDay('u.created_at')} AS day, count(*)::int AS n FROM users u
      WHERE ${REGISTERED} AND ${COUNTED('u.id')} GROUP BY 1`,
  );
  const archives = await perDay(
    database,
    `SELECT ${utcDay('first')} AS day, count(*)::int AS n
     FROM (SELECT min(imported_at) AS first FROM archive_imports a WHERE ${COUNTED('a.user_id')}
            GROUP BY user_id) f GROUP BY 1`,
  );
  const rebuilt = (platform: string) =>
    perDay(
      database,
      `SELECT ${utcDay('updated_at')} AS day, count(*)::int AS n FROM follow_tasks t
       WHERE platform = '${platform}' AND state IN ${REBUILT} AND ${COUNTED('t.user_id')} GROUP BY 1`,
    );
  const bluesky = await rebuilt('bluesky');
  const mastodon = await rebuilt('mastodon');
  const today = now.toISOString().slice(0, 10);
  const first = [...users.keys()].sort()[0] ?? today;
  // One day of zeros before the first registration, so even day one draws a line.
  const dayBefore = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const allDays = dayRange(dayBefore, today);
  const series = (m: Map<string, number>) => cumulative(allDays, m).slice(-730);
  return {
    days: allDays.slice(-730),
    users: series(users),
    archives: series(archives),
    bluesky: series(bluesky),
    mastodon: series(mastodon),
    generatedAt: now.toISOString(),
  };
}

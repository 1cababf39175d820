// Public statistics and the "public statistics" consent: the totals (landing counters, the
// statistics table) are anonymous sums over everyone; the day-by-day series, where a quiet day
// could point at one person, count only the people who gave the consent.
import { expect, it } from 'vitest';
import { setConsents } from '../../src/directory/consent.ts';
import { publicStatistics } from '../../src/web/public-stats.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('public statistics follow the public-statistics consent', (db) => {
  /** A registered person (an archive uploaded) with one follow rebuilt on Bluesky. */
  async function person(tag: string): Promise<number> {
    const [row] = await db().query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
    const userId = Number(row?.id);
    await db().query(
      `INSERT INTO archive_imports (user_id, x_account_id, following_count, follower_count, source_kind, layout)
       VALUES ($1, $2, 1, 0, 'zip', 'expanded')`,
      [userId, `9${userId}`],
    );
    await db().query(
      `INSERT INTO follow_tasks (user_id, platform, target, kind, state)
       VALUES ($1, 'bluesky', $2, 'follow', 'done')`,
      [userId, `did:plc:${tag}${userId}`],
    );
    return userId;
  }

  it('counts everyone in the totals and only consenting people in the daily series', async () => {
    const before = await publicStatistics(db());
    const quiet = await person('quiet');
    const counted = await person('counted');
    await setConsents(db(), counted, { publicStats: true });
    // Someone who said no stays out of the series just like someone who never answered.
    await setConsents(db(), quiet, { publicStats: false });

    const after = await publicStatistics(db());
    const delta = (a: number, b: number | undefined) => a - (b ?? 0);
    expect(after.stats.users - before.stats.users).toBe(2);
    expect(after.stats.archives - before.stats.archives).toBe(2);
    expect(after.stats.connections.bluesky - before.stats.connections.bluesky).toBe(2);
    expect(delta(after.history.users.at(-1) ?? 0, before.history.users.at(-1))).toBe(1);
    expect(delta(after.history.archives.at(-1) ?? 0, before.history.archives.at(-1))).toBe(1);
    expect(delta(after.history.bluesky.at(-1) ?? 0, before.history.bluesky.at(-1))).toBe(1);

    // Taking the consent back takes the person out of the series at once (past days included).
    await setConsents(db(), counted, { publicStats: false });
    const withdrawn = await publicStatistics(db());
    expect(withdrawn.history.users.at(-1) ?? 0).toBe(before.history.users.at(-1) ?? 0);
    expect(withdrawn.history.bluesky.at(-1) ?? 0).toBe(before.history.bluesky.at(-1) ?? 0);
    expect(withdrawn.stats.users).toBe(after.stats.users);
  });
});

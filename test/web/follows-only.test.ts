// Issue 14: blocks and mutes carried over are tasks of the follow engine, but they are not
// follows. The progress page, the public statistics (today's counters and the daily series) and
// the operator's `passerelle stats` count follows only.
import { expect, it } from 'vitest';
import { setConsents } from '../../src/directory/consent.ts';
import { directoryStats } from '../../src/directory/stats.ts';
import { progressFor } from '../../src/web/matches.ts';
import { publicStatistics, statsHistory } from '../../src/web/public-stats.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('blocks and mutes are not counted as follows', (db) => {
  it('progress, public statistics and passerelle stats count follows only', async () => {
    const [row] = await db().query<{ id: string }>('INSERT INTO users DEFAULT VALUES RETURNING id');
    const userId = Number(row?.id);
    // The daily series count only those who agreed to public statistics (src/web/public-stats.ts).
    await setConsents(db(), userId, { publicStats: true });
    await db().query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle) VALUES ($1, 'bluesky', 'did:plc:counted', 'counted.test')`,
      [userId],
    );
    const before = {
      stats: (await publicStatistics(db())).stats,
      history: await statsHistory(db()),
      operator: await directoryStats(db()),
    };
    // One follow made and one requested; a block and a mute made; a block and a follow still to go.
    await db().query(
      `INSERT INTO follow_tasks (user_id, platform, target, kind, state) VALUES
         ($1, 'bluesky', 'did:plc:f1', 'follow', 'done'),
         ($1, 'bluesky', 'did:plc:f2', 'follow', 'requested'),
         ($1, 'bluesky', 'did:plc:f3', 'follow', 'pending'),
         ($1, 'bluesky', 'did:plc:b1', 'block', 'done'),
         ($1, 'bluesky', 'did:plc:m1', 'mute', 'done'),
         ($1, 'bluesky', 'did:plc:b2', 'block', 'pending')`,
      [userId],
    );

    const progress = await progressFor(db(), userId);
    expect(progress.networks).toEqual([
      expect.objectContaining({ network: 'bluesky', done: 1, requested: 1, queued: 1, held: 0 }),
    ]);
    const { stats } = await publicStatistics(db());
    expect(stats.connections.bluesky - before.stats.connections.bluesky).toBe(2);
    const history = await statsHistory(db());
    expect((history.bluesky.at(-1) ?? 0) - (before.history.bluesky.at(-1) ?? 0)).toBe(2);
    const operator = await directoryStats(db());
    expect(
      (operator.platforms.bluesky?.followsDone ?? 0) - (before.operator.platforms.bluesky?.followsDone ?? 0),
    ).toBe(1);
  });
});

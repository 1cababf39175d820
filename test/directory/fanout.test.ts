import { afterEach, expect, it } from 'vitest';
import {
  clearActivation,
  getActivation,
  parseActivationTime,
  RELEASE_BUDGETS,
  releaseActivationIfDue,
  setActivation,
} from '../../src/directory/activation.ts';
import { directoryTick } from '../../src/directory/clock.ts';
import { setConsents } from '../../src/directory/consent.ts';
import { applyUserChange, onUserChanged } from '../../src/directory/fanout.ts';
import { importArchiveForUser } from '../../src/graph/ingest.ts';
import { recordXProof } from '../../src/identity/proof.ts';
import { deleteAccount } from '../../src/web/account-data.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archive, link, type Person, person, tasks, tasksTo } from './fixtures.ts';

async function auto(
  db: Parameters<typeof link>[0],
  who: Person,
  platform: 'bluesky' | 'mastodon' = 'bluesky',
) {
  await setConsents(db, who.userId, { autoFollow: true });
  await link(db, who, platform);
  return who;
}

describeEachDatabase('incremental fan-out', (db) => {
  afterEach(async () => {
    await db().query(`DELETE FROM activation_settings`);
  });

  it('gives tasks to everyone in automatic mode who followed the newcomer, on the networks they share', async () => {
    const v1 = await auto(db(), await person(db(), '11', { following: ['10'] }));
    const v2 = await auto(db(), await person(db(), '12', { following: ['10'] }), 'mastodon');
    const v3 = await person(db(), '13', { following: ['10'] });
    await link(db(), v3, 'bluesky');
    const v4 = await auto(db(), await person(db(), '14', { proven: true }));
    const v5 = await auto(db(), await person(db(), '15', { following: ['10'], proven: true }));
    // The newcomer's own follower list says 14 followed them; 15 followed them per both archives.
    const star = await person(db(), '10', { followers: ['14', '15', '99'], following: ['15'] });
    const did = await link(db(), star, 'bluesky');
    expect(await tasksTo(db(), did)).toEqual([]); // not proven yet: nobody is pointed at them
    await recordXProof(db(), { id: '10', username: 'star', name: 'Star' }, star.userId);
    // Proven but not asked yet whether their followers may find them: still nobody.
    expect(await tasksTo(db(), did)).toEqual([]);
    await setConsents(db(), star.userId, { discoverable: true });
    expect(await tasksTo(db(), did)).toEqual(
      [v1, v4, v5].map((v) => ({ userId: v.userId, state: 'pending' })),
    );
    expect((await tasks(db(), v5.userId)).map((t) => t.reason)).toEqual(['both']);
    expect(await tasks(db(), v2.userId)).toEqual([]);
    const acct = await link(db(), star, 'mastodon');
    expect(await tasks(db(), v2.userId)).toEqual([
      { platform: 'mastodon', target: acct, target_x_id: '10', state: 'pending', reason: 'followed' },
    ]);
    expect(await tasks(db(), v3.userId)).toEqual([]);
  });

  it('plans the follows of someone who arrives after their contacts, once they import their archive', async () => {
    const known = await person(db(), '21', { proven: true });
    const did = await link(db(), known, 'bluesky');
    const late = await auto(db(), await person(db(), '22'));
    expect(await tasks(db(), late.userId)).toEqual([]);
    await importArchiveForUser(db(), late.userId, archive('22', ['21']));
    await onUserChanged(db(), late.userId);
    expect(await tasks(db(), late.userId)).toMatchObject([
      { target: did, state: 'pending', reason: 'followed' },
    ]);
  });

  it('holds tasks until activation day, then releases them once, spread within budgets', async () => {
    const budget = RELEASE_BUDGETS.bluesky;
    if (!budget) throw new Error('no bluesky budget');
    const saved = { ...budget };
    budget.perWindow = 2;
    try {
      const at = new Date('2030-01-01T09:00:00Z');
      await setActivation(db(), at);
      const fan = await auto(db(), await person(db(), '30', { following: ['31', '32', '33'] }));
      const idle = await person(db(), '34', { following: ['31'] });
      await link(db(), idle, 'bluesky');
      for (const x of ['31', '32', '33'])
        await link(db(), await person(db(), x, { proven: true }), 'bluesky');
      expect((await tasks(db(), fan.userId)).map((t) => t.state)).toEqual(['held', 'held', 'held']);
      // The idle user opts in, then out again: their queue waits too.
      await setConsents(db(), idle.userId, { autoFollow: true });
      await setConsents(db(), idle.userId, { autoFollow: false });
      expect((await tasks(db(), idle.userId)).map((t) => t.state)).toEqual(['held']);

      expect(await releaseActivationIfDue(db(), new Date('2029-12-31T23:59:59Z'))).toBeNull();
      expect(await releaseActivationIfDue(db(), at)).toBe(3);
      expect(await releaseActivationIfDue(db(), at)).toBeNull();
      const due = await db().query<{ not_before: Date | string }>(
        `SELECT not_before FROM follow_tasks WHERE user_id = $1 ORDER BY not_before`,
        [fan.userId],
      );
      expect(due.map((r) => new Date(r.not_before).toISOString())).toEqual([
        '2030-01-01T09:00:00.000Z',
        '2030-01-01T09:00:00.000Z',
        '2030-01-01T10:00:00.000Z',
      ]);
      expect((await tasks(db(), idle.userId)).map((t) => t.state)).toEqual(['held']);
      expect((await getActivation(db()))?.releasedAt?.toISOString()).toBe(at.toISOString());
      // After release, new arrivals are pending straight away.
      const newcomer = await person(db(), '35', { proven: true });
      await db().query(`UPDATE x_edges SET x_id = '35' WHERE user_id = $1 AND x_id = '33'`, [fan.userId]);
      const did = await link(db(), newcomer, 'bluesky');
      expect(await tasksTo(db(), did)).toEqual([{ userId: fan.userId, state: 'pending' }]);
    } finally {
      Object.assign(budget, saved);
    }
  });

  it("the worker's tick releases activation day once it has come", async () => {
    await setActivation(db(), new Date('2032-01-01T00:00:00Z'));
    const fan = await auto(db(), await person(db(), '45', { following: ['46'] }));
    await link(db(), await person(db(), '46', { proven: true }), 'bluesky');
    expect(await directoryTick(db(), { now: new Date('2031-12-31T00:00:00Z') })).toEqual({
      released: null,
      digests: null,
    });
    expect((await directoryTick(db(), { now: new Date('2032-01-01T00:00:01Z') })).released).toBe(1);
    expect((await tasks(db(), fan.userId)).map((t) => t.state)).toEqual(['pending']);
  });

  it('clearing activation day releases what was held', async () => {
    await setActivation(db(), new Date('2031-01-01T00:00:00Z'));
    const fan = await auto(db(), await person(db(), '40', { following: ['41'] }));
    await link(db(), await person(db(), '41', { proven: true }), 'bluesky');
    expect((await tasks(db(), fan.userId)).map((t) => t.state)).toEqual(['held']);
    expect(await clearActivation(db())).toBe(1);
    expect(await getActivation(db())).toBeNull();
    expect((await tasks(db(), fan.userId)).map((t) => t.state)).toEqual(['pending']);
  });

  it('refuses a date without a time zone, saying how to write it', () => {
    expect(() => parseActivationTime('2026-12-01 09:00')).toThrow(/2026-12-01T09:00:00\+01:00/);
    expect(parseActivationTime('2026-12-01T09:00:00+01:00').toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });
});

describeEachDatabase('fan-out after an archive re-import', (db) => {
  it("a new follower in a proven user's archive gets the follow-back task", async () => {
    const star = await person(db(), '50', { proven: true, followers: [] });
    const did = await link(db(), star, 'bluesky');
    const fan = await auto(db(), await person(db(), '51', { proven: true }));
    expect(await tasksTo(db(), did)).toEqual([]);
    await importArchiveForUser(db(), star.userId, archive('50', [], ['51']));
    await onUserChanged(db(), star.userId); // entries unchanged: nothing new without the flag
    expect(await tasksTo(db(), did)).toEqual([]);
    expect((await onUserChanged(db(), star.userId, { archiveChanged: true })).fannedOut).toBe(1);
    expect(await tasksTo(db(), did)).toEqual([{ userId: fan.userId, state: 'pending' }]);
  });
});

describeEachDatabase('account deletion and the directory', (db) => {
  it("withdraws other people's unsent follows to a person who deletes their account", async () => {
    const fan = await person(db(), '8101', { following: ['8100'] });
    await setConsents(db(), fan.userId, { autoFollow: true });
    await link(db(), fan, 'bluesky');
    const star = await person(db(), '8100', { proven: true });
    const did = await link(db(), star, 'bluesky');
    expect((await tasksTo(db(), did)).map((t) => t.userId)).toEqual([fan.userId]);
    await deleteAccount(db(), star.userId);
    expect(await tasksTo(db(), did)).toEqual([]);
    expect(await db().query(`SELECT 1 FROM directory_entries WHERE target = $1`, [did])).toHaveLength(0);
  });
});

describeEachDatabase('fan-out to a large audience', (db) => {
  it('plans it as a bulk job with the same tasks and reasons, then restores the planner', async () => {
    // 12,000 followers of X id 9000 (over the 10,000 threshold); even ones consent to automatic
    // mode; the star's own archive follows every third (mutuals: the reason is "both").
    const [first] = await db().query<{ id: string }>(
      `INSERT INTO users (x_account_id, x_proven_at)
       SELECT (500000 + i)::text, now() FROM generate_series(1, 12000) i RETURNING id`,
    );
    const base = Number(first?.id) - 1;
    for (const sql of [
      `INSERT INTO user_consents (user_id, auto_follow) SELECT $1::bigint + i, i % 2 = 0 FROM generate_series(1, 12000) i`,
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle)
       SELECT $1::bigint + i, 'bluesky', 'did:plc:f' || i, 'f' || i || '.test' FROM generate_series(1, 12000) i`,
      `INSERT INTO x_edges (user_id, direction, x_id) SELECT $1::bigint + i, 1, '9000' FROM generate_series(1, 12000) i`,
    ])
      await db().query(sql, [base]);
    const following = Array.from({ length: 4000 }, (_, k) => String(500000 + 3 * (k + 1)));
    const star = await person(db(), '9000', { proven: true, following });
    await db().transaction(async (tx) => {
      await tx.query(
        `INSERT INTO linked_accounts (user_id, platform, account_id, handle) VALUES ($1, 'bluesky', 'did:plc:star9000', 'star.test')`,
        [star.userId],
      );
      expect((await applyUserChange(tx, star.userId)).fannedOut).toBe(6000);
      // The bulk plan is for that statement only.
      expect((await tx.query<{ enable_nestloop: string }>('SHOW enable_nestloop'))[0]?.enable_nestloop).toBe(
        'on',
      );
    });
    const byReason = await db().query<{ reason: string; n: number }>(
      `SELECT reason, count(*)::int AS n FROM follow_tasks WHERE target = 'did:plc:star9000' GROUP BY reason ORDER BY reason`,
    );
    // Even followers: 6,000; of them, the multiples of 6 are followed back by the star.
    expect(byReason).toEqual([
      { reason: 'both', n: 2000 },
      { reason: 'followed', n: 4000 },
    ]);
  }, 60_000);
});

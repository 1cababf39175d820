// Issue 14: the blocks and mutes people made on X protect them, always, whatever the other
// person's archive says; and, with their consent, they are carried over as tasks of the engine.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { safetyQuestionAnswered, setConsents } from '../../src/directory/consent.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { matchesForUser } from '../../src/directory/matching.ts';
import { reconnectAll } from '../../src/directory/reconnect.ts';
import { importArchiveForUser } from '../../src/graph/ingest.ts';
import { recordXProof } from '../../src/identity/proof.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archive, link, type Person, person, tasks, tasksTo } from './fixtures.ts';

async function kinds(db: Database, userId: number) {
  return db.query<{ target: string; kind: string; state: string; reason: string }>(
    `SELECT target, kind, state, reason FROM follow_tasks WHERE user_id = $1 ORDER BY kind, target`,
    [userId],
  );
}

/** Someone keen: automatic mode and follow-back on, a Bluesky account linked. */
async function keen(db: Database, xId: string, lists: { following?: string[]; followers?: string[] }) {
  const who = await person(db, xId, { proven: true, ...lists });
  await setConsents(db, who.userId, { autoFollow: true, followBack: true });
  await link(db, who, 'bluesky');
  return who;
}

describeEachDatabase('protection from X blocks and mutes (issue 14)', (db) => {
  it('the person blocked is never proposed the blocker nor made to follow them, whoever arrives first', async () => {
    // The harasser (7001) followed the victim (7000) on X and says so; the victim's archive lists
    // them as a follower, and as blocked.
    const harasser = await keen(db(), '7001', { following: ['7000'] });
    const victim = await person(db(), '7000', { proven: true, followers: ['7001'], blocking: ['7001'] });
    const did = await link(db(), victim, 'bluesky');
    expect(await matchesForUser(db(), harasser.userId)).toEqual([]);
    expect(await tasksTo(db(), did)).toEqual([]);
    expect(await reconnectAll(db(), harasser.userId)).toBe(0);
    // The other order: the victim is there first, the harasser arrives (own plan, not fan-out).
    const late = await keen(db(), '7002', { following: ['7000'], followers: ['7000'] });
    await importArchiveForUser(
      db(),
      victim.userId,
      archive('7000', [], ['7001', '7002'], { blocking: ['7001', '7002'] }),
    );
    await onUserChanged(db(), victim.userId, { archiveChanged: true });
    await onUserChanged(db(), late.userId);
    expect(await matchesForUser(db(), late.userId)).toEqual([]);
    expect(await tasksTo(db(), did)).toEqual([]);
  });

  it('a block in a later archive takes back the follows planned and not sent yet', async () => {
    const fan = await keen(db(), '7101', { following: ['7100'] });
    const target = await person(db(), '7100', { proven: true });
    const did = await link(db(), target, 'bluesky');
    expect(await tasksTo(db(), did)).toEqual([{ userId: fan.userId, state: 'pending' }]);
    await importArchiveForUser(db(), target.userId, archive('7100', [], [], { blocking: ['7101'] }));
    await onUserChanged(db(), target.userId, { archiveChanged: true });
    expect(await tasksTo(db(), did)).toEqual([]);
    expect(await matchesForUser(db(), fan.userId)).toEqual([]);
  });

  it('a proof of X id takes back the unsent follows its blocks forbid, on either side', async () => {
    // Follows planned before protection from X blocks existed: written as the planner then did.
    const planBefore = async (who: Person, target: string, xId: string) =>
      (
        await db().query(
          `INSERT INTO follow_tasks (user_id, platform, target, target_x_id) VALUES ($1, 'bluesky', $2, $3) RETURNING 1`,
          [who.userId, target, xId],
        )
      ).length;
    // The blocker proves: the follow of their account by the person they blocked goes; a
    // friend's follow, planned by the fan-out of that proof, stays.
    // The blocker said yes to being found before proving (unanswered counts as no).
    const blocker = await person(db(), '7600', { blocking: ['7601'], discoverable: true });
    const did = await link(db(), blocker, 'bluesky');
    const blocked = await keen(db(), '7601', { following: ['7600'] });
    const friend = await keen(db(), '7602', { following: ['7600'] });
    expect(await planBefore(blocked, did, '7600')).toBe(1);
    await recordXProof(db(), { id: '7600', username: 'u7600', name: 'Blocker' }, blocker.userId);
    expect(await tasksTo(db(), did)).toEqual([{ userId: friend.userId, state: 'pending' }]);
    // The person blocked proves: their own unsent follow of the blocker goes.
    const other = await person(db(), '7610', { proven: true, blocking: ['7611'] });
    const otherDid = await link(db(), other, 'bluesky');
    const follower = await person(db(), '7611', { following: ['7610'] });
    await link(db(), follower, 'bluesky');
    expect(await planBefore(follower, otherDid, '7610')).toBe(1);
    await recordXProof(db(), { id: '7611', username: 'u7611', name: 'Follower' }, follower.userId);
    expect(await tasks(db(), follower.userId)).toEqual([]);
  });

  it('the blocker is never made to follow back the person they blocked (follow-back path)', async () => {
    // 7201 followed 7200 on X, 7200 blocked 7201: with follow-back on, 7200 must not follow 7201.
    const blocker = await person(db(), '7200', { proven: true, followers: ['7201'], blocking: ['7201'] });
    await setConsents(db(), blocker.userId, { autoFollow: true, followBack: true });
    await link(db(), blocker, 'bluesky');
    const blocked = await keen(db(), '7201', { following: ['7200'] });
    await link(db(), blocked, 'bluesky');
    expect(await tasks(db(), blocker.userId)).toEqual([]);
    expect(await tasks(db(), blocked.userId)).toEqual([]);
    // Nor through the blocker's own lists read as follow-backs of whoever they blocked.
    expect(await matchesForUser(db(), blocker.userId)).toEqual([]);
  });

  it('someone muted on X is never followed, though followed on X', async () => {
    const muter = await keen(db(), '7300', { following: ['7301', '7302'] });
    await importArchiveForUser(
      db(),
      muter.userId,
      archive('7300', ['7301', '7302'], [], { muting: ['7301'] }),
    );
    await onUserChanged(db(), muter.userId, { archiveChanged: true });
    const muted = await person(db(), '7301', { proven: true });
    await link(db(), muted, 'bluesky');
    const friend = await person(db(), '7302', { proven: true });
    const friendDid = await link(db(), friend, 'bluesky');
    expect((await tasks(db(), muter.userId)).map((t) => t.target)).toEqual([friendDid]);
    expect((await matchesForUser(db(), muter.userId)).map((m) => m.target)).toEqual([friendDid]);
    // The muted person may still follow the one who muted them: a mute protects nobody from that.
    const mutedFollows = await person(db(), '7303', { proven: true, following: ['7300'] });
    await setConsents(db(), mutedFollows.userId, { autoFollow: true });
    await link(db(), mutedFollows, 'bluesky');
    expect(await tasks(db(), mutedFollows.userId)).toHaveLength(1);
  });

  it('carries blocks and mutes over only with consent, asked once, each at most once', async () => {
    const owner = await person(db(), '7400', { proven: true, blocking: ['7401'], muting: ['7402'] });
    await link(db(), owner, 'bluesky');
    const blocked = await person(db(), '7401', { proven: true });
    const blockedDid = await link(db(), blocked, 'bluesky');
    const muted = await person(db(), '7402', { proven: true });
    const mutedDid = await link(db(), muted, 'bluesky');
    expect(await kinds(db(), owner.userId)).toEqual([]);
    expect(await safetyQuestionAnswered(db(), owner.userId)).toBe(false);
    // "Not now" answers the question too.
    await setConsents(db(), owner.userId, { carrySafety: false });
    expect(await safetyQuestionAnswered(db(), owner.userId)).toBe(true);
    expect(await kinds(db(), owner.userId)).toEqual([]);

    await setConsents(db(), owner.userId, { carrySafety: true });
    expect(await kinds(db(), owner.userId)).toEqual([
      { target: blockedDid, kind: 'block', state: 'pending', reason: 'blocked_on_x' },
      { target: mutedDid, kind: 'mute', state: 'pending', reason: 'muted_on_x' },
    ]);
    // Blocks carried as mutes instead (private): the unsent block is planned again as a mute.
    await setConsents(db(), owner.userId, { blocksAsMutes: true });
    expect((await kinds(db(), owner.userId)).map((t) => [t.target, t.kind])).toEqual([
      [blockedDid, 'mute'],
      [mutedDid, 'mute'],
    ]);
    // Made once; removed by the person on Bluesky later: never planned again.
    await db().query(`UPDATE follow_tasks SET state = 'done' WHERE user_id = $1`, [owner.userId]);
    await onUserChanged(db(), owner.userId, { archiveChanged: true });
    expect((await kinds(db(), owner.userId)).map((t) => t.state)).toEqual(['done', 'done']);
    // Withdrawn: nothing new, what was made stays made.
    await setConsents(db(), owner.userId, { carrySafety: false });
    expect(await kinds(db(), owner.userId)).toHaveLength(2);
  });

  it('carries a block over when the blocked person arrives later (fan-out)', async () => {
    const owner = await person(db(), '7500', { proven: true, blocking: ['7501'] });
    await setConsents(db(), owner.userId, { carrySafety: true });
    await link(db(), owner, 'bluesky');
    expect(await kinds(db(), owner.userId)).toEqual([]);
    const late = await person(db(), '7501', { proven: true });
    const did = await link(db(), late, 'bluesky');
    expect(await kinds(db(), owner.userId)).toEqual([
      { target: did, kind: 'block', state: 'pending', reason: 'blocked_on_x' },
    ]);
  });
});

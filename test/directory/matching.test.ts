import { expect, it } from 'vitest';
import { consentHistory, getConsents, setConsents } from '../../src/directory/consent.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { dismissMatch, MatchInputError, matchesForUser, restoreMatch } from '../../src/directory/matching.ts';
import {
  ArchiveClaimedElsewhereError,
  ArchiveOwnerMismatchError,
  importArchiveForUser,
} from '../../src/graph/ingest.ts';
import { recordXProof, XIdentityMismatchError } from '../../src/identity/proof.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archive, link, person, tasks, tasksTo } from './fixtures.ts';

const summary = (ms: { platform: string; handle: string; reason: string; status: string }[]) =>
  ms.map((m) => `${m.platform} ${m.handle} ${m.reason} ${m.status}`);

describeEachDatabase('matching', (db) => {
  it('matches both directions with their reasons, from both archives', async () => {
    const alice = await person(db(), '1001', { proven: true, followers: ['1003'] });
    await link(db(), alice, 'bluesky');
    const carol = await person(db(), '1003', { proven: true });
    await link(db(), carol, 'mastodon');
    const dave = await person(db(), '1004', { proven: true, following: ['1005'] });
    await link(db(), dave, 'bluesky');
    // Bob followed alice and carol; dave's archive says he followed bob; bob's says eve followed him.
    const bob = await person(db(), '1005', {
      proven: true,
      following: ['1001', '1003'],
      followers: ['1001'],
    });
    expect(summary(await matchesForUser(db(), bob.userId))).toEqual([
      'bluesky palice.test both proposed'.replace('palice', 'p1001'),
      'bluesky p1004.test follower proposed',
      'mastodon p1003@social.test followed proposed',
    ]);
    // Carol sees bob nowhere (bob linked nothing) but alice's archive says carol followed alice.
    expect(summary(await matchesForUser(db(), carol.userId))).toEqual([
      'bluesky p1001.test followed proposed',
    ]);
    const [m] = await matchesForUser(db(), carol.userId);
    expect(m).toMatchObject({ xId: '1001', target: 'did:plc:p1001', source: 'signup', bridged: false });
  });

  it('proposes nobody from an unproven claim, while its holder may still follow the people they followed', async () => {
    const frank = await person(db(), '2001', { proven: true });
    await link(db(), frank, 'bluesky');
    const grace = await person(db(), '2002', { following: ['2001'] });
    await link(db(), grace, 'bluesky');
    const heidi = await person(db(), '2003', { proven: true, following: ['2002'] });
    await link(db(), heidi, 'bluesky');
    expect(summary(await matchesForUser(db(), grace.userId))).toEqual([
      'bluesky p2001.test followed proposed',
    ]);
    expect(await matchesForUser(db(), heidi.userId)).toEqual([]);
    expect(await matchesForUser(db(), frank.userId)).toEqual([]);
  });

  it('a forged archive claiming another X id brings not a single follow to the forger', async () => {
    const star = await person(db(), '3000', { proven: true, following: ['3001'] });
    const starDid = await link(db(), star, 'bluesky');
    const fans = [];
    for (const x of ['3001', '3002', '3003']) {
      const fan = await person(db(), x, {
        proven: x !== '3003',
        following: ['3000', '3005'],
        followers: ['3000', '3005'],
      });
      await setConsents(db(), fan.userId, { autoFollow: true });
      await link(db(), fan, 'bluesky');
      fans.push(fan);
    }
    // The star's X id is held: an archive claiming it is refused outright (one X id, one user).
    await expect(person(db(), '3000', { following: ['3001'] })).rejects.toBeInstanceOf(
      ArchiveClaimedElsewhereError,
    );
    // The forger uploads an archive that claims an X id the fans follow, links a network, opts in to everything.
    const forger = await person(db(), '3005', { following: ['3001'], followers: ['3002'] });
    await setConsents(db(), forger.userId, { autoFollow: true, discoverable: true });
    const forgerDid = await link(db(), forger, 'bluesky', 'forger');
    await onUserChanged(db(), forger.userId);

    expect(await tasksTo(db(), forgerDid)).toEqual([]);
    for (const fan of fans) {
      expect((await matchesForUser(db(), fan.userId)).map((m) => m.target)).not.toContain(forgerDid);
    }
    expect((await tasksTo(db(), starDid)).map((t) => t.userId)).toEqual(fans.map((f) => f.userId));
    // Nothing drawn from other people's archives either: only the forger's own following list.
    expect((await matchesForUser(db(), forger.userId)).map((m) => m.xId)).toEqual(['3001']);
    // Proving their own X account does not launder the claim.
    await expect(
      recordXProof(db(), { id: '3999', username: 'forger', name: 'F' }, forger.userId),
    ).rejects.toBeInstanceOf(XIdentityMismatchError);
    const [user] = await db().query(`SELECT x_proven_at FROM users WHERE id = $1`, [forger.userId]);
    expect(user).toEqual({ x_proven_at: null });
  });

  it('refuses an archive whose owner differs from the proven X id, saying so', async () => {
    const ivan = await person(db(), '4001', { proven: true, following: ['7'] });
    const error = await importArchiveForUser(db(), ivan.userId, archive('4002', ['8'])).catch((e) => e);
    expect(error).toBeInstanceOf(ArchiveOwnerMismatchError);
    expect(error.message).toMatch(/4002.*4001, which you proved by signing in with X/);
    const edges = await db().query(`SELECT x_id FROM x_edges WHERE user_id = $1`, [ivan.userId]);
    expect(edges).toEqual([{ x_id: '7' }]);
  });

  it('withdrawing "find me" removes the person from matches and unsent follows at once; history kept', async () => {
    const judy = await person(db(), '5001', { proven: true });
    const did = await link(db(), judy, 'bluesky');
    const ken = await person(db(), '5002', { proven: true, following: ['5001'] });
    await setConsents(db(), ken.userId, { autoFollow: true });
    await link(db(), ken, 'bluesky');
    expect(await tasksTo(db(), did)).toEqual([{ userId: ken.userId, state: 'pending' }]);

    await setConsents(db(), judy.userId, { discoverable: false });
    expect(await matchesForUser(db(), ken.userId)).toEqual([]);
    expect(await tasksTo(db(), did)).toEqual([]);
    expect(await getConsents(db(), judy.userId)).toEqual({
      discoverable: false,
      autoFollow: false,
      publicStats: false,
      followBack: false,
      carrySafety: false,
      blocksAsMutes: false,
    });

    await setConsents(db(), judy.userId, { discoverable: true, publicStats: true });
    expect(summary(await matchesForUser(db(), ken.userId))).toEqual(['bluesky p5001.test followed pending']);
    expect((await consentHistory(db(), judy.userId)).map((c) => [c.consent, c.value])).toEqual([
      ['discoverable', true],
      ['discoverable', false],
      ['discoverable', true],
      ['publicStats', true],
    ]);
    await expect(setConsents(db(), judy.userId, { nonsense: true } as never)).rejects.toThrow(
      /Unknown consent/,
    );
  });

  it('a proven person who has not answered "find me" yet is shown to nobody; a yes shows them', async () => {
    const nina = await person(db(), '5101', { proven: true, discoverable: null });
    await link(db(), nina, 'bluesky');
    const omar = await person(db(), '5102', { proven: true, following: ['5101'] });
    await link(db(), omar, 'bluesky');
    expect(await getConsents(db(), nina.userId)).toEqual({
      discoverable: null,
      autoFollow: false,
      publicStats: false,
      followBack: false,
      carrySafety: false,
      blocksAsMutes: false,
    });
    expect(await matchesForUser(db(), omar.userId)).toEqual([]);
    await expect(setConsents(db(), nina.userId, { discoverable: null } as never)).rejects.toThrow(
      /must be true or false/,
    );
    await setConsents(db(), nina.userId, { discoverable: true });
    expect(summary(await matchesForUser(db(), omar.userId))).toEqual([
      'bluesky p5101.test followed proposed',
    ]);
  });

  it('dismisses and restores a match; a dismissed or done follow is never planned again', async () => {
    const leo = await person(db(), '6001', { proven: true });
    const did = await link(db(), leo, 'bluesky');
    const mia = await person(db(), '6002', { proven: true, following: ['6001', '6003'] });
    await link(db(), mia, 'bluesky');
    await dismissMatch(db(), mia.userId, 'bluesky', did);
    expect(summary(await matchesForUser(db(), mia.userId))).toEqual([
      'bluesky p6001.test followed dismissed',
    ]);
    await setConsents(db(), mia.userId, { autoFollow: true });
    expect(await tasks(db(), mia.userId)).toMatchObject([{ target: did, state: 'dismissed' }]);
    await restoreMatch(db(), mia.userId, 'bluesky', did);
    expect(await tasks(db(), mia.userId)).toMatchObject([
      { target: did, state: 'pending', reason: 'followed' },
    ]);

    await db().query(`UPDATE follow_tasks SET state = 'done' WHERE user_id = $1`, [mia.userId]);
    await onUserChanged(db(), leo.userId);
    await link(db(), leo, 'bluesky');
    expect(await tasks(db(), mia.userId)).toMatchObject([{ target: did, state: 'done' }]);
    await expect(dismissMatch(db(), mia.userId, 'bluesky', did)).rejects.toThrow(/already under way or made/);
    await expect(dismissMatch(db(), mia.userId, 'bluesky', 'did:plc:nobody')).rejects.toBeInstanceOf(
      MatchInputError,
    );
  });
});

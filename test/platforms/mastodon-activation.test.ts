// Issue 16: activation day releases every follow held for it — automatic mode's, and those a
// person asked for in manual mode ("reconnect all", a community's "follow all") — while follows
// paused by automatic mode off stay paused until it is on again. Through the engine against the
// Mastodon double: each follow is made exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCommunity, joinCommunity, setPreferences } from '../../src/communities/store.ts';
import type { Database } from '../../src/db/index.ts';
import {
  activationView,
  clearActivation,
  releaseActivationIfDue,
  setActivation,
} from '../../src/directory/activation.ts';
import { setConsents } from '../../src/directory/consent.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { reconnectAll } from '../../src/directory/reconnect.ts';
import { type Person, person } from '../directory/fixtures.ts';
import { TestClock } from '../reconnect/helpers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { link, mastodonEngine } from './mastodon-link.ts';

let double: MastodonTestDouble;
beforeAll(async () => {
  double = new MastodonTestDouble();
  await double.start();
});
afterAll(() => double.stop());

async function states(db: Database, userId: number): Promise<string[]> {
  const rows = await db.query<{ state: string; held_for: string | null }>(
    `SELECT state, held_for FROM follow_tasks WHERE user_id = $1 AND kind = 'follow' ORDER BY id`,
    [userId],
  );
  return rows.map((r) => (r.held_for ? `${r.state} ${r.held_for}` : r.state));
}

describeEachDatabase('activation day releases what people asked for, not what they paused', (db, kind) => {
  const p = kind === 'pglite' ? '61' : '62';
  const clock = new TestClock();
  const engine = () => mastodonEngine(db(), clock);

  /** A proven person with a Mastodon account on the double, following `following` on X. */
  async function member(n: string, following: string[] = []): Promise<Person & { account: DoubleAccount }> {
    const who = await person(db(), `${p}0${n}`, { following, proven: true });
    const account = double.addAccount(`u${p}${n}`);
    await link(db(), double, who.userId, account);
    await onUserChanged(db(), who.userId);
    return { ...who, account };
  }

  it('manual mode asked before the switch-on: made once at it; paused stays paused until turned on', async () => {
    double.now = () => clock.t;
    const at = new Date(clock.t + 3_600_000);
    await setActivation(db(), at, clock.now());
    try {
      const friend = await member('1');
      const asker = await member('2', [friend.xId]); // manual mode, presses "reconnect all"
      const paused = await member('3', [friend.xId]); // automatic mode on, then off
      const joiner = await member('4'); // manual mode, "follow all" in a community
      const idle = await member('5', [friend.xId]); // manual mode, asks for nothing

      expect(await reconnectAll(db(), asker.userId)).toBe(1);
      await setConsents(db(), paused.userId, { autoFollow: true });
      expect(await states(db(), paused.userId)).toEqual(['held activation']);
      await setConsents(db(), paused.userId, { autoFollow: false });
      const c = await createCommunity(db(), { slug: `release-${p}`, name: 'Release' });
      for (const who of [friend, joiner])
        await joinCommunity(db(), c.slug, who.userId, { token: c.inviteToken, listed: true });
      expect((await setPreferences(db(), c.slug, joiner.userId, { followAll: true })).planned).toBe(1);

      expect(await states(db(), asker.userId)).toEqual(['held activation']);
      expect(await states(db(), joiner.userId)).toEqual(['held activation']);
      expect(await states(db(), paused.userId)).toEqual(['held auto_off']);
      expect(await states(db(), idle.userId)).toEqual([]);
      // What the countdown promises is what the release takes.
      const promised = async (who: Person) => (await activationView(db(), who.userId))?.heldFollows;
      expect([await promised(asker), await promised(joiner), await promised(paused)]).toEqual([1, 1, 0]);

      // Nothing goes before the moment.
      await engine().drain();
      const followers = () =>
        [...double.accounts.values()].filter((a) => double.followingOf(a.id).has(friend.account.id));
      expect(followers()).toEqual([]);

      clock.t = at.getTime();
      expect(await releaseActivationIfDue(db(), clock.now())).toBe(2);
      await engine().drain();
      expect(
        followers()
          .map((a) => a.id)
          .sort(),
      ).toEqual([asker.account.id, joiner.account.id].sort());
      expect(await states(db(), asker.userId)).toEqual(['done']);
      expect(await states(db(), paused.userId)).toEqual(['held auto_off']);

      // Asking again, a second release, another run: nothing is followed twice.
      const calls = double.followCalls;
      expect(await reconnectAll(db(), asker.userId)).toBe(0);
      expect(await releaseActivationIfDue(db(), clock.now())).toBeNull();
      await engine().drain();
      expect(double.followCalls).toBe(calls);

      // Automatic mode on again: the paused follow goes, once.
      await setConsents(db(), paused.userId, { autoFollow: true });
      expect(await states(db(), paused.userId)).toEqual(['pending']);
      await engine().drain();
      expect(double.followingOf(paused.account.id)).toEqual(new Set([friend.account.id]));
      expect(double.followCalls).toBe(calls + 1);
      expect(await states(db(), idle.userId)).toEqual([]);
    } finally {
      await clearActivation(db());
    }
  });

  it('"reconnect all" resumes follows paused by automatic mode off, held again until the switch-on', async () => {
    const at = new Date(clock.t + 3_600_000);
    await setActivation(db(), at, clock.now());
    try {
      const friend = await member('6');
      const changed = await member('7', [friend.xId]);
      await setConsents(db(), changed.userId, { autoFollow: true });
      await setConsents(db(), changed.userId, { autoFollow: false });
      expect(await states(db(), changed.userId)).toEqual(['held auto_off']);
      // The explicit ask is consent again: it waits for the switch-on, and is promised.
      expect(await reconnectAll(db(), changed.userId)).toBe(1);
      expect(await states(db(), changed.userId)).toEqual(['held activation']);
      expect((await activationView(db(), changed.userId))?.heldFollows).toBe(1);
      // Automatic mode off once more pauses it again.
      await setConsents(db(), changed.userId, { autoFollow: true });
      await setConsents(db(), changed.userId, { autoFollow: false });
      expect(await states(db(), changed.userId)).toEqual(['held auto_off']);
      expect((await activationView(db(), changed.userId))?.heldFollows).toBe(0);
    } finally {
      await clearActivation(db());
    }
  });
});

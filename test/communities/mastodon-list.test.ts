// A member's Mastodon list of the community, against the Mastodon double: made on their account,
// members added once followed (Mastodon refuses accounts the owner does not follow), kept up to date.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncDueLists } from '../../src/communities/network-lists.ts';
import { createCommunity, joinCommunity, setPreferences } from '../../src/communities/store.ts';
import { onUserChanged } from '../../src/directory/fanout.ts';
import { MastodonAdapter } from '../../src/platforms/mastodon/adapter.ts';
import { giveBackLease, leaseAccount } from '../../src/reconnect/store.ts';
import { person } from '../directory/fixtures.ts';
import { link, policy, vault } from '../platforms/mastodon-link.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { MastodonTestDouble } from '../support/mastodon-double/server.ts';

let double: MastodonTestDouble;
beforeAll(async () => {
  double = new MastodonTestDouble();
  await double.start();
});
afterAll(() => double.stop());

describeEachDatabase('Community Mastodon lists', (db, kind) => {
  it('adds members to the asker’s list once they are followed, and keeps it up to date', async () => {
    const p = kind === 'pglite' ? '51' : '52';
    const adapters = new Map([['mastodon', new MastodonAdapter({ policy })]]);
    const ann = await person(db(), `${p}01`, { proven: true });
    const ben = await person(db(), `${p}02`, { proven: true });
    const annAccount = double.addAccount(`ann${p}`);
    const benAccount = double.addAccount(`ben${p}`);
    await link(db(), double, ann.userId, annAccount);
    await link(db(), double, ben.userId, benAccount);
    await onUserChanged(db(), ann.userId);
    await onUserChanged(db(), ben.userId);
    const c = await createCommunity(db(), { slug: `masto-${p}`, name: 'Fediverse friends' });
    await joinCommunity(db(), c.slug, ann.userId, { token: c.inviteToken, listed: true });
    await joinCommunity(db(), c.slug, ben.userId, { token: c.inviteToken, listed: true });

    // Asking for the list plans the follows Mastodon needs first.
    const asked = await setPreferences(db(), c.slug, ann.userId, { mastodonList: true });
    expect(asked.planned).toBe(1);
    const [task] = await db().query<{ target: string }>(
      `SELECT target FROM follow_tasks WHERE user_id = $1 AND platform = 'mastodon'`,
      [ann.userId],
    );
    expect(task?.target).toBe(`ben${p}@${new URL(double.url).host}`);

    const now = Date.now();
    expect(await syncDueLists(db(), vault, adapters, new Date(now))).toEqual({
      bluesky: 0,
      mastodon: 1,
      failed: 0,
      busy: 0,
    });
    const [row] = await db().query<{ mastodon_list_id: string; mastodon_error: string | null }>(
      `SELECT mastodon_list_id, mastodon_error FROM community_members WHERE community_id = $1 AND x_id = $2`,
      [c.id, `${p}01`],
    );
    const list = double.lists.get(row?.mastodon_list_id as string);
    expect(list?.owner).toBe(annAccount.id);
    expect(list?.title).toBe('Fediverse friends');
    expect(list?.accounts.size).toBe(0); // Ben is not followed yet: not asked, waiting
    expect(row?.mastodon_error).toBe('WAITING');

    // The follow is made (by the engine, here by the double); the hourly look adds Ben.
    double.followingOf(annAccount.id).add(benAccount.id);
    await syncDueLists(db(), vault, adapters, new Date(now + 2 * 3_600_000));
    expect([...(list?.accounts ?? [])]).toEqual([benAccount.id]);

    // Ben stops being listed: he leaves the list at the next sync.
    await setPreferences(db(), c.slug, ben.userId, { listed: false });
    await syncDueLists(db(), vault, adapters, new Date(now + 4 * 3_600_000));
    expect(list?.accounts.size).toBe(0);
    // Every request was paid from Ann's budget.
    const [spent] = await db().query<{ requests: number }>(
      `SELECT coalesce(sum(requests), 0)::int AS requests FROM follow_budget_usage u
         JOIN linked_accounts la ON la.id = u.linked_account_id WHERE la.user_id = $1`,
      [ann.userId],
    );
    expect(spent?.requests).toBeGreaterThan(3);
  });

  it('is synced by one worker at a time, under the account lease the follow engine takes', async () => {
    const p = kind === 'pglite' ? '53' : '54';
    const adapters = new Map([['mastodon', new MastodonAdapter({ policy })]]);
    const ann = await person(db(), `${p}01`, { proven: true });
    const annAccount = double.addAccount(`ann${p}`);
    await link(db(), double, ann.userId, annAccount);
    const c = await createCommunity(db(), { slug: `lease-${p}`, name: `Lease ${p}` });
    await joinCommunity(db(), c.slug, ann.userId, { token: c.inviteToken, listed: true });
    await setPreferences(db(), c.slug, ann.userId, { mastodonList: true });
    const listsOfAnn = () => [...double.lists.values()].filter((l) => l.owner === annAccount.id);
    const [account] = await db().query<{ id: string }>(
      `SELECT id FROM linked_accounts WHERE user_id = $1 AND platform = 'mastodon'`,
      [ann.userId],
    );
    const accountId = Number(account?.id);

    // The account is leased (here by the follow engine's kind of claim): the list waits, untouched.
    const now = new Date(Date.now() + 1_000);
    expect(await leaseAccount(db(), accountId, 'engine', now, 60_000)).toBe(true);
    const waiting = await syncDueLists(db(), vault, adapters, now, { workerId: 'lists-a' });
    expect(waiting).toMatchObject({ mastodon: 0, busy: 1, failed: 0 });
    expect(listsOfAnn()).toEqual([]);
    await giveBackLease(db(), accountId, 'engine');

    // Two workers at once: one makes the list, the other finds the account leased or the list done.
    const ticks = await Promise.all(
      ['lists-a', 'lists-b'].map((workerId) => syncDueLists(db(), vault, adapters, now, { workerId })),
    );
    expect(ticks.map((t) => t.mastodon).sort()).toEqual([0, 1]);
    expect(ticks.map((t) => t.busy).sort()).toEqual([0, 1]);
    expect(listsOfAnn()).toHaveLength(1);
    // Both gave the account back: the follow engine may claim it again.
    const [schedule] = await db().query<{ lease_owner: string | null }>(
      'SELECT lease_owner FROM follow_schedules WHERE linked_account_id = $1',
      [accountId],
    );
    expect(schedule?.lease_owner).toBeNull();
  });
});

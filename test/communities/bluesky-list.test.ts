// A community's Bluesky list and starter pack, on a real PDS (@atproto/dev-env): made on the
// publishing organiser's account and kept up to date as members arrive, leave or change their mind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncDueLists } from '../../src/communities/network-lists.ts';
import {
  createCommunity,
  joinCommunity,
  leaveCommunity,
  setBlueskyPublisher,
  setPreferences,
} from '../../src/communities/store.ts';
import type { Database } from '../../src/db/index.ts';
import { DEVELOPMENT_POLICY } from '../../src/net/policy.ts';
import { BlueskyAdapter } from '../../src/platforms/bluesky/adapter.ts';
import { LIST_ITEM_COLLECTION, STARTER_PACK_COLLECTION } from '../../src/platforms/bluesky/lists.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { type Person, person } from '../directory/fixtures.ts';
import { type BlueskyNetwork, linkNewAccount, startBlueskyNetwork } from '../platforms/bluesky-network.ts';
import { describeEachDatabase } from '../support/databases.ts';

const vault = ephemeralVault();
let net: BlueskyNetwork;
beforeAll(async () => {
  net = await startBlueskyNetwork();
}, 60_000);
afterAll(() => net?.close());

const linkReal = (db: Database, who: Person, name: string) =>
  linkNewAccount(net, db, vault, who.userId, name);

async function listSubjects(repo: string, list: string): Promise<string[]> {
  const res = await (await net.createAccount('reader')).agent.com.atproto.repo.listRecords({
    repo,
    collection: LIST_ITEM_COLLECTION,
    limit: 100,
  });
  return res.data.records
    .map((r) => r.value as { subject: string; list: string })
    .filter((v) => v.list === list)
    .map((v) => v.subject)
    .sort();
}

describeEachDatabase('Community Bluesky list and starter pack', (db, kind) => {
  it('is made on the organiser’s account and follows the members as they arrive', async () => {
    const p = kind === 'pglite' ? '81' : '82';
    const adapters = new Map([['bluesky', new BlueskyAdapter({ policy: DEVELOPMENT_POLICY })]]);
    const sync = (at: Date) => syncDueLists(db(), vault, adapters, at);
    const org = await person(db(), `${p}01`, { proven: true });
    const ann = await person(db(), `${p}02`, { proven: true });
    const ben = await person(db(), `${p}03`, { proven: true });
    const cat = await person(db(), `${p}04`, { proven: true });
    const orgAccount = await linkReal(db(), org, `org${p}`);
    const annAccount = await linkReal(db(), ann, `ann${p}`);
    const benAccount = await linkReal(db(), ben, `ben${p}`);
    await linkReal(db(), cat, `cat${p}`);
    const community = await createCommunity(db(), {
      slug: `lab-${p}`,
      name: 'The Lab',
      organiserUserId: org.userId,
    });
    await setBlueskyPublisher(db(), community.id, org.userId);
    await joinCommunity(db(), community.slug, ann.userId, { token: community.inviteToken, listed: true });
    // Cat joins without agreeing to be listed: she is on no public list.
    await joinCommunity(db(), community.slug, cat.userId, { token: community.inviteToken, listed: false });

    const first = await sync(new Date());
    expect(first).toEqual({ bluesky: 1, mastodon: 0, failed: 0, busy: 0 });
    const [row] = await db().query<{ bluesky_list_uri: string; bluesky_starter_pack_uri: string }>(
      'SELECT bluesky_list_uri, bluesky_starter_pack_uri FROM communities WHERE id = $1',
      [community.id],
    );
    const listUri = row?.bluesky_list_uri as string;
    expect(listUri.startsWith(`at://${orgAccount.did}/app.bsky.graph.list/`)).toBe(true);
    expect(await listSubjects(orgAccount.did, listUri)).toEqual([annAccount.did]);
    const pack = await orgAccount.agent.com.atproto.repo.getRecord({
      repo: orgAccount.did,
      collection: STARTER_PACK_COLLECTION,
      rkey: String(row?.bluesky_starter_pack_uri).split('/').pop() as string,
    });
    expect((pack.data.value as { list: string; name: string }).list).toBe(listUri);
    expect((pack.data.value as { name: string }).name).toBe('The Lab');

    // Nothing changed: not due again within the hour, nothing written.
    expect(await sync(new Date())).toEqual({ bluesky: 0, mastodon: 0, failed: 0, busy: 0 });

    // Ben arrives (listed), Ann leaves: the same list follows, the starter pack stays.
    await joinCommunity(db(), community.slug, ben.userId, { token: community.inviteToken, listed: true });
    await leaveCommunity(db(), community.slug, ann.userId);
    expect((await sync(new Date())).bluesky).toBe(1);
    expect(await listSubjects(orgAccount.did, listUri)).toEqual([benAccount.did]);

    // Cat changes her mind: listed now.
    await setPreferences(db(), community.slug, cat.userId, { listed: true });
    await sync(new Date());
    const subjects = await listSubjects(orgAccount.did, listUri);
    expect(subjects).toHaveLength(2);
    expect(subjects).toContain(benAccount.did);

    // The writes were paid from the organiser's budget (the follow engine's ledger).
    const [spent] = await db().query<{ points: number }>(
      `SELECT coalesce(sum(points), 0)::int AS points FROM follow_budget_usage u
         JOIN linked_accounts la ON la.id = u.linked_account_id WHERE la.user_id = $1`,
      [org.userId],
    );
    // list + starter pack + 3 items created (3 points each) + 1 item deleted (1 point), at least.
    expect(spent?.points).toBeGreaterThanOrEqual(3 * 5 + 1);
  }, 120_000);

  it('says so on the community when the publishing organiser has no Bluesky account linked', async () => {
    const p = kind === 'pglite' ? '83' : '84';
    const org = await person(db(), `${p}01`, { proven: true });
    const community = await createCommunity(db(), {
      slug: `club-${p}`,
      name: 'Club',
      organiserUserId: org.userId,
    });
    await setBlueskyPublisher(db(), community.id, org.userId);
    const tick = await syncDueLists(
      db(),
      vault,
      new Map([['bluesky', new BlueskyAdapter({ policy: DEVELOPMENT_POLICY })]]),
      new Date(),
    );
    expect(tick.failed).toBe(1);
    const [row] = await db().query<{ bluesky_error: string; bluesky_list_uri: string | null }>(
      'SELECT bluesky_error, bluesky_list_uri FROM communities WHERE id = $1',
      [community.id],
    );
    expect(row).toEqual({ bluesky_error: 'NOT_LINKED', bluesky_list_uri: null });
  });
});

// Signing in gives the browser a new session: an archive being sent in parts by the same user
// goes on in the new one; one of another user stays out of reach (404).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { TestBrowser } from './client.ts';
import { linkMastodon, mastodonLinkingApp } from './mastodon-link.ts';
import { edges, errorCode, finish, ids, sendAll, sendPart, sorted, start } from './parts-upload.ts';

describeEachDatabase('archive sent in parts across a sign-in', (db) => {
  let double: MastodonTestDouble;
  let web: ReturnType<typeof mastodonLinkingApp>;
  beforeAll(async () => {
    double = new MastodonTestDouble();
    await double.start();
    web = mastodonLinkingApp(db(), ephemeralVault());
  });
  afterAll(() => double.stop());

  /** Signs `browser` in with the Mastodon account `as`; where the callback sends it. */
  async function signIn(browser: TestBrowser, as: DoubleAccount): Promise<string | null> {
    const begin = await browser.request('POST', '/api/signin/mastodon', { body: { instance: double.url } });
    expect(begin.status).toBe(200);
    double.signedInAccountId = as.id;
    const approved = await fetch(((await begin.json()) as { url: string }).url, { redirect: 'manual' });
    const query = new URL(approved.headers.get('location') ?? '').search;
    return (await browser.request('GET', `/oauth/mastodon/callback${query}`)).headers.get('location');
  }

  async function linkedUser(name: string) {
    const laptop = new TestBrowser(web);
    const userId = await laptop.signIn();
    const as = double.addAccount(`${name}${double.accounts.size}`);
    expect((await linkMastodon(double, laptop, as)).headers.get('location')).toBe('/signup?linked=mastodon');
    return { laptop, userId, as };
  }

  const sessionIds = async (userId: number) =>
    (await db().query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [userId])).map((r) =>
      Number(r.id),
    );

  it('the same user signing in mid-upload sends the next parts and finishes', async () => {
    const { laptop, userId, as } = await linkedUser('alice');
    const lists = { following: ids(20, 1000), followers: ids(15, 5000) };
    const id = await start(laptop, '9800', lists);
    await sendAll(laptop, id, { following: lists.following, followers: [] });
    const before = await sessionIds(userId);
    const planted = new Map(laptop.cookies);

    expect(await signIn(laptop, as)).toBe('/signin?platform=mastodon&signedIn=1');
    expect(await sessionIds(userId)).not.toEqual(before);
    await sendAll(laptop, id, { following: [], followers: lists.followers });
    // The revoked session is no way in.
    const old = new TestBrowser(web);
    for (const [k, v] of planted) old.cookies.set(k, v);
    old.csrfToken = laptop.csrfToken;
    expect((await finish(old, id)).status).toBe(401);

    expect((await finish(laptop, id)).status).toBe(200);
    expect(await edges(db(), userId)).toEqual({ 1: sorted(lists.following), 2: sorted(lists.followers) });
  });

  it("a browser signed in as another user does not take over its former user's upload", async () => {
    const { as } = await linkedUser('bob');
    const borrowed = new TestBrowser(web);
    await borrowed.signIn();
    const lists = { following: ids(20, 1000), followers: [] };
    const id = await start(borrowed, '9900', lists);
    expect(await signIn(borrowed, as)).toBe('/signin?platform=mastodon&signedIn=1');
    const part = await sendPart(borrowed, id, 'following', 0, lists.following);
    expect([part.status, await errorCode(part)]).toEqual([404, 'UPLOAD_NOT_FOUND']);
    expect((await finish(borrowed, id)).status).toBe(404);
  });
});

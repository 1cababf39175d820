// Sign in with Mastodon from another browser (the Mastodon double; Bluesky on the real PDS is in
// ./network-signin-bluesky.test.ts): a linked account signs the browser into its user; an account
// linked to nobody makes no user; a callback completes only the sign-in its own browser and
// session started; a browser holding another account's data is not switched silently.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { archiveBody, TestBrowser } from './client.ts';
import { linkMastodon, mastodonLinkingApp } from './mastodon-link.ts';

describeEachDatabase('web: sign in with Mastodon', (db) => {
  let double: MastodonTestDouble;
  const vault = ephemeralVault();
  let web: ReturnType<typeof mastodonLinkingApp>;
  beforeAll(async () => {
    double = new MastodonTestDouble();
    await double.start();
    web = mastodonLinkingApp(db(), vault);
  });
  afterAll(() => double.stop());

  const account = (prefix: string) => double.addAccount(`${prefix}${double.accounts.size}`);
  const userOf = async (browser: TestBrowser) =>
    ((await browser.session()).user as { id: number } | null)?.id ?? null;
  const userCount = async () =>
    Number((await db().query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]?.n);
  const liveTokensOf = (as: DoubleAccount) =>
    [...double.tokens.values()].filter((t) => t.accountId === as.id && !t.revoked).length;

  /** Starts a sign-in in `browser`, lets the double approve as `as`; the callback query. */
  async function startSignIn(browser: TestBrowser, as: DoubleAccount): Promise<string> {
    await browser.session();
    const start = await browser.request('POST', '/api/signin/mastodon', { body: { instance: double.url } });
    expect(start.status).toBe(200);
    const { url } = (await start.json()) as { url: string };
    double.signedInAccountId = as.id;
    const approved = await fetch(url, { redirect: 'manual' });
    return new URL(approved.headers.get('location') ?? '').search;
  }
  const signIn = async (browser: TestBrowser, as: DoubleAccount, callbackBrowser = browser) =>
    (
      await callbackBrowser.request('GET', `/oauth/mastodon/callback${await startSignIn(browser, as)}`)
    ).headers.get('location');

  /** Alice, signed up on her laptop with her Mastodon account linked. */
  async function alice() {
    const laptop = new TestBrowser(web);
    const userId = await laptop.signIn();
    const as = account('alice');
    expect((await linkMastodon(double, laptop, as)).headers.get('location')).toBe('/signup?linked=mastodon');
    return { laptop, userId, as };
  }

  it('a second browser signs in with the linked account and lands on the same user; the laptop stays in', async () => {
    const { laptop, userId, as } = await alice();
    const phone = new TestBrowser(web);
    expect(await signIn(phone, as)).toBe('/signin?platform=mastodon&signedIn=1');
    expect(await userOf(phone)).toBe(userId);
    expect(await userOf(laptop)).toBe(userId);
    // The fresh token renewed the link; the one it replaced was given back to the instance.
    expect(liveTokensOf(as)).toBe(1);
    const sessions = await db().query('SELECT id FROM sessions WHERE user_id = $1', [userId]);
    expect(sessions).toHaveLength(2);
  });

  it('an account linked to nobody makes no user: the browser is told, the token given back', async () => {
    const stranger = account('nobody');
    const browser = new TestBrowser(web);
    const before = await userCount();
    expect(await signIn(browser, stranger)).toBe('/signin?platform=mastodon&error=SIGNIN_NOT_LINKED');
    expect(await userOf(browser)).toBeNull();
    expect(await userCount()).toBe(before);
    expect(liveTokensOf(stranger)).toBe(0);
  });

  it('a callback completes only the sign-in its own browser and session started', async () => {
    const { userId, as } = await alice();
    const victim = new TestBrowser(web);
    const attacker = new TestBrowser(web);
    // The attacker's finished sign-in, replayed in the victim's browser: nothing happens there.
    const query = await startSignIn(attacker, as);
    const replay = await victim.request('GET', `/oauth/mastodon/callback${query}`);
    expect(replay.headers.get('location')).toBe('/signin?platform=mastodon&error=SIGNIN_NOT_STARTED_HERE');
    expect(await userOf(victim)).toBeNull();
    // The state was used up: the attacker cannot finish it either (an unknown state: an error).
    const late = await attacker.request('GET', `/oauth/mastodon/callback${query}`);
    expect(late.headers.get('location')).toMatch(/[?&]error=[A-Z_]+/);
    expect(await userOf(attacker)).toBeNull();
    // A session started after the sign-in is not the one that started it.
    const browser = new TestBrowser(web);
    const pending = await startSignIn(browser, as);
    await browser.signIn();
    const other = await browser.request('GET', `/oauth/mastodon/callback${pending}`);
    expect(other.headers.get('location')).toBe('/signin?platform=mastodon&error=SIGNIN_NOT_STARTED_HERE');
    expect(await userOf(browser)).not.toBe(userId);
  });

  it('a browser holding another account with data is not switched; an empty one is', async () => {
    const { userId, as } = await alice();
    const bob = new TestBrowser(web);
    const bobId = await bob.signIn();
    expect(
      (await bob.request('POST', '/api/archive', { body: archiveBody('777001', ['1'], []) })).status,
    ).toBe(200);
    expect(await signIn(bob, as)).toBe('/signin?platform=mastodon&error=SIGNIN_OTHER_ACCOUNT');
    expect(await userOf(bob)).toBe(bobId);
    // Only the link's own token stays valid.
    expect(liveTokensOf(as)).toBe(1);

    const empty = new TestBrowser(web);
    const emptyId = await empty.signIn();
    expect(await signIn(empty, as)).toBe('/signin?platform=mastodon&signedIn=1');
    expect(await userOf(empty)).toBe(userId);
    // The empty session is over.
    expect(await db().query('SELECT 1 FROM sessions WHERE user_id = $1', [emptyId])).toEqual([]);
  });

  it('starting takes a POST with the CSRF token, from this site; no GET starts anything', async () => {
    const browser = new TestBrowser(web);
    await browser.session();
    const body = { instance: double.url };
    const forged = await browser.request('POST', '/api/signin/mastodon', { body, csrf: false });
    expect(forged.status).toBe(403);
    const crossSite = await browser.request('POST', '/api/signin/mastodon', {
      body,
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://attacker.example' },
    });
    expect(crossSite.status).toBe(403);
    expect((await browser.request('GET', `/api/signin/mastodon?instance=${double.url}`)).status).toBe(404);
    expect(browser.cookies.has('passerelle_signin')).toBe(false);
    const missing = await browser.request('POST', '/api/signin/mastodon', { body: {} });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'SIGNIN_INSTANCE_MISSING',
    );
    const bad = await browser.request('POST', '/api/signin/mastodon', { body: { instance: 'not a server' } });
    expect(bad.status).toBe(400);
  });
});

// Sign in with Bluesky on the real PDS (@atproto/dev-env): a second browser signs in with the
// linked account and lands on the same user; an account linked to nobody makes no user and its
// fresh OAuth session is revoked.
import { expect, it } from 'vitest';
import { signInHeadless } from '../platforms/bluesky-oauth-signin.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { blueskyPdsForFile, blueskyWebApp } from './bluesky-pds-app.ts';
import { TestBrowser } from './client.ts';

const pds = blueskyPdsForFile();

describeEachDatabase('web: sign in with Bluesky against a real PDS', (db) => {
  const setup = () => blueskyWebApp(db(), pds.net);
  const userOf = async (browser: TestBrowser) =>
    ((await browser.session()).user as { id: number } | null)?.id ?? null;

  /** The network's consent in `browser`'s place, through `path` (link or sign-in start). */
  async function throughPds(browser: TestBrowser, path: string, who: { handle: string; password: string }) {
    const start = await browser.request('POST', path, { body: { handle: who.handle } });
    expect(start.status).toBe(200);
    const { url } = (await start.json()) as { url: string };
    const params = await signInHeadless(new URL(url), who.handle, who.password);
    return (await browser.request('GET', `/oauth/bluesky/callback?${params}`)).headers.get('location');
  }

  it('a second browser signs in with the linked Bluesky account and lands on the same user', async () => {
    const { app, bluesky } = setup();
    const alice = await pds.net.createAccount('back');
    const laptop = new TestBrowser(app);
    const userId = await laptop.signIn();
    expect(await throughPds(laptop, '/api/links/bluesky', alice)).toBe('/signup?linked=bluesky');

    const phone = new TestBrowser(app);
    await phone.session();
    expect(await throughPds(phone, '/api/signin/bluesky', alice)).toBe('/signin?platform=bluesky&signedIn=1');
    expect(await userOf(phone)).toBe(userId);
    expect(await userOf(laptop)).toBe(userId);
    // The link holds the fresh OAuth session and stays active.
    await expect(bluesky.restore(alice.did)).resolves.toBeTruthy();
    const [row] = await db().query<{ status: string }>(
      `SELECT status FROM linked_accounts WHERE user_id = $1 AND platform = 'bluesky'`,
      [userId],
    );
    expect(row?.status).toBe('active');
  }, 60_000);

  it('an account linked to nobody makes no user, and its OAuth session is revoked', async () => {
    const { app, bluesky } = setup();
    const stranger = await pds.net.createAccount('stranger');
    const browser = new TestBrowser(app);
    await browser.session();
    const [{ n: before } = { n: 0 }] = await db().query<{ n: number }>(
      'SELECT count(*)::int AS n FROM users',
    );
    expect(await throughPds(browser, '/api/signin/bluesky', stranger)).toBe(
      '/signin?platform=bluesky&error=SIGNIN_NOT_LINKED',
    );
    expect(await userOf(browser)).toBeNull();
    const [{ n: after } = { n: 0 }] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(after).toBe(before);
    await expect(bluesky.restore(stranger.did)).rejects.toThrow();
  }, 60_000);
});

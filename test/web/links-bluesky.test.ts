// Linking Bluesky through the web against a real PDS (@atproto/dev-env): start, the PDS's own
// sign-in and consent, the callback for the session user, unlink revoking the OAuth session.
import { expect, it } from 'vitest';
import { signInHeadless } from '../platforms/bluesky-oauth-signin.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { blueskyPdsForFile, blueskyWebApp } from './bluesky-pds-app.ts';
import { TestBrowser } from './client.ts';

const pds = blueskyPdsForFile();

describeEachDatabase('web: linking Bluesky against a real PDS', (db) => {
  const setup = () => blueskyWebApp(db(), pds.net);

  it('links the session user, lists the account, and unlinking revokes the OAuth session', async () => {
    const { app, bluesky } = setup();
    const alice = await pds.net.createAccount('web');
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const start = await browser.request('POST', '/api/links/bluesky', { body: { handle: alice.handle } });
    expect(start.status).toBe(200);
    const { url } = (await start.json()) as { url: string };
    const params = await signInHeadless(new URL(url), alice.handle, alice.password);

    // Another browser cannot finish it for itself.
    const other = new TestBrowser(app);
    await other.signIn();
    const stolen = await other.request('GET', `/oauth/bluesky/callback?${params}`);
    expect(stolen.headers.get('location')).toMatch(/error=LINK_OTHER_SESSION/);
    expect((await (await other.request('GET', '/api/links')).json()) as unknown).toEqual({
      links: [],
      failure: null,
    });

    // The user's own browser, on a fresh sign-in.
    const again = await browser.request('POST', '/api/links/bluesky', { body: { handle: alice.handle } });
    const { url: url2 } = (await again.json()) as { url: string };
    const params2 = await signInHeadless(new URL(url2), alice.handle, alice.password);
    const back = await browser.request('GET', `/oauth/bluesky/callback?${params2}`);
    expect(back.headers.get('location')).toBe('/signup?linked=bluesky');
    const list = (await (await browser.request('GET', '/api/links')).json()) as {
      links: Array<{ platform: string; handle: string }>;
    };
    expect(list.links).toEqual([expect.objectContaining({ platform: 'bluesky', handle: alice.handle })]);
    await expect(bluesky.restore(alice.did)).resolves.toBeTruthy();

    expect((await browser.request('DELETE', '/api/links/bluesky')).status).toBe(204);
    await expect(bluesky.restore(alice.did)).rejects.toThrow();
    const [row] = await db().query<{ status: string; credentials: string | null }>(
      `SELECT status, credentials FROM linked_accounts WHERE user_id = $1`,
      [userId],
    );
    expect(row).toEqual({ status: 'unlinked', credentials: null });
  }, 60_000);

  it('deleting the account revokes the Bluesky OAuth session', async () => {
    const { app, bluesky } = setup();
    const carol = await pds.net.createAccount('del');
    const browser = new TestBrowser(app);
    await browser.signIn();
    const start = await browser.request('POST', '/api/links/bluesky', { body: { handle: carol.handle } });
    const { url } = (await start.json()) as { url: string };
    const params = await signInHeadless(new URL(url), carol.handle, carol.password);
    expect((await browser.request('GET', `/oauth/bluesky/callback?${params}`)).headers.get('location')).toBe(
      '/signup?linked=bluesky',
    );
    expect((await browser.request('DELETE', '/api/account')).status).toBe(204);
    await expect(bluesky.restore(carol.did)).rejects.toThrow();
  }, 60_000);

  it('10.3 and F2: one click re-authorises the same DID; replacing it by another asks first and revokes the old session', async () => {
    const { app, bluesky } = setup();
    const erin = await pds.net.createAccount('reauth');
    const frank = await pds.net.createAccount('replace');
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const complete = async (body: object, who: typeof erin) => {
      const start = await browser.request('POST', '/api/links/bluesky', { body });
      expect(start.status).toBe(200);
      const { url } = (await start.json()) as { url: string };
      const params = await signInHeadless(new URL(url), who.handle, who.password);
      return (await browser.request('GET', `/oauth/bluesky/callback?${params}`)).headers.get('location');
    };
    const link = async () =>
      (
        await db().query<{ account_id: string; status: string }>(
          'SELECT account_id, status FROM linked_accounts WHERE user_id = $1',
          [userId],
        )
      )[0];
    expect(await complete({ handle: erin.handle }, erin)).toBe('/signup?linked=bluesky');
    await db().query(`UPDATE linked_accounts SET status = 'needs_reauth' WHERE user_id = $1`, [userId]);

    // Re-authorising needs no handle: the link's own is used; the same link is active again.
    expect(await complete({ reauthorize: true }, erin)).toBe('/signup?linked=bluesky');
    expect(await link()).toEqual({ account_id: erin.did, status: 'active' });
    await expect(bluesky.restore(erin.did)).resolves.toBeTruthy();

    const refused = await browser.request('POST', '/api/links/bluesky', { body: { handle: frank.handle } });
    expect(refused.status).toBe(409);
    expect(await complete({ handle: frank.handle, replace: true }, frank)).toBe('/signup?linked=bluesky');
    expect(await link()).toEqual({ account_id: frank.did, status: 'active' });
    await expect(bluesky.restore(erin.did)).rejects.toThrow();
    await expect(bluesky.restore(frank.did)).resolves.toBeTruthy();
  }, 120_000);

  it('an unknown handle is a clear 400, nothing stored', async () => {
    const { app } = setup();
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const res = await browser.request('POST', '/api/links/bluesky', { body: { handle: 'nobody-here.test' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('LINK_START_FAILED');
    expect(await db().query('SELECT 1 FROM linked_accounts WHERE user_id = $1', [userId])).toEqual([]);
  });
});

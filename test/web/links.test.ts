// Linking Mastodon through the web: start (POST with the CSRF token), the callback, the
// list, unlink with token revocation, and revocation when the account is deleted.
import { JoseKey } from '@atproto/oauth-client-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { confidentialClientMetadata, createBlueskyOAuthClient } from '../../src/platforms/bluesky/oauth.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { TestBrowser } from './client.ts';
import { linkMastodon as linkMastodonVia, mastodonLinkingApp } from './mastodon-link.ts';

describeEachDatabase('web: linking accounts', (db) => {
  let double: MastodonTestDouble;
  const vault = ephemeralVault();
  const app = () => mastodonLinkingApp(db(), vault);

  beforeAll(async () => {
    double = new MastodonTestDouble();
    await double.start();
  });
  afterAll(() => double.stop());

  const linkMastodon = (
    browser: TestBrowser,
    as: DoubleAccount,
    callbackBrowser = browser,
    options: { replace?: boolean } = {},
  ) => linkMastodonVia(double, browser, as, callbackBrowser, options);

  const tokenOf = async (userId: number) => {
    const [row] = await db().query<{ credentials: string | null }>(
      `SELECT credentials FROM linked_accounts WHERE user_id = $1 AND platform = 'mastodon'`,
      [userId],
    );
    return row?.credentials
      ? vault.openJson<{ accessToken: string }>(row.credentials, `linked_accounts:${userId}:mastodon`)
          .accessToken
      : null;
  };

  it('links Mastodon for the session user, lists it, and tells the directory', async () => {
    const web = app();
    const browser = new TestBrowser(web);
    const userId = await browser.signIn();
    await db().query(`INSERT INTO x_accounts (id) VALUES ('90000000000000000001')`);
    await db().query(
      `UPDATE users SET x_account_id = '90000000000000000001', x_proven_at = now() WHERE id = $1`,
      [userId],
    );
    const me = double.addAccount(`alice${double.accounts.size}`);
    const back = await linkMastodon(browser, me);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/signup?linked=mastodon');
    const list = (await (await browser.request('GET', '/api/links')).json()) as {
      links: Array<{ platform: string; handle: string; status: string }>;
    };
    expect(list.links).toHaveLength(1);
    expect(list.links[0]).toMatchObject({ platform: 'mastodon', status: 'active' });
    expect(list.links[0]?.handle).toBe(`${me.username}@${new URL(double.url).host}`);
    const entries = await db().query(
      `SELECT platform FROM directory_entries WHERE user_id = $1 AND x_id = '90000000000000000001'`,
      [userId],
    );
    expect(entries).toEqual([{ platform: 'mastodon' }]);

    // Unlink: the token is revoked at the instance and forgotten; the directory row goes.
    const token = await tokenOf(userId);
    expect(token).toBeTruthy();
    expect((await browser.request('DELETE', '/api/links/mastodon')).status).toBe(204);
    expect(double.tokens.get(token ?? '')?.revoked).toBe(true);
    expect(await tokenOf(userId)).toBeNull();
    expect((await (await browser.request('GET', '/api/links')).json()) as unknown).toEqual({
      links: [],
      failure: null,
    });
    expect(await db().query(`SELECT 1 FROM directory_entries WHERE user_id = $1`, [userId])).toEqual([]);
    expect((await browser.request('DELETE', '/api/links/mastodon')).status).toBe(404);
  });

  it('F1: no GET starts a link: /auth/{bluesky,mastodon}/start are gone and store nothing', async () => {
    const browser = new TestBrowser(app());
    await browser.signIn();
    for (const path of [
      `/auth/mastodon/start?instance=${encodeURIComponent(double.url)}`,
      '/auth/bluesky/start?handle=alice.test',
    ]) {
      const res = await browser.request('GET', path);
      expect(res.status).toBe(404);
    }
    expect(await db().query(`SELECT 1 FROM oauth_store WHERE namespace = 'mastodon-auth'`)).toEqual([]);
  });

  it('anonymous callers get 401, requests without the CSRF token 403, bad input 400', async () => {
    const anonymous = new TestBrowser(app());
    await anonymous.session();
    expect((await anonymous.request('GET', '/api/links')).status).toBe(401);
    expect(
      (await anonymous.request('POST', '/api/links/mastodon', { body: { instance: double.url } })).status,
    ).toBe(401);
    expect((await anonymous.request('DELETE', '/api/links/mastodon')).status).toBe(401);

    const browser = new TestBrowser(app());
    await browser.signIn();
    const noCsrf = { body: { instance: double.url }, csrf: false };
    expect((await browser.request('POST', '/api/links/mastodon', noCsrf)).status).toBe(403);
    expect((await browser.request('DELETE', '/api/links/mastodon', { csrf: false })).status).toBe(403);
    const bad = await browser.request('POST', '/api/links/mastodon', { body: { instance: 'ftp://x y' } });
    expect(bad.status).toBe(400);
    expect((await browser.request('POST', '/api/links/twitter', { body: {} })).status).toBe(400);
    const noHandle = await browser.request('POST', '/api/links/bluesky', { body: {} });
    expect(noHandle.status).toBe(503);
  });

  it('a user sees and unlinks only their own accounts; a callback from another session links nothing for it', async () => {
    const web = app();
    const alice = new TestBrowser(web);
    const aliceId = await alice.signIn();
    const bob = new TestBrowser(web);
    const bobId = await bob.signIn();
    await linkMastodon(alice, double.addAccount(`a${double.accounts.size}`));
    expect((await (await bob.request('GET', '/api/links')).json()) as unknown).toEqual({
      links: [],
      failure: null,
    });
    expect((await bob.request('DELETE', '/api/links/mastodon')).status).toBe(404);
    const aliceToken = await tokenOf(aliceId);
    expect(aliceToken).toBeTruthy();

    // Alice's started sign-in finished in Bob's browser: linked to nobody, Alice's link unchanged.
    const stolen = await linkMastodon(alice, double.addAccount(`b${double.accounts.size}`), bob, {
      replace: true,
    });
    expect(stolen.headers.get('location')).toMatch(/error=LINK_OTHER_SESSION/);
    expect(await tokenOf(bobId)).toBeNull();
    expect(await tokenOf(aliceId)).toBe(aliceToken);
  });

  it('serves the production Bluesky client metadata and public keys', async () => {
    const bluesky = createBlueskyOAuthClient(db(), vault, {
      clientMetadata: confidentialClientMetadata('https://passerelle.example'),
      keyset: [await JoseKey.generate(['ES256'], 'k1')],
    });
    const web = createApp({ database: db(), links: { vault, bluesky } });
    const meta = (await (await web.request('http://localhost/client-metadata.json')).json()) as {
      client_id: string;
    };
    expect(meta.client_id).toBe('https://passerelle.example/client-metadata.json');
    const jwks = (await (await web.request('http://localhost/jwks.json')).json()) as { keys: object[] };
    expect(jwks.keys).toEqual([expect.not.objectContaining({ d: expect.anything() })]);
    expect((await app().request('http://localhost/jwks.json')).status).toBe(404);
  });

  it('deleting the account revokes the Mastodon token first', async () => {
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    await linkMastodon(browser, double.addAccount(`d${double.accounts.size}`));
    const token = (await tokenOf(userId)) ?? '';
    expect((await browser.request('DELETE', '/api/account')).status).toBe(204);
    expect(double.tokens.get(token)?.revoked).toBe(true);
    expect(await db().query('SELECT 1 FROM linked_accounts WHERE user_id = $1', [userId])).toEqual([]);
  });
});

export type { Database };

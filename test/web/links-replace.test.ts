// Linking Mastodon from the web, as people who are not alone: a link completes only in the session
// that started it, a link is replaced only when the person confirms (and the old token is
// revoked), one Mastodon account belongs to one user, and a refused token is re-authorised in
// one click, resuming the paused follows.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createSession } from '../../src/web/sessions.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { TestBrowser } from './client.ts';
import { linkMastodon as linkVia, mastodonLinkingApp } from './mastodon-link.ts';

describeEachDatabase('web: replacing, sharing and re-authorising links', (db) => {
  let double: MastodonTestDouble;
  const vault = ephemeralVault();
  const app = () => mastodonLinkingApp(db(), vault);
  beforeAll(async () => {
    double = new MastodonTestDouble();
    await double.start();
  });
  afterAll(() => double.stop());

  const account = (prefix: string) => double.addAccount(`${prefix}${double.accounts.size}`);
  const link = (
    browser: TestBrowser,
    as: DoubleAccount,
    options: { replace?: boolean; reauthorize?: boolean; callback?: TestBrowser } = {},
  ) => linkVia(double, browser, as, options.callback ?? browser, options);
  const row = async (userId: number) => {
    const [r] = await db().query<{ account_id: string; status: string; credentials: string | null }>(
      `SELECT account_id, status, credentials FROM linked_accounts WHERE user_id = $1 AND platform = 'mastodon'`,
      [userId],
    );
    return r;
  };
  const tokenOf = async (userId: number) => {
    const r = await row(userId);
    return r?.credentials
      ? vault.openJson<{ accessToken: string }>(r.credentials, `linked_accounts:${userId}:mastodon`)
          .accessToken
      : null;
  };
  const accountIdOf = (as: DoubleAccount) => `${new URL(double.url).host}:${as.id}`;

  it('F1: a callback completes only the link its own session started, even for the same user', async () => {
    const web = app();
    const phone = new TestBrowser(web);
    const userId = await phone.signIn();
    // The same user on another device: another session.
    const { token } = await createSession(db(), userId, 3600);
    const laptop = new TestBrowser(web);
    laptop.cookies.set('passerelle_session', token);
    await laptop.session();
    const back = await link(phone, account('f1-'), { callback: laptop });
    expect(back.headers.get('location')).toMatch(/error=LINK_OTHER_SESSION/);
    expect(await row(userId)).toBeUndefined();
  });

  it('F2: replacing a link needs confirmation, and the old token is revoked when the new link completes', async () => {
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    const first = account('f2a-');
    await link(browser, first);
    const oldToken = (await tokenOf(userId)) ?? '';
    expect(oldToken).toBeTruthy();

    const refused = await browser.request('POST', '/api/links/mastodon', { body: { instance: double.url } });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string; params: { handle: string } } };
    expect(body.error.code).toBe('LINK_EXISTS');
    expect(body.error.params.handle).toBe(`${first.username}@${new URL(double.url).host}`);
    expect(await db().query(`SELECT 1 FROM oauth_store WHERE namespace = 'mastodon-auth'`)).toEqual([]);

    const second = account('f2b-');
    const back = await link(browser, second, { replace: true });
    expect(back.headers.get('location')).toBe('/signup?linked=mastodon');
    expect((await row(userId))?.account_id).toBe(accountIdOf(second));
    expect(double.tokens.get(oldToken)?.revoked).toBe(true);
    expect(double.tokens.get((await tokenOf(userId)) ?? '')?.revoked).toBe(false);
  });

  it('F3: one Mastodon account belongs to one user; the refusal names the X account holding it', async () => {
    const web = app();
    const alice = new TestBrowser(web);
    const aliceId = await alice.signIn();
    await db().query(`INSERT INTO x_accounts (id, username) VALUES ('90000000000000000301', 'alice_x')`);
    await db().query(
      `UPDATE users SET x_account_id = '90000000000000000301', x_proven_at = now() WHERE id = $1`,
      [aliceId],
    );
    const shared = account('f3-');
    await link(alice, shared);
    const aliceToken = await tokenOf(aliceId);

    const bob = new TestBrowser(web);
    const bobId = await bob.signIn();
    const back = await link(bob, shared);
    expect(back.headers.get('location')).toMatch(/error=ACCOUNT_HELD/);
    expect(await row(bobId)).toBeUndefined();
    expect(await tokenOf(aliceId)).toBe(aliceToken);
    const list = (await (await bob.request('GET', '/api/links')).json()) as { failure: unknown };
    expect(list.failure).toEqual({ platform: 'mastodon', code: 'ACCOUNT_HELD', holder: '@alice_x' });
    // Alice's own view carries nothing of Bob's attempt.
    expect(
      ((await (await alice.request('GET', '/api/links')).json()) as { failure: unknown }).failure,
    ).toBeNull();
  });

  it('10.3: one click re-authorises a link whose token was refused: active again, its follows resume', async () => {
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    const me = account('r-');
    await link(browser, me);
    const [{ id } = { id: '0' }] = await db().query<{ id: string }>(
      `SELECT id FROM linked_accounts WHERE user_id = $1`,
      [userId],
    );
    await db().query(`UPDATE linked_accounts SET status = 'needs_reauth' WHERE id = $1`, [id]);
    await db().query(
      `UPDATE follow_schedules SET park_reason = 'needs_reauth' WHERE linked_account_id = $1`,
      [id],
    );

    // Signed in as someone else at the instance: refused, the link stays as it was.
    const wrong = await link(browser, account('other-'), { reauthorize: true });
    expect(wrong.headers.get('location')).toMatch(/error=REAUTH_OTHER_ACCOUNT/);
    expect((await row(userId))?.status).toBe('needs_reauth');

    const back = await link(browser, me, { reauthorize: true });
    expect(back.headers.get('location')).toBe('/signup?linked=mastodon');
    expect(await row(userId)).toMatchObject({ account_id: accountIdOf(me), status: 'active' });
    const [schedule] = await db().query<{ park_reason: string | null }>(
      'SELECT park_reason FROM follow_schedules WHERE linked_account_id = $1',
      [id],
    );
    expect(schedule?.park_reason).toBeNull();
    // Nothing to re-authorise on a network with no link.
    const none = await browser.request('POST', '/api/links/bluesky', { body: { reauthorize: true } });
    expect(none.status).toBe(503);
  });
});

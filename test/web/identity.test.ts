// Sign in with X through the web against the X OAuth double: proof for the session user, signing
// back in without a session, refusals (another browser, declined, X id proven elsewhere), and an
// archive of another X id refused once the proof is made.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArchiveForOwner } from '../../src/graph/ingest.ts';
import type { XOAuthConfig } from '../../src/identity/x-oauth.ts';
import { createApp } from '../../src/web/app.ts';
import { archive } from '../directory/fixtures.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { startXOAuthDouble, type XOAuthDouble, xConfigForDouble } from '../support/x-oauth-double/server.ts';
import { archiveBody, TestBrowser } from './client.ts';

const BIG_ID = '1234567890123456789';
const client = {
  clientId: 'passerelle-web',
  clientSecret: 's3cret',
  redirectUri: 'http://localhost/oauth/x/callback',
};
let double: XOAuthDouble;
let x: XOAuthConfig;

beforeAll(async () => {
  double = await startXOAuthDouble(client, { id: BIG_ID, username: 'alice', name: 'Alice' });
  x = xConfigForDouble(double, client);
});
afterAll(() => double.close());

describeEachDatabase('web: Sign in with X', (db) => {
  const app = () =>
    createApp({
      database: db(),
      x,
      config: {
        cookieSecure: false,
        rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never,
      },
    });

  /** POST /auth/x/start → X's consent (the double) → the callback in `callbackBrowser`. */
  async function signInWithX(browser: TestBrowser, callbackBrowser = browser): Promise<URL> {
    await browser.session();
    const start = await browser.request('POST', '/auth/x/start');
    expect(start.status).toBe(200);
    const consent = await fetch(((await start.json()) as { url: string }).url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    const res = await callbackBrowser.request('GET', `/oauth/x/callback${back.search}`);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '', 'http://localhost');
  }

  const proven = async (userId: number) =>
    (
      await db().query<{ x_account_id: string | null; proven: boolean }>(
        'SELECT x_account_id, x_proven_at IS NOT NULL AS proven FROM users WHERE id = $1',
        [userId],
      )
    )[0];

  it('proves the X id of the session user, then refuses an archive of another X account', async () => {
    double.user = { id: BIG_ID, username: 'alice', name: 'Alice' };
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    expect(
      (await browser.request('POST', '/api/archive', { body: archiveBody(BIG_ID, ['11'], ['12']) })).status,
    ).toBe(200);
    const back = await signInWithX(browser);
    expect(back.pathname + back.search).toBe('/signup?proven=x');
    expect(await proven(userId)).toEqual({ x_account_id: BIG_ID, proven: true });
    const { user } = await browser.session();
    expect(user).toMatchObject({ id: userId, xProven: true });
    const other = await browser.request('POST', '/api/archive', { body: archiveBody('777', ['11'], []) });
    expect(other.status).toBe(409);
    expect(await proven(userId)).toEqual({ x_account_id: BIG_ID, proven: true });

    // A new device without a session signs back into the same user.
    const phone = new TestBrowser(app());
    await phone.session();
    await signInWithX(phone);
    expect((await phone.session()).user).toMatchObject({ id: userId, xProven: true });

    // Another user cannot prove the same X account.
    const mallory = new TestBrowser(app());
    const malloryId = await mallory.signIn();
    const refused = await signInWithX(mallory);
    expect(refused.searchParams.get('error')).toBe('X_ACCOUNT_ALREADY_PROVEN');
    expect(await proven(malloryId)).toEqual({ x_account_id: null, proven: false });
  });

  it('refuses a callback finished in another browser, and a declined consent', async () => {
    double.user = { id: '4242', username: 'bob', name: 'Bob' };
    const web = app();
    const browser = new TestBrowser(web);
    const userId = await browser.signIn();
    const thief = new TestBrowser(web);
    const thiefId = await thief.signIn();
    const stolen = await signInWithX(browser, thief);
    expect(stolen.searchParams.get('error')).toBe('X_SIGN_IN');
    expect(await proven(thiefId)).toEqual({ x_account_id: null, proven: false });

    double.decline = true;
    try {
      const declined = await signInWithX(browser);
      expect(declined.searchParams.get('error')).toBe('X_SIGN_IN');
      // Only the code comes back: the sign-up page shows its translation, no free text.
      expect(declined.searchParams.get('message')).toBeNull();
    } finally {
      double.decline = false;
    }
    expect(await proven(userId)).toEqual({ x_account_id: null, proven: false });
    // The state was used up: replaying the same callback proves nothing.
    expect(
      (await browser.request('GET', '/oauth/x/callback?state=x&code=y')).headers.get('location'),
    ).toMatch(/error=X_SIGN_IN/);
  });

  const holders = async (xId: string) =>
    (await db().query<{ id: string }>('SELECT id FROM users WHERE x_account_id = $1', [xId])).map((r) =>
      Number(r.id),
    );

  it('finding 5: Sign in with X for a user imported with the CLI lands in that user, never a second one', async () => {
    double.user = { id: '9001', username: 'cli', name: 'Imported' };
    const imported = await importArchiveForOwner(db(), archive('9001', ['11'], ['12']));
    const browser = new TestBrowser(app());
    await browser.session();
    expect((await signInWithX(browser)).searchParams.get('proven')).toBe('x');
    expect((await browser.session()).user).toMatchObject({ id: imported.userId, xProven: true });
    expect(await holders('9001')).toEqual([imported.userId]);
  });

  it('finding 5: the proof ends the sessions of whoever uploaded the claim', async () => {
    double.user = { id: '9002', username: 'owner', name: 'Owner' };
    const uploader = new TestBrowser(app());
    const claimant = await uploader.signIn();
    const upload = await uploader.request('POST', '/api/archive', { body: archiveBody('9002', ['11'], []) });
    expect(upload.status).toBe(200);
    const owner = new TestBrowser(app());
    await owner.session();
    await signInWithX(owner);
    expect((await owner.session()).user).toMatchObject({ id: claimant, xProven: true });
    expect((await uploader.session()).user).toBeNull();
    // And nobody else may upload that X id any more.
    const late = new TestBrowser(app());
    await late.signIn();
    const refused = await late.request('POST', '/api/archive', { body: archiveBody('9002', [], []) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'ARCHIVE_CLAIMED_ELSEWHERE',
    );
  });

  it('finding 5: a claim with a linked account is never handed to the prover', async () => {
    double.user = { id: '9003', username: 'victim', name: 'Victim' };
    const claim = await importArchiveForOwner(db(), archive('9003', ['11'], []));
    await db().query(
      `INSERT INTO linked_accounts (user_id, platform, account_id, handle) VALUES ($1, 'bluesky', 'did:plc:mallory', 'mallory.test')`,
      [claim.userId],
    );
    const browser = new TestBrowser(app());
    await browser.session();
    expect((await signInWithX(browser)).searchParams.get('error')).toBe('X_ACCOUNT_CLAIMED');
    expect(await proven(claim.userId)).toEqual({ x_account_id: '9003', proven: false });
    expect(await holders('9003')).toEqual([claim.userId]);
  });

  it('finding 5: a signed-in user without an archive takes over an archive-only claim', async () => {
    double.user = { id: '9004', username: 'mover', name: 'Mover' };
    const claim = await importArchiveForOwner(db(), archive('9004', ['11', '12'], []));
    const browser = new TestBrowser(app());
    const userId = await browser.signIn();
    await signInWithX(browser);
    expect(await holders('9004')).toEqual([userId]);
    expect(await proven(userId)).toEqual({ x_account_id: '9004', proven: true });
    const edges = await db().query('SELECT x_id FROM x_edges WHERE user_id = $1 ORDER BY x_id', [userId]);
    expect(edges).toEqual([{ x_id: '11' }, { x_id: '12' }]);
    expect(await proven(claim.userId)).toEqual({ x_account_id: null, proven: false });
  });

  it('F7: the state cookie cannot be made from the callback URL, nor used from another session', async () => {
    double.user = { id: '4343', username: 'carol', name: 'Carol' };
    const web = app();
    const victim = new TestBrowser(web);
    const victimId = await victim.signIn();
    await victim.session();
    const start = await victim.request('POST', '/auth/x/start');
    const nonce = victim.cookies.get('passerelle_x_state') ?? '';
    const consent = await fetch(((await start.json()) as { url: string }).url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    const state = back.searchParams.get('state') ?? '';
    // The cookie is not the state: holding the URL does not give it.
    expect(nonce).toBeTruthy();
    expect(nonce).not.toBe(state);

    // Whoever holds the URL plants the state as the cookie in their own session: refused.
    const thief = new TestBrowser(web);
    const thiefId = await thief.signIn();
    thief.cookies.set('passerelle_x_state', state);
    const forged = await thief.request('GET', `/oauth/x/callback${back.search}`);
    expect(forged.headers.get('location')).toMatch(/error=X_SIGN_IN/);
    // Even the victim's own nonce does not work from another session.
    thief.cookies.set('passerelle_x_state', nonce);
    const replayed = await thief.request('GET', `/oauth/x/callback${back.search}`);
    expect(replayed.headers.get('location')).toMatch(/error=X_SIGN_IN/);
    expect(await proven(thiefId)).toEqual({ x_account_id: null, proven: false });

    // The victim's own browser and session complete it.
    const done = await victim.request('GET', `/oauth/x/callback${back.search}`);
    expect(done.headers.get('location')).toBe('/signup?proven=x');
    expect(await proven(victimId)).toEqual({ x_account_id: '4343', proven: true });
  });

  it('says so when Sign in with X is not configured', async () => {
    const browser = new TestBrowser(createApp({ database: db(), config: { cookieSecure: false } }));
    await browser.session();
    const res = await browser.request('POST', '/auth/x/start');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('X_NOT_CONFIGURED');
    // Starting is a state change: never by GET, never without the CSRF token.
    expect((await browser.request('GET', '/auth/x/start')).status).not.toBe(302);
    expect((await browser.request('POST', '/auth/x/start', { csrf: false })).status).toBe(403);
  });
});

// Every API route: anonymous callers get 401 where a session is needed, state changes without
// the CSRF token (or from another origin) get 403, and users only see and change their own data.
import { beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.ts';
import { hashToken } from '../../src/web/sessions.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archiveBody, TestBrowser } from './client.ts';

const NEEDS_SESSION: [string, string, unknown?][] = [
  ['GET', '/api/archive'],
  ['GET', '/api/archive/import'],
  ['POST', '/api/archive', archiveBody('1', [], [])],
  ['GET', '/api/archive/uploads/limits'],
  ['POST', '/api/archive/uploads', { owner: { accountId: '1', username: 'a' }, lists: { following: 1 } }],
  ['PUT', '/api/archive/uploads/1/following/0', { ids: ['2'] }],
  ['POST', '/api/archive/uploads/1/finish'],
  ['DELETE', '/api/archive/uploads/1'],
  ['GET', '/api/account/export'],
  ['DELETE', '/api/account'],
  ['GET', '/api/pledge'],
  ['PUT', '/api/pledge', { kind: 'percent', percent: 50 }],
  ['DELETE', '/api/pledge'],
  ['DELETE', '/api/session'],
  ['GET', '/api/links'],
  ['POST', '/api/links/mastodon', { instance: 'mastodon.example' }],
  ['DELETE', '/api/links/bluesky'],
  ['GET', '/api/share'],
  ['PUT', '/api/share/public-page', { enabled: true }],
  ['GET', '/api/email'],
  ['PUT', '/api/email', { email: 'someone@example.test' }],
  ['DELETE', '/api/email'],
  ['PUT', '/api/email/digest', { enabled: false }],
];

const STATE_CHANGING: [string, string, unknown?][] = NEEDS_SESSION.filter(([m]) => m !== 'GET').concat([
  ['POST', '/api/session'],
  // The emailed links' actions need no session, but the CSRF token and this origin all the same.
  ['POST', '/api/email/confirm', { token: 'A'.repeat(43) }],
  ['POST', '/api/email/unsubscribe', { token: 'A'.repeat(43) }],
]);

describeEachDatabase('web API', (db) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    app = createApp({
      database: db(),
      config: { rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never },
    });
  });

  it('serves /healthz and an OpenAPI document listing every route', async () => {
    expect((await app.request('/healthz')).status).toBe(200);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { openapi: string; paths: object };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/account',
        '/account/export',
        '/activation',
        '/archive',
        '/archive/import',
        '/archive/uploads',
        '/archive/uploads/limits',
        '/archive/uploads/{id}',
        '/archive/uploads/{id}/finish',
        '/archive/uploads/{id}/{list}/{part}',
        '/circles',
        '/communities',
        '/communities/{slug}',
        '/communities/{slug}/bluesky',
        '/communities/{slug}/history',
        '/communities/{slug}/invite',
        '/communities/{slug}/join',
        '/communities/{slug}/leave',
        '/communities/{slug}/me',
        '/communities/{slug}/members',
        '/consents',
        '/email',
        '/email/confirm',
        '/email/digest',
        '/email/unsubscribe',
        '/links',
        '/links/{platform}',
        '/mastodon/instances',
        '/matches',
        '/matches/bluesky-list',
        '/matches/mastodon.csv',
        '/matches/protected',
        '/matches/{id}/dismiss',
        '/matches/{id}/restore',
        '/people/{username}',
        '/pledge',
        '/progress',
        '/reconnect',
        '/reconnect/auto',
        '/session',
        '/sessions',
        '/sessions/sign-out-others',
        '/sessions/{id}/sign-out',
        '/signin/{platform}',
        '/share',
        '/share/public-page',
        '/stats',
        '/stats/history',
      ].sort(),
    );
    expect(JSON.stringify(doc)).toContain('"maxItems"');
  });

  it('gives anonymous callers 401 on every route that needs a session', async () => {
    const browser = new TestBrowser(app);
    await browser.session();
    for (const [method, path, body] of NEEDS_SESSION) {
      const res = await browser.request(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses every state-changing route without the CSRF token, with a wrong one, or cross-site', async () => {
    const browser = new TestBrowser(app);
    await browser.signIn();
    for (const [method, path, body] of STATE_CHANGING) {
      const missing = await browser.request(method, path, { body, csrf: false });
      expect(missing.status, `${method} ${path} without token`).toBe(403);
      const wrong = await browser.request(method, path, {
        body,
        csrf: false,
        headers: { 'x-csrf-token': 'x'.repeat(43) },
      });
      expect(wrong.status, `${method} ${path} wrong token`).toBe(403);
      const foreign = await browser.request(method, path, {
        body,
        headers: { origin: 'https://evil.example' },
      });
      expect(foreign.status, `${method} ${path} foreign origin`).toBe(403);
      const crossSite = await browser.request(method, path, {
        body,
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(crossSite.status, `${method} ${path} cross-site`).toBe(403);
    }
    // Still signed in: none of the refused requests did anything.
    expect((await browser.session()).user).not.toBeNull();
    const sameOrigin = await browser.request('PUT', '/api/pledge', {
      body: { kind: 'percent', percent: 40 },
      headers: { origin: 'http://localhost' },
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('starts an anonymous session with a hashed token and an HttpOnly, Secure, SameSite=Lax cookie', async () => {
    const browser = new TestBrowser(app);
    await browser.session();
    const res = await browser.request('POST', '/api/session');
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-passerelle_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = browser.cookies.get('__Host-passerelle_session') as string;
    const rows = await db().query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    // A second POST resumes the same user.
    const again = (await (await browser.request('POST', '/api/session')).json()) as { user: { id: number } };
    expect(again.user.id).toBe(((await res.clone().json()) as { user: { id: number } }).user.id);
  });

  it('revokes a session on sign-out, and forgets expired sessions', async () => {
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const token = browser.cookies.get('__Host-passerelle_session') as string;
    expect((await browser.request('DELETE', '/api/session')).status).toBe(204);
    const replay = new TestBrowser(app);
    replay.cookies.set('__Host-passerelle_session', token);
    expect((await replay.session()).user).toBeNull();

    const other = new TestBrowser(app);
    await other.signIn();
    await db().query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id <> $1`, [
      userId,
    ]);
    expect((await other.session()).user).toBeNull();
  });

  it('signs out everywhere: every session of the user is revoked, other users keep theirs', async () => {
    const laptop = new TestBrowser(app);
    await laptop.signIn();
    const phone = new TestBrowser(app);
    for (const [k, v] of laptop.cookies) phone.cookies.set(k, v);
    // A second session of the same user, as another device would have after signing in.
    const userId = ((await laptop.session()).user as { id: number }).id;
    const { createSession } = await import('../../src/web/sessions.ts');
    const { token } = await createSession(db(), userId, 3600);
    phone.cookies.set('__Host-passerelle_session', token);
    expect(((await phone.session()).user as { id: number }).id).toBe(userId);
    const bystander = new TestBrowser(app);
    await bystander.signIn();
    expect((await laptop.request('DELETE', '/api/session?everywhere=true')).status).toBe(204);
    expect((await phone.session()).user).toBeNull();
    expect((await bystander.session()).user).not.toBeNull();
  });

  it('slides the expiry forward when a session is used', async () => {
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    await db().query(
      `UPDATE sessions SET last_seen_at = now() - interval '1 day', expires_at = now() + interval '1 hour' WHERE user_id = $1`,
      [userId],
    );
    await browser.session();
    const [row] = await db().query<{ days: number }>(
      `SELECT extract(epoch FROM expires_at - now()) / 86400 AS days FROM sessions WHERE user_id = $1`,
      [userId],
    );
    expect(Number(row?.days)).toBeGreaterThan(29);
  });

  it('imports an uploaded archive for the session user only', async () => {
    const alice = new TestBrowser(app);
    const bob = new TestBrowser(app);
    await alice.signIn();
    await bob.signIn();
    const upload = await alice.request('POST', '/api/archive', {
      body: archiveBody('90000000000000000001', ['12', '13', '13', '18446744073709551615'], ['20']),
    });
    expect(upload.status).toBe(200);
    const result = (await upload.json()) as {
      archive: { following: number; followers: number; xAccountId: string };
    };
    expect(result.archive).toMatchObject({ xAccountId: '90000000000000000001', following: 3, followers: 1 });
    expect(
      ((await (await bob.request('GET', '/api/archive')).json()) as { archive: unknown }).archive,
    ).toBeNull();
    const mine = (await (await alice.request('GET', '/api/archive')).json()) as {
      archive: { following: number };
    };
    expect(mine.archive.following).toBe(3);
    // Bob cannot upload Alice's archive over his own claim once he has one.
    await bob.request('POST', '/api/archive', { body: archiveBody('777', ['1'], []) });
    const mismatch = await bob.request('POST', '/api/archive', {
      body: archiveBody('90000000000000000001', [], []),
    });
    expect(mismatch.status).toBe(409);
    const error = ((await mismatch.json()) as { error: { code: string; params: Record<string, string> } })
      .error;
    expect(error).toMatchObject({ code: 'ARCHIVE_OWNER_MISMATCH', params: { userAccountId: '777' } });
  });

  it('rejects malformed uploads with a clear error and writes nothing', async () => {
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const bad = [
      archiveBody('12a', [], []),
      archiveBody('1', ['1.5'], []),
      { ...archiveBody('1', [], []), source: 'ftp' },
      { owner: { accountId: '1' } },
      'not json',
    ];
    for (const body of bad) {
      const res = await browser.request('POST', '/api/archive', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toMatch(/INVALID_REQUEST|MALFORMED/);
    }
    // The error says which id is wrong and why.
    const res = await browser.request('POST', '/api/archive', { body: archiveBody('1', ['2', '1.5'], []) });
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid request: following.1: an X account id is 1 to 20 digits',
    );
    const rows = await db().query('SELECT 1 FROM archive_imports WHERE user_id = $1', [userId]);
    expect(rows).toHaveLength(0);
  });

  it('keeps pledges per user', async () => {
    const alice = new TestBrowser(app);
    const bob = new TestBrowser(app);
    await alice.signIn();
    await bob.signIn();
    const put = await alice.request('PUT', '/api/pledge', { body: { kind: 'date', leaveOn: '2027-03-01' } });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { pledge: { leaveOn: string } }).pledge.leaveOn).toBe('2027-03-01');
    expect(
      ((await (await bob.request('GET', '/api/pledge')).json()) as { pledge: unknown }).pledge,
    ).toBeNull();
    expect((await bob.request('DELETE', '/api/pledge')).status).toBe(204);
    expect(
      ((await (await alice.request('GET', '/api/pledge')).json()) as { pledge: unknown }).pledge,
    ).not.toBeNull();
    const invalid = await alice.request('PUT', '/api/pledge', { body: { kind: 'percent', percent: 140 } });
    expect(invalid.status).toBe(400);
  });

  it('serves public statistics without a session', async () => {
    const res = await app.request('/api/stats');
    expect(res.status).toBe(200);
    const stats = (await res.json()) as { users: number; archives: number; connections: { bluesky: number } };
    // Registered = did something (here: uploaded an archive); bare anonymous sessions do not count.
    const [all] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(stats.users).toBeGreaterThan(0);
    expect(stats.users).toBe(stats.archives);
    expect(stats.users).toBeLessThan(all?.n ?? 0);
    expect(stats.connections.bluesky).toBe(0);
    const history = (await (await app.request('/api/stats/history')).json()) as {
      days: string[];
      users: number[];
    };
    expect(history.days.length).toBe(history.users.length);
    // The chart counts only those who agreed to public statistics: never more than the totals.
    expect(history.users.at(-1)).toBeLessThanOrEqual(stats.users);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

// F1 (rule 9): no route of the app changes state without the CSRF token. Every route the app
// serves, GET included, is called as another site would make a signed-in browser call it (the
// session cookie rides along; no X-CSRF-Token; cross-site Origin on non-GET), and the whole
// database is compared before and after.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importMembers } from '../../src/communities/import.ts';
import { createCommunity } from '../../src/communities/store.ts';
import { recordXProof } from '../../src/identity/proof.ts';
import type { XOAuthConfig } from '../../src/identity/x-oauth.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { startXOAuthDouble, type XOAuthDouble, xConfigForDouble } from '../support/x-oauth-double/server.ts';
import { archiveBody, TestBrowser } from './client.ts';
import { linkMastodon, MASTODON_LINKS } from './mastodon-link.ts';

/**
 * Rows left out of the comparison, where a write is not state: the rate limiter's request
 * counters, and the server's own secret (made once, on first use, for binding X states).
 */
const NOT_STATE: Record<string, string> = {
  rate_limit_buckets: 'false',
  oauth_store: `namespace NOT IN ('server-secret')`,
};

const xClient = {
  clientId: 'passerelle-web',
  clientSecret: 's3cret',
  redirectUri: 'http://localhost/oauth/x/callback',
};
let mastodon: MastodonTestDouble;
let xDouble: XOAuthDouble;
let x: XOAuthConfig;
beforeAll(async () => {
  mastodon = new MastodonTestDouble();
  await mastodon.start();
  xDouble = await startXOAuthDouble(xClient, { id: '5150', username: 'eve', name: 'Eve' });
  x = xConfigForDouble(xDouble, xClient);
});
afterAll(async () => {
  await mastodon.stop();
  await xDouble.close();
});

describeEachDatabase('F1: no route changes state without the CSRF token', (db) => {
  async function snapshot(): Promise<Record<string, string[]>> {
    const tables = await db().query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Record<string, string[]> = {};
    for (const { tablename } of tables) {
      const where = NOT_STATE[tablename] ? `WHERE ${NOT_STATE[tablename]}` : '';
      const rows = await db().query<{ r: string }>(
        `SELECT row_to_json(t)::text AS r FROM "${tablename}" t ${where}`,
      );
      out[tablename] = rows.map((row) => row.r).sort();
    }
    return out;
  }

  it('F1: every route, GET included, called cross-site without the token leaves the database as it was', async () => {
    const vault = ephemeralVault();
    const web = createApp({
      database: db(),
      x,
      config: {
        cookieSecure: false,
        rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never,
      },
      links: { vault, mastodon: MASTODON_LINKS },
    });
    // A person with everything a forged request could change: an archive, a link, a session.
    const victim = new TestBrowser(web);
    const victimId = await victim.signIn();
    expect(
      (await victim.request('POST', '/api/archive', { body: archiveBody('5150', ['11'], ['12']) })).status,
    ).toBe(200);
    await linkMastodon(mastodon, victim, mastodon.addAccount(`v${mastodon.accounts.size}`));
    // A community the victim runs and belongs to: every /api/communities/:slug route reaches it.
    await recordXProof(db(), { id: '5150', username: 'eve', name: 'Eve' }, victimId);
    const community = await createCommunity(db(), { slug: 'victims', name: 'V', organiserUserId: victimId });
    await importMembers(db(), community.id, 'x_id\n11\n12\n');

    const routes = web.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*'));
    expect(routes.length).toBeGreaterThan(25);
    const before = await snapshot();
    const seen: string[] = [];
    for (const route of routes) {
      // Every GET also gets what a start would take from its query (an instance, a handle).
      const query =
        route.method === 'GET' ? `?instance=${encodeURIComponent(mastodon.url)}&handle=a.test` : '';
      const path = `${route.path
        .replace(':platform', 'mastodon')
        .replace(':id', 'bluesky:1')
        .replace(':slug', 'victims')
        .replace(':username', 'eve')}${query}`;
      const cross = { 'sec-fetch-site': 'cross-site', origin: 'https://attacker.example' };
      const res = await victim.request(route.method, path, {
        csrf: false,
        headers: route.method === 'GET' ? { 'sec-fetch-site': 'cross-site' } : cross,
        ...(route.method === 'GET'
          ? {}
          : { body: { instance: mastodon.url, handle: 'a.test', enabled: true } }),
      });
      if (route.method !== 'GET' && path.startsWith('/api/'))
        expect(res.status, `${route.method} ${path}`).toBe(403);
      seen.push(`${route.method} ${path} ${res.status}`);
    }
    expect(await snapshot()).toEqual(before);
    // Routes that must be among those called (the share step's setting and the public page).
    for (const expected of [
      'PUT /api/share/public-page 403',
      'GET /api/share',
      'GET /api/people/eve',
      'GET /api/mastodon/instances',
    ])
      expect(
        seen.some((s) => s.startsWith(expected)),
        expected,
      ).toBe(true);
    // Signing in with a network and ending sessions are among the routes tried, refused cross-site.
    for (const route of [
      'POST /api/signin/mastodon 403',
      'POST /api/sessions/sign-out-others 403',
      'POST /api/sessions/:id/sign-out 403',
    ])
      expect(seen.map((s) => s.replace(/\/sessions\/[^/]+\/sign-out/, '/sessions/:id/sign-out'))).toContain(
        route,
      );
    // The link starts that used to be GET are not among the routes any more.
    expect(seen.some((s) => s.includes('/auth/mastodon/start') || s.includes('/auth/bluesky/start'))).toBe(
      false,
    );
  });
});

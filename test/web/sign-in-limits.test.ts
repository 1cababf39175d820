// Sign-in starts (linking Mastodon or Bluesky; Sign in with X in a bucket of its own) are limited
// per user as well as per address: changing address does not reset a user's count, and one user's
// count is not another's.
// The API answers 429; the browser routes go back to the sign-up page with ?error=RATE_LIMITED.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { XOAuthConfig } from '../../src/identity/x-oauth.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import type { RateLimitRule } from '../../src/web/context.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { startXOAuthDouble, type XOAuthDouble, xConfigForDouble } from '../support/x-oauth-double/server.ts';
import { TestBrowser } from './client.ts';
import { MASTODON_LINKS } from './mastodon-link.ts';

const client = {
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
  xDouble = await startXOAuthDouble(client, { id: '1234567890123456789', username: 'al', name: 'Al' });
  x = xConfigForDouble(xDouble, client);
});
afterAll(async () => {
  await mastodon.stop();
  await xDouble.close();
});

const rule = (limit: number): RateLimitRule => ({ limit, windowSeconds: 3600 });

describeEachDatabase('web: sign-in start limits', (db) => {
  const vault = ephemeralVault();
  const app = (limits: { perIp: number; perUser: number }) =>
    createApp({
      database: db(),
      x,
      config: {
        cookieSecure: false,
        trustProxy: 1,
        rateLimits: {
          signInPerIp: rule(limits.perIp),
          signInPerUser: rule(limits.perUser),
          uploadPerIp: rule(100),
          uploadPerUser: rule(100),
        },
      },
      links: {
        vault,
        mastodon: MASTODON_LINKS,
      },
    });
  let ip = 0;
  /** Every request from a new address: only the per-user count can refuse it. */
  const fresh = () => ({ headers: { 'x-forwarded-for': `198.51.100.${++ip}` } });
  const instance = () => encodeURIComponent(mastodon.url);

  it('refuses the start after the last one allowed to the same user from any address, not to another user', async () => {
    const web = app({ perIp: 1000, perUser: 3 });
    const alice = new TestBrowser(web);
    await alice.signIn();
    const api = await alice.request('POST', '/api/links/mastodon', {
      body: { instance: mastodon.url },
      ...fresh(),
    });
    expect(api.status).toBe(200);
    const form = await alice.request('GET', `/auth/mastodon/start?instance=${instance()}`, fresh());
    expect(form.headers.get('location')).toMatch(new RegExp(`^${mastodon.url}/oauth/authorize`));
    const again = await alice.request('POST', '/api/links/mastodon', {
      body: { instance: mastodon.url },
      ...fresh(),
    });
    expect(again.status).toBe(200);

    // The fourth link start, whatever the route: the API's 429 with the error shape and Retry-After…
    const refused = await alice.request('POST', '/api/links/mastodon', {
      body: { instance: mastodon.url },
      ...fresh(),
    });
    expect(refused.status).toBe(429);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: `Too many attempts. Try again in ${retry} seconds.`,
        params: { retryAfterSeconds: retry },
      },
    });
    // …and the browser routes back to the sign-up page, which shows the code's message.
    for (const [platform, path] of [
      ['mastodon', `/auth/mastodon/start?instance=${instance()}`],
      ['bluesky', '/auth/bluesky/start?handle=alice.test'],
    ]) {
      const res = await alice.request('GET', path ?? '', fresh());
      expect(res.status, path).toBe(302);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const back = new URL(res.headers.get('location') ?? '', 'http://localhost');
      expect(back.pathname).toBe('/signup');
      expect(Object.fromEntries(back.searchParams)).toEqual({
        platform,
        error: 'RATE_LIMITED',
        retryAfterSeconds: expect.stringMatching(/^\d+$/),
      });
    }
    // Sign in with X counts on its own: three starts, the fourth refused the same way.
    for (let i = 0; i < 3; i++) {
      const withX = await alice.request('GET', '/auth/x/start', fresh());
      expect(withX.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    const xRefused = await alice.request('GET', '/auth/x/start', fresh());
    expect(xRefused.headers.get('location')).toMatch(/^\/signup\?platform=x&error=RATE_LIMITED&/);
    // Nothing was started for the refused one: no state waits for a callback.
    const states = await db().query(`SELECT 1 FROM oauth_store WHERE namespace = 'x-signin'`);
    expect(states).toHaveLength(3);

    // Bob, from the same last address, is counted on his own.
    const bob = new TestBrowser(web);
    await bob.signIn();
    const same = { headers: { 'x-forwarded-for': `198.51.100.${ip}` } };
    expect(
      (await bob.request('POST', '/api/links/mastodon', { body: { instance: mastodon.url }, ...same }))
        .status,
    ).toBe(200);
    expect((await bob.request('GET', '/auth/x/start', same)).headers.get('location')).toMatch(
      /^http:\/\/127/,
    );
  });

  it('still limits per address, before any session exists, in the sign-up page style', async () => {
    const web = app({ perIp: 2, perUser: 1000 });
    const from = { headers: { 'x-forwarded-for': '203.0.113.50' } };
    for (let i = 0; i < 2; i++) {
      const res = await new TestBrowser(web).request(
        'GET',
        `/auth/mastodon/start?instance=${instance()}`,
        from,
      );
      expect(res.headers.get('location')).toMatch(new RegExp(`^${mastodon.url}/`));
    }
    const refused = await new TestBrowser(web).request(
      'GET',
      `/auth/mastodon/start?instance=${instance()}`,
      from,
    );
    expect(refused.headers.get('location')).toMatch(/^\/signup\?platform=mastodon&error=RATE_LIMITED&/);
    const anonymous = new TestBrowser(web);
    await anonymous.session();
    expect(
      (await anonymous.request('POST', '/api/links/mastodon', { body: { instance: mastodon.url } })).status,
    ).toBe(401);
  });
});

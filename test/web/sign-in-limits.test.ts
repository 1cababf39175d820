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

  it('refuses the start after the last one allowed to the same user from any address, not to another user', async () => {
    const web = app({ perIp: 1000, perUser: 3 });
    const alice = new TestBrowser(web);
    await alice.signIn();
    const api = await alice.request('POST', '/api/links/mastodon', {
      body: { instance: mastodon.url },
      ...fresh(),
    });
    expect(api.status).toBe(200);
    const again = await alice.request('POST', '/api/links/mastodon', {
      body: { instance: mastodon.url },
      ...fresh(),
    });
    expect(((await again.json()) as { url: string }).url).toMatch(
      new RegExp(`^${mastodon.url}/oauth/authorize`),
    );
    const third = await alice.request('POST', '/api/links/bluesky', {
      body: { handle: 'alice.test' },
      ...fresh(),
    });
    expect(third.status).not.toBe(429);

    // The fourth link start, whatever the network: the API's 429 with the error shape and Retry-After…
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
    // Sign in with X counts on its own: three starts, the fourth refused the same way.
    for (let i = 0; i < 3; i++) {
      const withX = await alice.request('POST', '/auth/x/start', fresh());
      expect(((await withX.json()) as { url: string }).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    const xRefused = await alice.request('POST', '/auth/x/start', fresh());
    expect(xRefused.status).toBe(429);
    expect(xRefused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await xRefused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
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
    const bobX = await bob.request('POST', '/auth/x/start', same);
    expect(((await bobX.json()) as { url: string }).url).toMatch(/^http:\/\/127/);
  });

  it('still limits per address, whoever the users are', async () => {
    const web = app({ perIp: 2, perUser: 1000 });
    const from = { headers: { 'x-forwarded-for': '203.0.113.50' } };
    const start = async () => {
      const browser = new TestBrowser(web);
      await browser.session();
      expect((await browser.request('POST', '/api/session', fresh())).status).toBe(200);
      return browser.request('POST', '/api/links/mastodon', { body: { instance: mastodon.url }, ...from });
    };
    for (let i = 0; i < 2; i++) expect((await start()).status).toBe(200);
    expect((await start()).status).toBe(429);
    const anonymous = new TestBrowser(web);
    await anonymous.session();
    expect(
      (await anonymous.request('POST', '/api/links/mastodon', { body: { instance: mastodon.url } })).status,
    ).toBe(401);
  });
});

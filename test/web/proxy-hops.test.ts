// Behind TRUST_PROXY=N proxies the client address is the one the outermost trusted proxy saw (the
// Nth X-Forwarded-For entry from the right), never what the client wrote further left; and each
// limited action counts in its own buckets.
import { describe, expect, it } from 'vitest';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import { type RateLimitRule, webConfigFromEnv } from '../../src/web/context.ts';
import { trustedHop } from '../../src/web/middleware/client-ip.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { TestBrowser } from './client.ts';
import { MASTODON_LINKS } from './mastodon-link.ts';

describe('trusted proxy hops', () => {
  it('takes the entry the outermost trusted proxy wrote', () => {
    expect(trustedHop('6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(trustedHop('6.6.6.6,203.0.113.9 , 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(trustedHop('203.0.113.9', 2)).toBe('203.0.113.9');
    expect(trustedHop('203.0.113.9', 0)).toBeUndefined();
    expect(trustedHop(undefined, 1)).toBeUndefined();
  });

  it('reads TRUST_PROXY as a number of hops', () => {
    expect(webConfigFromEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(webConfigFromEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(webConfigFromEnv({}).trustProxy).toBeUndefined();
    expect(() => webConfigFromEnv({ TRUST_PROXY: 'yes' })).toThrow(/number of reverse proxies/);
  });
});

const rule = (limit: number): RateLimitRule => ({ limit, windowSeconds: 3600 });

describeEachDatabase('web: rate limits behind a proxy', (db) => {
  const app = (trustProxy: number) =>
    createApp({
      database: db(),
      config: {
        cookieSecure: false,
        trustProxy,
        rateLimits: {
          signInPerIp: rule(2),
          signInPerUser: rule(1000),
          uploadPerIp: rule(100),
          uploadPerUser: rule(100),
        },
      },
      links: { vault: ephemeralVault(), mastodon: MASTODON_LINKS },
    });
  const startSession = async (web: ReturnType<typeof app>, forwardedFor: string) => {
    const browser = new TestBrowser(web);
    await browser.session();
    return browser.request('POST', '/api/session', { headers: { 'x-forwarded-for': forwardedFor } });
  };

  it('counts a client by the address its proxy saw, whatever it writes to the left', async () => {
    const web = app(1);
    expect((await startSession(web, '6.6.6.1, 203.0.113.9')).status).toBe(200);
    expect((await startSession(web, '6.6.6.2, 203.0.113.9')).status).toBe(200);
    expect((await startSession(web, '6.6.6.3, 203.0.113.9')).status).toBe(429);
    // Another client behind the same proxy is counted on its own.
    expect((await startSession(web, '6.6.6.3, 203.0.113.10')).status).toBe(200);
  });

  it('counts N hops from the right with TRUST_PROXY=N', async () => {
    const web = app(2);
    for (const spoof of ['6.6.6.1', '6.6.6.2'])
      expect((await startSession(web, `${spoof}, 198.51.100.20, 10.0.0.2`)).status).toBe(200);
    expect((await startSession(web, '6.6.6.4, 198.51.100.20, 10.0.0.3')).status).toBe(429);
  });

  it('keeps refused link attempts out of the session starts and Sign in with X buckets', async () => {
    const web = app(1);
    const from = { headers: { 'x-forwarded-for': '192.0.2.77' } };
    const browser = new TestBrowser(web);
    await browser.session();
    expect((await browser.request('POST', '/api/session', from)).status).toBe(200);
    await browser.session();
    const attempt = () =>
      browser.request('POST', '/api/links/mastodon', { body: { instance: 'no..such' }, ...from });
    // Two refused instance addresses (the link bucket allows two an hour here), then 429.
    for (let i = 0; i < 2; i++) expect((await attempt()).status).toBe(400);
    expect((await attempt()).status).toBe(429);
    // Signing up and Sign in with X from that address still work: their own buckets.
    expect((await startSession(web, '192.0.2.77')).status).toBe(200);
    const other = new TestBrowser(web);
    await other.session();
    expect((await other.request('POST', '/auth/x/start', from)).status).not.toBe(429);
  });
});

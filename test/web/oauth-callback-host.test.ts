// A development server opened at http://localhost:<port> gives Bluesky the loopback redirect
// http://127.0.0.1:<port>/… (RFC 8252); the callback sends the browser back to localhost, where
// its session cookie lives, keeping the query. Nothing else is redirected.
import { expect, it } from 'vitest';
import { createApp } from '../../src/web/app.ts';
import { describeEachDatabase } from '../support/databases.ts';

describeEachDatabase('web: Bluesky callback on the loopback address', (db) => {
  const app = (allowedOrigins: string[]) =>
    createApp({ database: db(), config: { cookieSecure: false, allowedOrigins } });

  it('sends the callback from 127.0.0.1 to the localhost origin with the same query', async () => {
    const res = await app(['http://localhost:8080']).request(
      'http://127.0.0.1:8080/oauth/bluesky/callback?state=s1&iss=http%3A%2F%2Fpds&code=c1',
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      'http://localhost:8080/oauth/bluesky/callback?state=s1&iss=http%3A%2F%2Fpds&code=c1',
    );
  });

  it('does not redirect another port, another host, or when no localhost origin is configured', async () => {
    for (const [origins, url] of [
      [['http://localhost:8080'], 'http://127.0.0.1:9090/oauth/bluesky/callback?code=c'],
      [['http://localhost:8080'], 'http://localhost:8080/oauth/bluesky/callback?code=c'],
      [['https://passerelle.example'], 'http://127.0.0.1:8080/oauth/bluesky/callback?code=c'],
      [[], 'http://127.0.0.1:8080/oauth/bluesky/callback?code=c'],
    ] as const) {
      const res = await app([...origins]).request(url);
      // Linking is not configured in this app: the callback answers with the sign-up page's error.
      expect(res.headers.get('location'), url).toBe('/signup?platform=bluesky&error=LINK_NOT_CONFIGURED');
    }
  });
});

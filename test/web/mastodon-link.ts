// Linking Mastodon in web tests: the server's Mastodon configuration for the test double, and the
// whole dance — start through the API, the double approves, the browser comes back.
import { expect } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import type { MastodonOAuthConfig } from '../../src/platforms/mastodon/oauth.ts';
import type { Vault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import type { DoubleAccount, MastodonTestDouble } from '../support/mastodon-double/server.ts';
import type { TestBrowser } from './client.ts';

/** Linking Mastodon against the double: http and loopback allowed. */
export const MASTODON_LINKS: MastodonOAuthConfig = {
  redirectUri: 'http://localhost/oauth/mastodon/callback',
  clientName: 'Passerelle',
  policy: { allowHttp: true, allowPrivateAddresses: true },
};

/** A plain-http web app that links Mastodon only. */
export function mastodonLinkingApp(database: Database, vault: Vault) {
  return createApp({ database, config: { cookieSecure: false }, links: { vault, mastodon: MASTODON_LINKS } });
}

/** Start through the API, let the double approve as `as`, and follow the redirect back. */
export async function linkMastodon(
  double: MastodonTestDouble,
  browser: TestBrowser,
  as: DoubleAccount,
  callbackBrowser = browser,
  options: { replace?: boolean; reauthorize?: boolean } = {},
): Promise<Response> {
  double.signedInAccountId = as.id;
  // Only the start's own fields: the body is small and bounded.
  const body = options.reauthorize
    ? { reauthorize: true }
    : { instance: double.url, ...(options.replace ? { replace: true } : {}) };
  const start = await browser.request('POST', '/api/links/mastodon', { body });
  expect(start.status).toBe(200);
  const { url } = (await start.json()) as { url: string };
  const approved = await fetch(url, { redirect: 'manual' });
  const back = new URL(approved.headers.get('location') ?? '');
  return callbackBrowser.request('GET', `/oauth/mastodon/callback${back.search}`);
}

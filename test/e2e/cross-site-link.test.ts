// F1 in a real Chromium: a page on another origin tries to start a link for a signed-in person,
// by a GET navigation (the old /auth/mastodon/start) and by a form POST to the API. Nothing is
// started and nothing is linked. Skips only when /usr/bin/chromium is absent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { ephemeralVault } from '../../src/vault/vault.ts';
import { createApp } from '../../src/web/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { MastodonTestDouble } from '../support/mastodon-double/server.ts';
import { MASTODON_LINKS } from '../web/mastodon-link.ts';
import { hasChromium, launchChromium } from './browser.ts';

function listen(server: http.Server | ReturnType<typeof serve>): Promise<number> {
  return new Promise((resolve) => {
    const s = server as http.Server;
    if (s.listening) resolve((s.address() as AddressInfo).port);
    else s.on('listening', () => resolve((s.address() as AddressInfo).port));
  });
}

describe.skipIf(!hasChromium)('F1: a link cannot be started from another site (Chromium)', () => {
  let handle: TestDatabase;
  let database: Database;
  let browser: Browser;
  let mastodon: MastodonTestDouble;
  let app: ReturnType<typeof serve>;
  let attacker: http.Server;
  let appUrl: string;
  let attackerUrl: string;

  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    database = handle.database;
    mastodon = new MastodonTestDouble();
    await mastodon.start();
    const web = createApp({
      database,
      config: { cookieSecure: false },
      links: { vault: ephemeralVault(), mastodon: MASTODON_LINKS },
    });
    app = serve({ fetch: web.fetch, port: 0, hostname: '127.0.0.1' });
    appUrl = `http://localhost:${await listen(app)}`;
    // The attacker's site: another origin (and site) than the app's.
    const instance = encodeURIComponent(mastodon.url);
    attacker = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/html');
      if (req.url === '/get') {
        res.end(
          `<script>location.href = ${JSON.stringify(`${appUrl}/auth/mastodon/start?instance=${instance}`)}</script>`,
        );
        return;
      }
      res.end(
        `<form id="f" method="post" action="${appUrl}/api/links/mastodon" enctype="text/plain">` +
          `<input name='{"instance":"${mastodon.url}","x":"' value='"}'></form><script>f.submit()</script>`,
      );
    });
    attacker.listen(0, '127.0.0.1');
    attackerUrl = `http://127.0.0.1:${await listen(attacker)}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => app?.close(r));
    await new Promise((r) => attacker?.close(r));
    await mastodon?.stop();
    await handle?.close();
  });

  const started = () => database.query(`SELECT 1 FROM oauth_store WHERE namespace = 'mastodon-auth'`);

  it('F1: neither a GET navigation nor a form POST from another origin starts or makes a link', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The person signs in on Passerelle (an anonymous session, as the sign-up page makes).
    await page.goto(`${appUrl}/api/session`);
    const status = await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/session', { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
      return res.status;
    });
    expect(status).toBe(200);

    await page.goto(`${attackerUrl}/get`);
    await page.waitForURL(`${appUrl}/**`);
    expect(new URL(page.url()).origin).toBe(appUrl);
    expect(await started()).toEqual([]);

    const answer = page.waitForResponse((r) => r.url() === `${appUrl}/api/links/mastodon`);
    await page.goto(`${attackerUrl}/form`);
    expect((await answer).status()).toBe(403);
    expect(await started()).toEqual([]);
    expect(await database.query('SELECT 1 FROM linked_accounts')).toEqual([]);
    expect(mastodon.codes.size).toBe(0);
    await context.close();
  });
});

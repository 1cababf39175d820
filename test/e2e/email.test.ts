// The email settings in a real Chromium: give an address in settings, open the emailed link on
// another device (no session), confirm with the page's button; then a digest's unsubscribe link,
// opened without signing in, stops the emails. Mail goes through a real local SMTP server.
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DigestConfig, sendDueDigests } from '../../src/directory/digest.ts';
import { ensureUiBuilt } from '../../src/ui/build.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { startSmtp } from '../support/smtp.ts';
import { axeViolations } from './axe.ts';
import { hasChromium, launchChromium, type RunningApp, serveApp } from './browser.ts';

describe.skipIf(!hasChromium)('email settings in Chromium', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let handle: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  const config: DigestConfig = {
    from: 'Passerelle <mail@passerelle.test>',
    baseUrl: '',
    secret: 'e2e-secret',
  };
  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

  beforeAll(async () => {
    ensureUiBuilt();
    smtp = await startSmtp();
    handle = await openTestDatabase('pglite');
    app = await serveApp(handle.database, { mail: { transport: transport(), config } });
    config.baseUrl = app.url; // the links in the mails point at this server
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  /** The link of `path` in the last mail to `to`. */
  const linkIn = (to: string, path: string) => {
    const mail = smtp.received.filter((m) => m.to.includes(to)).at(-1);
    return new RegExp(`${app.url}/${path}\\?token=[A-Za-z0-9_-]+`).exec(mail?.body ?? '')?.[0] ?? '';
  };

  /** Opens an emailed link in a fresh context (another device: no session) and presses its button. */
  async function pressLinkButton(url: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(url);
    await page.getByTestId('email-link-button').waitFor();
    // The token leaves the address bar at once; the page never shows it.
    await expect.poll(() => page.url()).not.toContain('token=');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('email-link-button').click();
    await page.getByTestId('email-link-done').waitFor();
    return page;
  }

  it('gives an address in settings, confirms it from the emailed link, and unsubscribes without signing in', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    // A session, as the sign-up page would start it.
    const { csrfToken } = (await (await context.request.get(`${app.url}/api/session`)).json()) as {
      csrfToken: string;
    };
    await context.request.post(`${app.url}/api/session`, { headers: { 'x-csrf-token': csrfToken } });

    await page.goto(`${app.url}/settings`);
    await page.getByTestId('email-address').fill('robin@example.test');
    await page.getByTestId('email-save').click();
    await page.getByTestId('email-notice').waitFor();
    expect(await page.getByTestId('email-pending').textContent()).toContain('robin@example.test');
    expect(await page.getByTestId('email-current').textContent()).toBe('Pas encore d’adresse e-mail.');
    expect(await axeViolations(page)).toEqual([]);

    const confirmUrl = linkIn('robin@example.test', 'email/confirm');
    expect(confirmUrl).not.toBe('');
    await pressLinkButton(confirmUrl);
    await page.reload();
    await expect
      .poll(() => page.getByTestId('email-current').textContent())
      .toBe('Les e-mails partent à robin@example.test.');
    expect(await page.getByTestId('email-digest').isChecked()).toBe(true);

    // No archive yet: the digest reminds them, with an unsubscribe link that needs no session.
    expect((await sendDueDigests(handle.database, transport(), config)).sent).toBe(1);
    await pressLinkButton(linkIn('robin@example.test', 'unsubscribe'));
    await page.reload();
    await page.getByTestId('email-digest').waitFor();
    expect(await page.getByTestId('email-digest').isChecked()).toBe(false);
    await context.close();
  }, 180_000);
});

// The address Passerelle's emails go to, through the web app: double opt-in by an emailed,
// single-use, expiring link whose page confirms with a POST; an unsubscribe that works without
// signing in; rate limits; the address shown to its owner only, exported and deleted with the
// account. Mail goes through a real local SMTP server.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/directory/digest.ts';
import { createApp } from '../../src/web/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type Received, startSmtp } from '../support/smtp.ts';
import { TestBrowser } from './client.ts';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));

const config = {
  from: 'Passerelle <mail@passerelle.test>',
  baseUrl: 'https://passerelle.test',
  secret: 's3cret',
};
const mailer = () => ({
  transport: nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  }),
  config,
});
const lastTo = (to: string): Received | undefined => smtp.received.filter((m) => m.to.includes(to)).at(-1);
const linkToken = (mail: Received | undefined, path: string) =>
  new RegExp(`https://passerelle\\.test/${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail?.body ?? '')?.[1] ?? '';
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describeEachDatabase('email address, double opt-in and unsubscribe', (db) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    app = createApp({
      database: db(),
      mail: mailer(),
      config: {
        rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never,
        emailLimits: {
          perIp: { limit: 1000, windowSeconds: 3600 },
          perUser: { limit: 3, windowSeconds: 3600 },
          perAddress: { limit: 2, windowSeconds: 86_400 },
        },
      },
    });
  });

  /** A signed-in browser that gave `email`; returns it and the token of the emailed link. */
  async function giveAddress(email: string, lang = 'en') {
    const browser = new TestBrowser(app);
    const userId = await browser.signIn();
    const res = await browser.request('PUT', '/api/email', { body: { email, lang } });
    expect(res.status).toBe(202);
    return { browser, userId, token: linkToken(lastTo(email), 'email/confirm') };
  }

  /** A browser on the emailed link's page: no session, only the CSRF token the page asks for. */
  async function linkPage() {
    const page = new TestBrowser(app);
    await page.session();
    return page;
  }

  it('confirms by the link’s page only, and only a confirmed address gets the archive reminder', async () => {
    const { browser, userId, token } = await giveAddress('alex@example.test', 'fr');
    const mail = lastTo('alex@example.test');
    expect(mail?.body).toContain('confirmez votre adresse');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await (await browser.request('GET', '/api/email')).json()).toMatchObject({
      available: true,
      email: null,
      digest: false,
      pending: { email: 'alex@example.test' },
    });

    // Unconfirmed: no digest, no reminder, although this person has no archive yet.
    const sent = smtp.received.length;
    await sendDueDigests(db(), mailer().transport, config);
    expect(smtp.received.slice(sent).filter((m) => m.to.includes('alex@example.test'))).toEqual([]);

    // Opening the link changes nothing (the API has no GET for it; the page is the web app's).
    expect((await app.request(`/api/email/confirm?token=${token}`)).status).toBe(404);
    const page = await linkPage();
    expect((await page.request('POST', '/api/email/confirm', { body: { token } })).status).toBe(200);
    expect(await (await browser.request('GET', '/api/email')).json()).toMatchObject({
      email: 'alex@example.test',
      digest: true,
      pending: null,
    });
    // Single use.
    const again = await page.request('POST', '/api/email/confirm', { body: { token } });
    expect([again.status, await codeOf(again)]).toEqual([400, 'EMAIL_TOKEN_INVALID']);

    // Confirmed: the reminder reaches it, with the RFC 8058 headers and a working unsubscribe link.
    await sendDueDigests(db(), mailer().transport, config);
    const digest = lastTo('alex@example.test');
    expect(digest?.body).toContain('Your X archive is not on Passerelle yet');
    expect(digest?.body).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribe = linkToken(digest, 'unsubscribe');
    const other = await linkPage();
    expect(
      (await other.request('POST', '/api/email/unsubscribe', { body: { token: unsubscribe } })).status,
    ).toBe(200);
    const [row] = await db().query<{ digest_enabled: boolean }>(
      'SELECT digest_enabled FROM notification_settings WHERE user_id = $1',
      [userId],
    );
    expect(row?.digest_enabled).toBe(false);
    // Back on from settings, to the same confirmed address.
    const on = await browser.request('PUT', '/api/email/digest', { body: { enabled: true } });
    expect(((await on.json()) as { digest: boolean }).digest).toBe(true);
  });

  it('refuses expired, reused, foreign and cross-site confirmations, changing nothing', async () => {
    const { browser, userId, token } = await giveAddress('blake@example.test');
    const page = await linkPage();
    // Another site posting the link page's form for the visitor: refused by origin and CSRF.
    const crossSite = await page.request('POST', '/api/email/confirm', {
      body: { token },
      headers: { origin: 'https://elsewhere.example' },
    });
    expect([crossSite.status, await codeOf(crossSite)]).toEqual([403, 'CSRF_REJECTED']);
    expect((await page.request('POST', '/api/email/confirm', { body: { token }, csrf: false })).status).toBe(
      403,
    );
    // Foreign tokens: another deployment's, an unsubscribe token, a malformed one.
    for (const foreign of ['A'.repeat(43), 'not a token', '']) {
      const res = await page.request('POST', '/api/email/confirm', { body: { token: foreign } });
      expect(res.status, foreign).toBe(400);
    }
    expect((await page.request('POST', '/api/email/unsubscribe', { body: { token } })).status).toBe(400);
    expect(((await (await browser.request('GET', '/api/email')).json()) as { email: null }).email).toBeNull();

    // Expired: refused, and used up.
    await db().query(
      `UPDATE email_confirmations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [userId],
    );
    const expired = await page.request('POST', '/api/email/confirm', { body: { token } });
    expect([expired.status, await codeOf(expired)]).toEqual([410, 'EMAIL_TOKEN_EXPIRED']);
    const reused = await page.request('POST', '/api/email/confirm', { body: { token } });
    expect(reused.status).toBe(400);
    expect(await (await browser.request('GET', '/api/email')).json()).toMatchObject({
      email: null,
      pending: null,
    });
    // The one-click endpoint refuses a foreign token too.
    const oneClick = await app.request('/unsubscribe?token=AAAAAAAAAAAAAAAAAAAAAAAA', {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(404);
  });

  it('needs a session and the CSRF token, shows the address to its owner only, and limits the links', async () => {
    const anonymous = new TestBrowser(app);
    await anonymous.session();
    expect((await anonymous.request('GET', '/api/email')).status).toBe(401);
    expect((await anonymous.request('PUT', '/api/email', { body: { email: 'x@example.test' } })).status).toBe(
      401,
    );
    expect((await anonymous.request('DELETE', '/api/email')).status).toBe(401);

    const { browser } = await giveAddress('casey@example.test');
    const stranger = new TestBrowser(app);
    await stranger.signIn();
    expect(await (await stranger.request('GET', '/api/email')).json()).toMatchObject({
      email: null,
      pending: null,
    });
    expect(
      (await browser.request('PUT', '/api/email', { body: { email: 'c2@example.test' }, csrf: false }))
        .status,
    ).toBe(403);
    const bad = await browser.request('PUT', '/api/email', { body: { email: 'not an address' } });
    expect([bad.status, await codeOf(bad)]).toEqual([400, 'INVALID_EMAIL']);
    const long = await browser.request('PUT', '/api/email', {
      body: { email: `${'a'.repeat(250)}@example.test` },
    });
    expect(long.status).toBe(400);
    const noEmail = await stranger.request('PUT', '/api/email/digest', { body: { enabled: true } });
    expect([noEmail.status, await codeOf(noEmail)]).toEqual([409, 'NO_EMAIL']);

    // Per user: 3 requests an hour here (the first was giveAddress's; the bad ones counted too).
    const limited = await browser.request('PUT', '/api/email', { body: { email: 'c3@example.test' } });
    expect([limited.status, await codeOf(limited)]).toEqual([429, 'RATE_LIMITED']);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Per mailbox, whoever asks: 2 links a day here.
    await giveAddress('dana@example.test');
    await giveAddress('dana@example.test');
    const third = new TestBrowser(app);
    await third.signIn();
    const flood = await third.request('PUT', '/api/email', { body: { email: 'DANA@example.test' } });
    expect([flood.status, await codeOf(flood)]).toEqual([429, 'RATE_LIMITED']);
  });

  it('keeps nothing when the mail cannot go, and says when this server sends no email', async () => {
    const broken = createApp({
      database: db(),
      mail: {
        transport: nodemailer.createTransport({
          host: '127.0.0.1',
          port: 9,
          secure: false,
          connectionTimeout: 2000,
        }),
        config,
      },
      config: { rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never },
    });
    const browser = new TestBrowser(broken);
    const userId = await browser.signIn();
    const res = await browser.request('PUT', '/api/email', { body: { email: 'eli@example.test' } });
    expect([res.status, await codeOf(res)]).toEqual([502, 'EMAIL_SEND_FAILED']);
    expect(await db().query('SELECT 1 FROM email_confirmations WHERE user_id = $1', [userId])).toEqual([]);

    const mailless = createApp({
      database: db(),
      config: { rateLimits: { signInPerIp: { limit: 1000, windowSeconds: 3600 } } as never },
    });
    const visitor = new TestBrowser(mailless);
    await visitor.signIn();
    expect(
      ((await (await visitor.request('GET', '/api/email')).json()) as { available: boolean }).available,
    ).toBe(false);
    const off = await visitor.request('PUT', '/api/email', { body: { email: 'fay@example.test' } });
    expect([off.status, await codeOf(off)]).toEqual([503, 'EMAIL_UNAVAILABLE']);
  });

  it('removes the address on request, exports it, and deletes it with the account', async () => {
    const { browser, userId, token } = await giveAddress('gus@example.test');
    const page = await linkPage();
    expect((await page.request('POST', '/api/email/confirm', { body: { token } })).status).toBe(200);
    await browser.request('PUT', '/api/email', { body: { email: 'gus.new@example.test' } });

    const exported = (await (await browser.request('GET', '/api/account/export')).json()) as {
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(exported.tables.notification_settings?.[0]?.email).toBe('gus@example.test');
    expect(exported.tables.email_confirmations?.[0]?.email).toBe('gus.new@example.test');
    expect(JSON.stringify(exported)).not.toContain('token_hash');

    const removed = await browser.request('DELETE', '/api/email');
    expect(await removed.json()).toMatchObject({ email: null, pending: null });
    await browser.request('PUT', '/api/email', { body: { email: 'gus.again@example.test' } });
    expect((await browser.request('DELETE', '/api/account')).status).toBe(204);
    for (const table of ['notification_settings', 'email_confirmations'])
      expect(await db().query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [userId]), table).toEqual([]);
  });
});

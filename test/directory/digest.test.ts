import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clearActivation, setActivation } from '../../src/directory/activation.ts';
import { setConsents } from '../../src/directory/consent.ts';
import {
  type DigestConfig,
  DigestInputError,
  sendDueDigests,
  subscribeDigest,
  unsubscribeToken,
} from '../../src/directory/digest.ts';
import { unsubscribeRoutes } from '../../src/directory/unsubscribe-routes.ts';
import { importArchiveForUser } from '../../src/graph/ingest.ts';
import { recordXProof } from '../../src/identity/proof.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { archive, link, person } from './fixtures.ts';

// A real SMTP server on a local port: every message nodemailer sends arrives here, raw.
const received: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let port: number;
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const config: DigestConfig = {
  from: 'Passerelle <digest@passerelle.test>',
  baseUrl: 'https://passerelle.test',
  secret: 'test-secret',
};
const transport = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
const DAY = 86_400_000;

describeEachDatabase('email digest', (db) => {
  it('sends one digest a week at most, only with news, each with a one-click unsubscribe that works', async () => {
    const reader = await person(db(), '80', {
      following: ['81', '82', '83'],
      followers: ['84'],
      proven: true,
    });
    await subscribeDigest(db(), reader.userId, 'reader@example.test', config.secret);
    const t0 = new Date();
    expect(await sendDueDigests(db(), transport(), config, t0)).toEqual({
      sent: 0,
      nothingNew: 1,
      failed: [],
    });

    for (const x of ['81', '82', '84']) await link(db(), await person(db(), x, { proven: true }), 'bluesky');
    const run = await sendDueDigests(db(), transport(), config, new Date());
    expect(run).toEqual({ sent: 1, nothingNew: 0, failed: [] });
    const mail = received.at(-1);
    expect(mail?.to).toEqual(['reader@example.test']);
    expect(mail?.raw).toContain('Subject: 2 more people you followed on X joined Bluesky this week.');
    expect(mail?.raw).toContain('1 more person who followed you on X joined Bluesky this week.');
    const token = unsubscribeToken(config.secret, reader.userId, 'reader@example.test');
    const headers = mail?.raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' '); // unfolded
    expect(headers).toContain(`List-Unsubscribe: <https://passerelle.test/unsubscribe?token=${token}>`);
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // More news the next day: still within the week, so nothing is sent.
    await link(db(), await person(db(), '83', { proven: true }), 'mastodon');
    expect(await sendDueDigests(db(), transport(), config, new Date(Date.now() + DAY))).toMatchObject({
      sent: 0,
    });
    const later = await sendDueDigests(db(), transport(), config, new Date(Date.now() + 8 * DAY));
    expect(later.sent).toBe(1);
    expect(received.at(-1)?.raw).toContain('1 more person you followed on X joined Mastodon this week.');

    // One click (RFC 8058): the mail client POSTs List-Unsubscribe=One-Click; nothing else does
    // (GET is the web app's page with a button), and a wrong token changes nothing.
    const app = unsubscribeRoutes(db());
    const url = `/unsubscribe?token=${token}`;
    const oneClick = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await app.request(url)).status).toBe(404);
    expect((await app.request(url, { method: 'POST' })).status).toBe(400);
    const crossSite = { ...oneClick, 'sec-fetch-site': 'cross-site' };
    expect(
      (await app.request(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: crossSite }))
        .status,
    ).toBe(403);
    expect(
      (
        await db().query(`SELECT digest_enabled FROM notification_settings WHERE user_id = $1`, [
          reader.userId,
        ])
      )[0],
    ).toEqual({
      digest_enabled: true,
    });
    expect(
      (
        await app.request('/unsubscribe?token=forged-token-forged-token', {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
          headers: oneClick,
        })
      ).status,
    ).toBe(404);
    const click = await app.request(url, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(click.status).toBe(200);
    await link(db(), await person(db(), '99', { proven: true, followers: ['80'] }), 'bluesky');
    const count = received.length;
    expect(await sendDueDigests(db(), transport(), config, new Date(Date.now() + 30 * DAY))).toEqual({
      sent: 0,
      nothingNew: 0,
      failed: [],
    });
    expect(received.length).toBe(count);
  });

  it('reminds someone who has no archive yet to upload it, each week until they do', async () => {
    const [row] = await db().query<{ id: string }>(`INSERT INTO users DEFAULT VALUES RETURNING id`);
    const userId = Number(row?.id);
    // Proven and linked, no archive: X is still preparing it.
    await recordXProof(db(), { id: '70', username: 'early', name: 'Early' }, userId);
    await subscribeDigest(db(), userId, 'early@example.test', config.secret);
    const t0 = new Date();
    expect(await sendDueDigests(db(), transport(), config, t0)).toEqual({
      sent: 1,
      nothingNew: 0,
      failed: [],
    });
    const mail = received.at(-1);
    expect(mail?.to).toEqual(['early@example.test']);
    expect(mail?.raw).toContain('Subject: Passerelle: your X archive');
    expect(mail?.raw).toContain('Your X archive is not on Passerelle yet.');
    expect(mail?.raw).toContain('https://passerelle.test/archive');
    // Not twice in a week.
    expect((await sendDueDigests(db(), transport(), config, new Date(t0.getTime() + DAY))).sent).toBe(0);
    await importArchiveForUser(db(), userId, archive('70', ['71']));
    expect(await sendDueDigests(db(), transport(), config, new Date(t0.getTime() + 8 * DAY))).toEqual({
      sent: 0,
      nothingNew: 1,
      failed: [],
    });
  });

  it('refuses an address that is not one, and gives the claim back when the SMTP server fails', async () => {
    const someone = await person(db(), '90', { following: ['91'] });
    await expect(
      subscribeDigest(db(), someone.userId, 'not an address', config.secret),
    ).rejects.toBeInstanceOf(DigestInputError);
    await subscribeDigest(db(), someone.userId, 'someone@example.test', config.secret);
    await link(db(), await person(db(), '91', { proven: true }), 'bluesky');
    const dead = nodemailer.createTransport({
      host: '127.0.0.1',
      port: 9,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 1000,
    });
    const run = await sendDueDigests(db(), dead, config, new Date());
    expect(run.failed.map((f) => f.userId)).toEqual([someone.userId]);
    const [row] = await db().query(`SELECT last_digest_at FROM notification_settings WHERE user_id = $1`, [
      someone.userId,
    ]);
    expect(row).toEqual({ last_digest_at: null });
    expect((await sendDueDigests(db(), transport(), config, new Date())).sent).toBe(1);
  });

  it('says when the switch-on comes, in English and French, while it is still to come', async () => {
    const reader = await person(db(), '170', { following: ['171', '172'], proven: true });
    await link(db(), reader, 'bluesky');
    await setConsents(db(), reader.userId, { autoFollow: true });
    await subscribeDigest(db(), reader.userId, 'waiting@example.test', config.secret);
    await setActivation(db(), new Date('2099-01-20T17:00:00Z'));
    try {
      for (const x of ['171', '172']) await link(db(), await person(db(), x, { proven: true }), 'bluesky');
      expect((await sendDueDigests(db(), transport(), config, new Date())).sent).toBe(1);
      const text = bodyOf(received.at(-1)?.raw ?? '');
      expect(text).toContain(
        'Passerelle switches on on 20 January 2099 at 17:00 UTC: your 2 planned follows start then.',
      );
      expect(text).toContain(
        'Passerelle se met en route le 20 janvier 2099 à 17:00 UTC : vos 2 abonnements prévus démarrent à ce moment-là.',
      );
    } finally {
      await clearActivation(db());
    }
    // Once switched on (or with none set), the digest says nothing of it.
    await link(db(), await person(db(), '173', { proven: true, followers: ['170'] }), 'bluesky');
    expect((await sendDueDigests(db(), transport(), config, new Date(Date.now() + 8 * DAY))).sent).toBe(1);
    expect(received.at(-1)?.to).toEqual(['waiting@example.test']);
    expect(bodyOf(received.at(-1)?.raw ?? '')).not.toMatch(/switches on|mise en route/);
  });
});

/** The text part of a raw message, quoted-printable decoded. */
function bodyOf(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n')
    .replace(/=\r?\n/g, '');
  const bytes = body.replace(/=([0-9A-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  return Buffer.from(bytes, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

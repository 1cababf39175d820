// The email digest: "12 more people you followed on X joined Bluesky this week", and, until the
// person has uploaded their X archive, a reminder to upload it when X has sent it. At most one
// per person per week by default, none when there is nothing to say, only to a confirmed address
// (digest-address.ts), and a one-click unsubscribe (RFC 8058) in every message.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/index.ts';
import { type ActivationView, activationView } from './activation.ts';
import { CANDIDATES_CTE } from './candidates.ts';
import { claimDigest, releaseDigest, unsubscribeToken } from './digest-address.ts';

export {
  DigestInputError,
  subscribeDigest,
  unsubscribeDigest,
  unsubscribeToken,
} from './digest-address.ts';

export interface DigestConfig {
  from: string;
  /** Public base URL of Passerelle: links point at `${baseUrl}/unsubscribe?token=…`. */
  baseUrl: string;
  /** Server secret (PASSERELLE_SECRET) the unsubscribe tokens derive from. */
  secret: string;
  /** Minimum days between two digests to one person (default 7). */
  minDays?: number;
}

const NETWORK_NAMES: Record<string, string> = { bluesky: 'Bluesky', mastodon: 'Mastodon' };

/** Outgoing email: the SMTP transport and the digest's configuration. */
export interface DigestMailer {
  transport: Transporter;
  config: DigestConfig;
}

export interface NewArrivals {
  platform: string;
  followed: number;
  followers: number;
}

/** Matches of a user whose directory entry became usable after `since`, per network. */
export async function newArrivals(database: Database, userId: number, since: Date): Promise<NewArrivals[]> {
  const rows = await database.query<{ platform: string; followed: number; followers: number }>(
    `WITH ${CANDIDATES_CTE}
     SELECT m.platform, count(*) FILTER (WHERE m.followed)::int AS followed,
            count(*) FILTER (WHERE NOT m.followed)::int AS followers
       FROM matched m
      WHERE m.usable_since > $2
        AND NOT EXISTS (SELECT 1 FROM follow_tasks t WHERE t.user_id = $1 AND t.platform = m.platform
                          AND t.target = m.target AND t.kind = 'follow' AND t.state = 'dismissed')
      GROUP BY m.platform ORDER BY m.platform`,
    [userId, since.toISOString()],
  );
  return rows.filter((r) => r.followed + r.followers > 0);
}

/**
 * The switch-on, when it is still to come, in every language of the web app (the digest has no
 * per-person language). Times in UTC, named as such: the mail does not know the reader's zone.
 */
export function activationLines(activation: ActivationView | null): string[] {
  if (!activation || activation.releasedAt) return [];
  const at = new Date(activation.activatesAt);
  const when = (locale: string) => ({
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at),
    time: new Intl.DateTimeFormat(locale, { timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(
      at,
    ),
  });
  const en = when('en-GB');
  const fr = when('fr-FR');
  const n = activation.heldFollows ?? 0;
  return [
    `Passerelle switches on on ${en.date} at ${en.time} UTC: ${
      n > 0
        ? `your ${n} planned ${n === 1 ? 'follow starts' : 'follows start'} then.`
        : 'from then, the planned follows start.'
    }`,
    `Passerelle se met en route le ${fr.date} à ${fr.time} UTC : ${
      n > 0
        ? `${n === 1 ? 'votre abonnement prévu démarre' : `vos ${n} abonnements prévus démarrent`} à ce moment-là.`
        : 'à partir de là, les abonnements prévus démarrent.'
    }`,
  ];
}

/** Whether the user has not uploaded their X archive yet (the digest reminds them). */
async function archiveMissing(database: Database, userId: number): Promise<boolean> {
  const rows = await database.query('SELECT 1 FROM archive_imports WHERE user_id = $1 LIMIT 1', [userId]);
  return rows.length === 0;
}

const ARCHIVE_REMINDER =
  'Your X archive is not on Passerelle yet. When X has sent it, upload it to find everyone you followed:';

export function digestText(
  arrivals: NewArrivals[],
  unsubscribeUrl: string,
  baseUrl: string,
  extras: { activation?: ActivationView | null; remindArchive?: boolean } = {},
): { subject: string; text: string } {
  const lines = arrivals.flatMap((a) => {
    const network = NETWORK_NAMES[a.platform] ?? a.platform;
    return [
      ...(a.followed > 0
        ? [
            `${a.followed} more ${a.followed === 1 ? 'person' : 'people'} you followed on X joined ${network} this week.`,
          ]
        : []),
      ...(a.followers > 0
        ? [
            `${a.followers} more ${a.followers === 1 ? 'person' : 'people'} who followed you on X joined ${network} this week.`,
          ]
        : []),
    ];
  });
  const switchOn = activationLines(extras.activation ?? null);
  const base = baseUrl.replace(/\/+$/, '');
  const reminder = extras.remindArchive ? `${ARCHIVE_REMINDER} ${base}/archive\n\n` : '';
  const news = lines.length > 0 ? `${lines.join('\n')}\n\nSee them and follow them back: ${baseUrl}\n\n` : '';
  const announce = switchOn.length > 0 ? `${switchOn.join('\n\n')}\n\n` : '';
  return {
    subject: lines[0] ?? (extras.remindArchive ? 'Passerelle: your X archive' : 'Passerelle'),
    text: `${news}${reminder}${announce}Stop these emails: ${unsubscribeUrl}\n`,
  };
}

export interface DigestRun {
  sent: number;
  /** Due people with nothing new: no email. */
  nothingNew: number;
  failed: { userId: number; error: string }[];
}

/**
 * Sends the digests that are due. Each person is claimed (last_digest_at moved to now) before
 * the send, so two workers never mail the same person; a failed send gives the claim back.
 */
export async function sendDueDigests(
  database: Database,
  transport: Transporter,
  config: DigestConfig,
  now = new Date(),
): Promise<DigestRun> {
  const minDays = config.minDays ?? 7;
  const run: DigestRun = { sent: 0, nothingNew: 0, failed: [] };
  const due = await database.query<{ user_id: string; email: string; last_digest_at: Date | string | null }>(
    `SELECT user_id, email, last_digest_at FROM notification_settings
      WHERE digest_enabled AND (last_digest_at IS NULL OR last_digest_at <= $1::timestamptz - make_interval(days => $2))
      ORDER BY user_id`,
    [now.toISOString(), minDays],
  );
  for (const row of due) {
    const userId = Number(row.user_id);
    const previous = row.last_digest_at === null ? null : new Date(row.last_digest_at);
    // Everything since the last digest; a first digest tells about the last period only.
    const since = previous ?? new Date(now.getTime() - minDays * 86_400_000);
    const arrivals = await newArrivals(database, userId, since);
    // Until the archive is uploaded, each digest reminds them of it, news or not.
    const remindArchive = await archiveMissing(database, userId);
    if (arrivals.length === 0 && !remindArchive) {
      run.nothingNew++;
      continue;
    }
    // Another worker took it, or they just unsubscribed.
    if (!(await claimDigest(database, userId, now, previous))) continue;
    const token = unsubscribeToken(config.secret, userId, row.email);
    const unsubscribeUrl = `${config.baseUrl.replace(/\/+$/, '')}/unsubscribe?token=${token}`;
    const { subject, text } = digestText(arrivals, unsubscribeUrl, config.baseUrl, {
      activation: await activationView(database, userId),
      remindArchive,
    });
    try {
      await transport.sendMail({
        from: config.from,
        to: row.email,
        subject,
        text,
        list: { unsubscribe: unsubscribeUrl },
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      run.sent++;
    } catch (err) {
      await releaseDigest(database, userId, previous);
      run.failed.push({ userId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return run;
}

/**
 * From SMTP_URL (smtp://user:pass@host:587), DIGEST_FROM, PUBLIC_URL and PASSERELLE_SECRET;
 * null when any is missing (no digest is sent rather than a half-configured one).
 */
export function digestFromEnv(env: NodeJS.ProcessEnv = process.env): DigestMailer | null {
  const url = env.SMTP_URL?.trim();
  const from = env.DIGEST_FROM?.trim();
  const baseUrl = env.PUBLIC_URL?.trim();
  const secret = env.PASSERELLE_SECRET?.trim();
  if (!url || !from || !baseUrl || !secret) return null;
  return { transport: nodemailer.createTransport(url), config: { from, baseUrl, secret } };
}

// Marks pledges reached (enough of the people the user followed on X have moved, or the date has
// come) and emails those who left an address, once. Runs periodically from `passerelle serve`.
import type { Database } from '../db/index.ts';
import { hereCountsSql } from '../directory/here.ts';

export interface PledgeMail {
  to: string;
  subject: string;
  text: string;
}

export type SendMail = (mail: PledgeMail) => Promise<void>;

/**
 * Sets reached_at on every pledge that is reached now; returns how many were newly reached. A
 * percent pledge is reached when that share of the people the user followed on X are here, as
 * the pledge page counts them (src/directory/here.ts).
 */
export async function markReachedPledges(database: Database): Promise<number> {
  const dated = await database.query(
    `UPDATE pledges SET reached_at = now(), updated_at = now()
      WHERE reached_at IS NULL AND kind = 'date' AND leave_on <= (now() AT TIME ZONE 'UTC')::date
      RETURNING user_id`,
  );
  // Every open percent pledge against its owner's counts, in one statement.
  const percent = await database.query(
    `UPDATE pledges p SET reached_at = now(), updated_at = now()
       FROM (${hereCountsSql(`SELECT user_id AS id FROM pledges WHERE reached_at IS NULL AND kind = 'percent'`)}) h
      WHERE p.user_id = h.user_id AND p.reached_at IS NULL AND p.kind = 'percent'
        AND h.following > 0 AND h.here * 100 >= p.percent * h.following
      RETURNING p.user_id`,
  );
  return dated.length + percent.length;
}

function mailFor(kind: string, percent: number | null, leaveOn: string | null, to: string): PledgeMail {
  const fr =
    kind === 'date'
      ? `Le jour que vous aviez choisi pour quitter X est arrivé (${leaveOn}).`
      : `${percent} % des personnes que vous suiviez sur X sont maintenant sur Bluesky ou Mastodon : votre engagement est atteint.`;
  const en =
    kind === 'date'
      ? `The day you chose to leave X has come (${leaveOn}).`
      : `${percent}% of the people you followed on X are now on Bluesky or Mastodon: your pledge is reached.`;
  return {
    to,
    subject: 'Passerelle : votre engagement est atteint / your pledge is reached',
    text: `${fr}\n\n${en}\n\n— Passerelle\n`,
  };
}

/** Reached pledges with an address not yet notified (a few columns to write the mail). */
type DuePledge = {
  user_id: string | number;
  kind: string;
  percent: number | null;
  leave_on: string | null;
  email: string;
};

/**
 * Emails every reached pledge with an address not yet notified; returns how many were sent.
 * Each pledge is claimed (notified_at set) before its send, as the digest does, so of several
 * serve processes only one mails it; a failed send gives the claim back for the next run.
 */
export async function notifyReachedPledges(database: Database, send: SendMail): Promise<number> {
  await markReachedPledges(database);
  const due = await database.query<{ user_id: string | number }>(
    `SELECT user_id FROM pledges WHERE reached_at IS NOT NULL AND notified_at IS NULL AND email IS NOT NULL`,
  );
  let sent = 0;
  for (const { user_id } of due) {
    const [pledge] = await database.query<DuePledge>(
      `UPDATE pledges SET notified_at = now()
        WHERE user_id = $1 AND reached_at IS NOT NULL AND notified_at IS NULL AND email IS NOT NULL
        RETURNING user_id, kind, percent, leave_on::text AS leave_on, email`,
      [user_id],
    );
    if (!pledge) continue; // another process claimed it, or the pledge changed
    try {
      await send(mailFor(pledge.kind, pledge.percent, pledge.leave_on, pledge.email));
    } catch (err) {
      await database.query('UPDATE pledges SET notified_at = NULL WHERE user_id = $1', [user_id]);
      throw err;
    }
    sent++;
  }
  return sent;
}

/** A SendMail over SMTP (SMTP_URL, e.g. smtp://user:pass@host:587), from MAIL_FROM. */
export async function smtpSender(url: string, from: string): Promise<SendMail> {
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport(url);
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
  };
}

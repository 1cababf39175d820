// The email that asks a person to confirm the address they gave (double opt-in), in the language
// of the page they gave it from. Its texts live with the web app's (locales/*.ts, `email` block),
// so each language is written once. The link opens a page whose button confirms (a POST): opening
// the link alone, as mail scanners do, confirms nothing.
import { FALLBACK, isLanguage, languageInfo } from '../ui/locales/index.ts';
import type { DigestMailer } from './digest.ts';

interface MailStrings {
  mailSubject: string;
  mailBody: string;
}

async function mailStrings(lang: string): Promise<MailStrings> {
  const info = languageInfo(isLanguage(lang) ? lang : FALLBACK) ?? languageInfo(FALLBACK);
  const strings = (await info?.load()) as { email?: Partial<MailStrings> } | undefined;
  const english = (await languageInfo(FALLBACK)?.load()) as { email: MailStrings };
  return {
    mailSubject: strings?.email?.mailSubject ?? english.email.mailSubject,
    mailBody: strings?.email?.mailBody ?? english.email.mailBody,
  };
}

export function confirmationUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/email/confirm?token=${token}`;
}

/** Sends the confirmation link for `token` to `to`; throws when the mail server refuses. */
export async function sendConfirmationMail(
  mailer: DigestMailer,
  to: string,
  token: string,
  lang: string,
): Promise<void> {
  const { mailSubject, mailBody } = await mailStrings(lang);
  await mailer.transport.sendMail({
    from: mailer.config.from,
    to,
    subject: mailSubject,
    text: `${mailBody.replaceAll('{{url}}', confirmationUrl(mailer.config.baseUrl, token))}\n`,
  });
}

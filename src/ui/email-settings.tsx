// Settings' email section: give, change or remove the address Passerelle's emails go to, and turn
// them on or off. A new address is used only once its owner opened the emailed link (double
// opt-in); until then the earlier confirmed address, if any, keeps receiving them.
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EmailSettings, getEmailSettings, giveEmail, removeEmail, setEmailDigest } from './api.ts';
import { formatDateTime } from './format.ts';

export function EmailSetting({ onError }: { onError: (e: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState<EmailSettings | null>(null);
  const [address, setAddress] = useState('');
  const [notice, setNotice] = useState<'sent' | 'removed' | null>(null);
  useEffect(() => {
    getEmailSettings().then(setSettings).catch(onError);
  }, [onError]);
  if (!settings) return null;
  const run = async (action: () => Promise<EmailSettings>, done: 'sent' | 'removed' | null) => {
    try {
      setSettings(await action());
      setNotice(done);
      if (done === 'sent') setAddress('');
    } catch (err) {
      setNotice(null);
      onError(err);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => giveEmail(address.trim(), i18n.language), 'sent');
  };
  return (
    <section aria-labelledby="email-title">
      <h2 id="email-title">{t('email.title')}</h2>
      <p>{t('email.explain')}</p>
      {!settings.available && <p>{t('email.unavailable')}</p>}
      {notice && (
        <p role="status" className="notice success" data-testid="email-notice">
          {t(notice === 'sent' ? 'email.sent' : 'email.removed')}
        </p>
      )}
      <p data-testid="email-current">
        {settings.email ? t('email.current', { email: settings.email }) : t('email.none')}
      </p>
      {settings.pending && (
        <p data-testid="email-pending">
          {t('email.pending', {
            email: settings.pending.email,
            until: formatDateTime(settings.pending.expiresAt),
          })}
        </p>
      )}
      {settings.email && (
        <p>
          <label>
            <input
              type="checkbox"
              checked={settings.digest}
              data-testid="email-digest"
              onChange={(e) => run(() => setEmailDigest(e.target.checked), null)}
            />{' '}
            {t('email.digest')}
          </label>
        </p>
      )}
      {settings.available && (
        <form onSubmit={onSubmit}>
          <label htmlFor="email-address">{t(settings.email ? 'email.changeLabel' : 'email.label')}</label>{' '}
          <input
            id="email-address"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            data-testid="email-address"
          />{' '}
          <button type="submit" data-testid="email-save">
            {t('email.save')}
          </button>
        </form>
      )}
      {(settings.email || settings.pending) && (
        <p>
          <button type="button" onClick={() => run(removeEmail, 'removed')} data-testid="email-remove">
            {t('email.remove')}
          </button>
        </p>
      )}
    </section>
  );
}

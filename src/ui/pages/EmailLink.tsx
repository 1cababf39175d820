// The pages the emailed links open: /email/confirm (double opt-in) and /unsubscribe. Opening the
// link changes nothing (mail scanners open links); the button does, with a POST that carries the
// CSRF token, so another site cannot press it for the person. The token is read from the address,
// taken out of it at once (history, screen sharing) and never shown.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmEmail, unsubscribeEmail } from '../api.ts';
import { describeError } from '../errors.ts';
import { Link, usePath } from '../router.tsx';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

function useLinkToken(): string | null {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token'));
  useEffect(() => {
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  return token && TOKEN.test(token) ? token : null;
}

export default function EmailLinkPage() {
  const { t } = useTranslation();
  const confirming = usePath() === '/email/confirm';
  const token = useLinkToken();
  const [state, setState] = useState<'ready' | 'busy' | 'done'>('ready');
  const [error, setError] = useState<unknown>(null);
  const act = async () => {
    if (!token) return;
    setState('busy');
    setError(null);
    try {
      await (confirming ? confirmEmail(token) : unsubscribeEmail(token));
      setState('done');
    } catch (err) {
      setError(err);
      setState('ready');
    }
  };
  const key = confirming ? 'confirm' : 'unsubscribe';
  return (
    <>
      <h1>{t(`email.${key}Title`)}</h1>
      {error !== null && (
        <p role="alert" className="notice error">
          {describeError(t, error)}
        </p>
      )}
      {!token ? (
        <p>{t('email.noToken')}</p>
      ) : state === 'done' ? (
        <p role="status" className="notice success" data-testid="email-link-done">
          {t(confirming ? 'email.confirmed' : 'email.unsubscribed')}{' '}
          <Link href="/settings">{t('nav.settings')}</Link>
        </p>
      ) : (
        <>
          <p>{t(`email.${key}Explain`)}</p>
          <button type="button" onClick={act} disabled={state === 'busy'} data-testid="email-link-button">
            {t(`email.${key}Button`)}
          </button>
        </>
      )}
    </>
  );
}

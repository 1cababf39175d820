// Sign in from any device with a Bluesky or Mastodon account already linked to Passerelle. Each
// start is a POST with the CSRF token; the network sends the browser back here with ?signedIn=
// or ?error= (a code, shown only as its translation: no text from the address is ever shown).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountForm, type Network } from '../account-form.tsx';
import { startNetworkSignIn } from '../api.ts';
import { describeError } from '../errors.ts';
import { Link } from '../router.tsx';

const KNOWN = [
  'SIGNIN_NOT_LINKED',
  'SIGNIN_OTHER_ACCOUNT',
  'SIGNIN_NOT_STARTED_HERE',
  'SIGNIN_NOT_CONFIGURED',
];

function Outcome({ outcome }: { outcome: URLSearchParams }) {
  const { t } = useTranslation();
  const platform = outcome.get('platform');
  const network = platform === 'mastodon' ? 'Mastodon' : platform === 'bluesky' ? 'Bluesky' : '';
  if (outcome.get('signedIn') === '1')
    return (
      <div role="status" className="notice success" data-testid="signin-done">
        <p>{t('signin.done', { network })}</p>
        <p className="actions">
          <Link href="/matches">{t('nav.matches')}</Link> <Link href="/settings">{t('nav.settings')}</Link>
        </p>
      </div>
    );
  const code = outcome.get('error');
  if (!code) return null;
  const known = KNOWN.includes(code) ? code : 'SIGNIN_FAILED';
  return (
    <div role="alert" className="notice error" data-testid="signin-error">
      <p>{t(`signin.errors.${known}`, { network })}</p>
      {known === 'SIGNIN_NOT_LINKED' && (
        <p>
          <Link href="/signup" className="button">
            {t('signin.start')}
          </Link>
        </p>
      )}
      {known === 'SIGNIN_OTHER_ACCOUNT' && (
        <p>
          <Link href="/settings">{t('signin.toSettings')}</Link>
        </p>
      )}
    </div>
  );
}

export default function SignInPage() {
  const { t } = useTranslation();
  const [outcome] = useState(() => new URLSearchParams(window.location.search));
  const [error, setError] = useState<unknown>(null);
  const onStart = (platform: Network, input: { handle?: string; instance?: string }) => {
    setError(null);
    startNetworkSignIn(platform, input)
      .then(({ url }) => window.location.assign(url))
      .catch(setError);
  };
  return (
    <>
      <h1>{t('signin.title')}</h1>
      <p>{t('signin.intro')}</p>
      <Outcome outcome={outcome} />
      {error !== null && (
        <p role="alert" className="notice error" data-testid="signin-start-error">
          {describeError(t, error)}
        </p>
      )}
      {(['bluesky', 'mastodon'] as const).map((platform) => (
        <section className="step" key={platform}>
          <h2>{t(`signin.${platform}`)}</h2>
          <AccountForm
            platform={platform}
            submit={t('signin.submit')}
            testId={`signin-${platform}`}
            onAccount={onStart}
          />
        </section>
      ))}
      <p>
        {t('signin.newHere')} <Link href="/signup">{t('signin.start')}</Link>
      </p>
    </>
  );
}

// Sign up: link Bluesky (handle → OAuth), Mastodon (server → OAuth) and X (ownership proof), in
// any order; each step shows its state from /api/session. Linking starts with a POST carrying
// the CSRF token (src/ui/link-actions.tsx); a link that needs re-authorising keeps its form and
// offers the one-click re-authorisation. Errors show by their code, never text from the URL.
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountForm } from '../account-form.tsx';
import { getLinks, getSession, type LinkFailure, startSession, startXSignIn, type User } from '../api.ts';
import { DiscoverableQuestion } from '../consent-question.tsx';
import { describeError, signUpErrorText } from '../errors.ts';
import { goLink, type Network, ReauthButton } from '../link-actions.tsx';
import { Link } from '../router.tsx';

/**
 * The refusal to show for the code the callback sent back (known codes only, never text from the
 * URL); who holds an account comes from the server.
 */
function failureText(t: TFunction, outcome: URLSearchParams, failure: LinkFailure | null): string {
  const code = outcome.get('error');
  if (code === 'ACCOUNT_HELD' && failure?.code === 'ACCOUNT_HELD' && failure.holder)
    return t('apiError.ACCOUNT_HELD', { holder: failure.holder });
  if (code === 'ACCOUNT_HELD') return t('apiError.ACCOUNT_HELD_UNKNOWN');
  if (code && /^[A-Z_]{1,40}$/.test(code) && t(`apiError.${code}`, { defaultValue: '' }))
    return t(`apiError.${code}`);
  return signUpErrorText(t, outcome) ?? t('signup.failed');
}

function Step({
  title,
  done,
  state,
  children,
}: {
  title: string;
  done: boolean;
  state: string;
  children?: ReactNode;
}) {
  return (
    <section className={`step ${done ? 'done' : ''}`}>
      <h2>
        {title} <span className="state">{state}</span>
      </h2>
      {!done && children}
    </section>
  );
}

export default function SignUpPage() {
  const { t } = useTranslation();
  const [user, setUser] = useState<User | null>(null);
  // The OAuth callbacks come back here with ?linked=, ?proven= or ?error= (a code).
  const [outcome] = useState(() => new URLSearchParams(window.location.search));
  const failed = outcome.get('error');
  const [failure, setFailure] = useState<LinkFailure | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getSession()
      .then((u) => {
        setUser(u);
        if (u && failed) getLinks().then((l) => setFailure(l.failure), setError);
      })
      .catch(() => {});
  }, [failed]);
  const linked = (platform: Network) => user?.linked.find((a) => a.platform === platform);
  const bluesky = linked('bluesky');
  const mastodon = linked('mastodon');
  const onLink = (platform: Network, input: { handle?: string; instance?: string }) => {
    setError(null);
    // A first visit has no session yet: linking starts one (an anonymous user to attach to).
    const session = user ? Promise.resolve(user) : startSession();
    session.then(() => goLink(t, platform, input)).catch(setError);
  };
  /** Linked and active: the step is done; needing re-authorisation, it offers it beside the form. */
  const stateOf = (account: ReturnType<typeof linked>) =>
    !account
      ? t('signup.notLinked')
      : account.status === 'needs_reauth'
        ? t('signup.needsReauth', { handle: account.handle })
        : t('signup.linked', { handle: account.handle });
  return (
    <>
      <h1>{t('signup.title')}</h1>
      <p>{t('signup.intro')}</p>
      {user?.linked.some((a) => a.status === 'active') && (
        <p className="notice success">
          <Link href="/share" className="button primary" data-testid="share-next">
            {t('signup.shareNext')}
          </Link>
        </p>
      )}
      {failed && (
        <p role="alert" className="notice error" data-testid="signup-error">
          {failureText(t, outcome, failure)}
        </p>
      )}
      {error !== null && (
        <p role="alert" className="notice error" data-testid="link-error">
          {describeError(t, error)}
        </p>
      )}
      <DiscoverableQuestion user={user} onUser={setUser} />
      <Step title={t('signup.bluesky')} done={bluesky?.status === 'active'} state={stateOf(bluesky)}>
        {bluesky?.status === 'needs_reauth' && (
          <p>
            <ReauthButton platform="bluesky" onError={setError} />
          </p>
        )}
        <AccountForm
          platform="bluesky"
          submit={t('signup.connect')}
          testId="link-bluesky"
          onAccount={onLink}
        />
      </Step>
      <Step title={t('signup.mastodon')} done={mastodon?.status === 'active'} state={stateOf(mastodon)}>
        {mastodon?.status === 'needs_reauth' && (
          <p>
            <ReauthButton platform="mastodon" onError={setError} />
          </p>
        )}
        <AccountForm
          platform="mastodon"
          submit={t('signup.connect')}
          testId="link-mastodon"
          onAccount={onLink}
        />
      </Step>
      <Step
        title={t('signup.x')}
        done={Boolean(user?.xProven)}
        state={user?.xProven ? t('signup.proven') : t('signup.notProven')}
      >
        <p>
          <button
            type="button"
            className="button"
            data-testid="sign-in-x"
            onClick={() => {
              setError(null);
              const session = user ? Promise.resolve(user) : startSession();
              session
                .then(() => startXSignIn())
                .then(({ url }) => window.location.assign(url))
                .catch(setError);
            }}
          >
            {t('signup.connect')}
          </button>
        </p>
      </Step>
      <Step
        title={t('signup.archive')}
        done={Boolean(user?.archive)}
        state={user?.archive ? t('signup.archiveDone') : t('signup.archiveTodo')}
      >
        <p>
          <Link href="/archive" className="button">
            {t('nav.archive')}
          </Link>
        </p>
        <p data-testid="no-archive-yet">
          {t('signup.noArchiveYet')} <Link href="/guide">{t('signup.howToRequest')}</Link>
        </p>
      </Step>
    </>
  );
}

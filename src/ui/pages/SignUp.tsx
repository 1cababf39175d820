// Sign up: link Bluesky (handle → OAuth), Mastodon (server → OAuth) and X (ownership proof), in
// any order; each step shows its state from /api/session. The OAuth start routes
// (/auth/{bluesky,mastodon,x}/start) belong to the follow engine and the directory.
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSession, type User } from '../api.ts';
import { signUpErrorText } from '../errors.ts';
import { Link } from '../router.tsx';

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
  const handleId = useId();
  const instanceId = useId();
  // The OAuth callbacks come back here with ?linked=, ?proven= or ?error= (a code).
  const [outcome] = useState(() => new URLSearchParams(window.location.search));
  const failed = signUpErrorText(t, outcome);
  useEffect(() => {
    getSession()
      .then(setUser)
      .catch(() => {});
  }, []);
  const linked = (platform: 'bluesky' | 'mastodon') => user?.linked.find((a) => a.platform === platform);
  const bluesky = linked('bluesky');
  const mastodon = linked('mastodon');
  return (
    <>
      <h1>{t('signup.title')}</h1>
      <p>{t('signup.intro')}</p>
      {failed && (
        <p role="alert" className="notice error" data-testid="signup-error">
          {failed}
        </p>
      )}
      <Step
        title={t('signup.bluesky')}
        done={Boolean(bluesky)}
        state={bluesky ? t('signup.linked', { handle: bluesky.handle }) : t('signup.notLinked')}
      >
        <form method="get" action="/auth/bluesky/start" className="inline">
          <label htmlFor={handleId}>{t('signup.blueskyHandle')}</label>
          <input
            id={handleId}
            name="handle"
            required
            placeholder="alice.bsky.social"
            autoComplete="username"
          />
          <button type="submit">{t('signup.connect')}</button>
        </form>
      </Step>
      <Step
        title={t('signup.mastodon')}
        done={Boolean(mastodon)}
        state={mastodon ? t('signup.linked', { handle: mastodon.handle }) : t('signup.notLinked')}
      >
        <form method="get" action="/auth/mastodon/start" className="inline">
          <label htmlFor={instanceId}>{t('signup.mastodonInstance')}</label>
          <input id={instanceId} name="instance" required placeholder="mastodon.social" />
          <button type="submit">{t('signup.connect')}</button>
        </form>
      </Step>
      <Step
        title={t('signup.x')}
        done={Boolean(user?.xProven)}
        state={user?.xProven ? t('signup.proven') : t('signup.notProven')}
      >
        <p>
          <a className="button" href="/auth/x/start">
            {t('signup.connect')}
          </a>
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
      </Step>
    </>
  );
}

// Bring your people: after linking, a ready post in the page's language ("I'm moving: find me
// at …") for X, Bluesky and the person's own Mastodon server, linking to their public page when
// they turned it on; and, for those without a Mastodon account, servers to join and how.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ApiError,
  getMastodonInstances,
  getShare,
  type MastodonInstance,
  type NewAccount,
  type ShareState,
} from '../api.ts';
import { describeError } from '../errors.ts';
import { LinkFirst } from '../link-actions.tsx';
import { Link } from '../router.tsx';

const NETWORK = { bluesky: 'Bluesky', mastodon: 'Mastodon' } as const;

/** A handle as people write it on its network (Mastodon addresses start with @). */
function written(account: NewAccount): string {
  return account.platform === 'mastodon' ? `@${account.handle}` : account.handle;
}

/** The person's own server's share page (its address was checked when the account was linked). */
function mastodonShareUrl(account: NewAccount | undefined, text: string): string | null {
  if (!account?.instance || !/^https?:\/\//.test(account.instance)) return null;
  return `${account.instance}/share?text=${encodeURIComponent(text)}`;
}

function Servers() {
  const { t, i18n } = useTranslation();
  const [instances, setInstances] = useState<MastodonInstance[] | null>(null);
  useEffect(() => {
    getMastodonInstances(i18n.language)
      .then((r) => setInstances(r.instances))
      .catch(() => setInstances([]));
  }, [i18n.language]);
  const languages = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  return (
    <section aria-labelledby="mastodon-title" data-testid="mastodon-servers">
      <h2 id="mastodon-title">{t('share.mastodonTitle')}</h2>
      <p>{t('share.mastodonIntro')}</p>
      <ol>
        <li>{t('share.mastodonStep1')}</li>
        <li>{t('share.mastodonStep2')}</li>
        <li>{t('share.mastodonStep3')}</li>
      </ol>
      {instances && instances.length > 0 && (
        <>
          <h3>{t('share.serversTitle')}</h3>
          <ul className="servers">
            {instances.map((i) => (
              <li key={i.host}>
                <a href={`https://${i.host}/auth/sign_up`} target="_blank" rel="noopener noreferrer">
                  {i.host}
                </a>{' '}
                —{' '}
                {list.format(
                  i.topics.map((topic) => t(`share.topics.${topic}`, { defaultValue: '' })).filter(Boolean),
                )}
                <br />
                <span className="muted">
                  {t('share.languages', {
                    languages: list.format(i.languages.map((l) => languages.of(l) ?? l)),
                  })}{' '}
                  · {t(`share.signups.${i.signups}`)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export default function SharePage() {
  const { t, i18n } = useTranslation();
  const postId = useId();
  const [share, setShare] = useState<ShareState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [edited, setEdited] = useState<string | null>(null);
  useEffect(() => {
    getShare()
      .then(setShare)
      .catch((err) => {
        setShare({ username: null, publicPage: false, accounts: [] });
        if (!(err instanceof ApiError && err.status === 401)) setError(err);
      });
  }, []);
  if (!share) return <h1>{t('share.title')}</h1>;
  const pageUrl = share.publicPage && share.username ? `${window.location.origin}/@${share.username}` : null;
  const accounts = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    share.accounts.map((a) => t('share.accountOn', { handle: written(a), network: NETWORK[a.platform] })),
  );
  const ready = pageUrl ? t('share.postWithPage', { accounts, url: pageUrl }) : t('share.post', { accounts });
  const text = edited ?? ready;
  const mastodon = share.accounts.find((a) => a.platform === 'mastodon');
  const onMastodon = mastodonShareUrl(mastodon, text);
  const intents: [string, string][] = [
    [t('share.onX'), `https://x.com/intent/post?text=${encodeURIComponent(text)}`],
    [t('share.onBluesky'), `https://bsky.app/intent/compose?text=${encodeURIComponent(text)}`],
    ...(onMastodon ? [[t('share.onMastodon'), onMastodon] as [string, string]] : []),
  ];
  return (
    <>
      <h1>{t('share.title')}</h1>
      {error !== null && (
        <p role="alert" className="notice error">
          {describeError(t, error)}
        </p>
      )}
      {share.accounts.length === 0 ? (
        <LinkFirst
          text={t('share.linkFirst')}
          action={t('share.linkFirstAction')}
          testId="share-link-first"
        />
      ) : (
        <>
          <p>{t('share.intro')}</p>
          <div className="field">
            <label htmlFor={postId}>{t('share.postLabel')}</label>
            <textarea
              id={postId}
              data-testid="share-post"
              rows={4}
              value={text}
              onChange={(e) => setEdited(e.target.value)}
            />
          </div>
          <p className="actions">
            {intents.map(([label, href]) => (
              <a key={label} className="button" href={href} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            ))}
          </p>
          <p>
            {pageUrl ? (
              <>
                {t('share.pageOn')} <a href={pageUrl}>{pageUrl}</a>
              </>
            ) : (
              <>
                {t('share.pageOff')} <Link href="/settings">{t('share.settings')}</Link>
              </>
            )}
          </p>
        </>
      )}
      {!mastodon && <Servers />}
    </>
  );
}

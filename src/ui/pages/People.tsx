// A person's public page, /@x_username: their new accounts and an invitation to come along.
// Everything shown comes from the server's answer (404 unless its owner turned the page on);
// the address only says which page to ask for.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPublicPage, type PublicPage } from '../api.ts';
import { Link, usePath } from '../router.tsx';

const NETWORK = { bluesky: 'Bluesky', mastodon: 'Mastodon' } as const;

export default function PeoplePage() {
  const { t } = useTranslation();
  const path = usePath();
  const [page, setPage] = useState<PublicPage | null | undefined>(undefined);
  useEffect(() => {
    const username = /^\/@([A-Za-z0-9_]{1,15})\/?$/.exec(path)?.[1];
    if (!username) {
      setPage(null);
      return;
    }
    getPublicPage(username)
      .then(setPage)
      .catch(() => setPage(null));
  }, [path]);
  if (page === undefined) return <p aria-busy="true">{t('common.loading')}</p>;
  if (page === null)
    return (
      <>
        <h1>{t('people.notFoundTitle')}</h1>
        <p data-testid="people-not-found">{t('people.notFound')}</p>
        <p>
          <Link href="/">{t('people.home')}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>{t('people.title', { username: page.username })}</h1>
      <p>{t('people.intro')}</p>
      <ul className="new-accounts" data-testid="people-accounts">
        {page.accounts.map((a) => (
          <li key={a.platform}>
            <span className="muted">{NETWORK[a.platform]}</span>{' '}
            <a href={a.url} rel="noopener noreferrer">
              {a.platform === 'mastodon' ? `@${a.handle}` : a.handle}
            </a>
          </li>
        ))}
      </ul>
      <p>{t('people.invite')}</p>
      <p className="actions">
        <Link href="/archive" className="button primary">
          {t('people.start')}
        </Link>
      </p>
    </>
  );
}

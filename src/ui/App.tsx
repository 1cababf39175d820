// The shell: skip link, header with navigation and language picker (each language by its own
// name), the current page.
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getSession, type User } from './api.ts';
import { LANGUAGES, type Language, setLanguage } from './i18n.ts';
import { NAV, NAV_KEYS } from './nav.ts';
import { Landing } from './pages/Landing.tsx';
import { Link, useFocusHeading, usePath } from './router.tsx';

const pages: Record<string, ReturnType<typeof lazy>> = {
  '/archive': lazy(() => import('./pages/Archive.tsx')),
  '/stats': lazy(() => import('./pages/Stats.tsx')),
  '/settings': lazy(() => import('./pages/Settings.tsx')),
  '/guide': lazy(() => import('./pages/Guide.tsx')),
  '/pledge': lazy(() => import('./pages/Pledge.tsx')),
  '/signup': lazy(() => import('./pages/SignUp.tsx')),
  '/signin': lazy(() => import('./pages/SignIn.tsx')),
  '/matches': lazy(() => import('./pages/Matches.tsx')),
  '/progress': lazy(() => import('./pages/Progress.tsx')),
  '/communities': lazy(() => import('./pages/Community.tsx')),
  '/share': lazy(() => import('./pages/Share.tsx')),
  '/email/confirm': lazy(() => import('./pages/EmailLink.tsx')),
  '/unsubscribe': lazy(() => import('./pages/EmailLink.tsx')),
};
/** /@x_username: a person's public page. */
const People = lazy(() => import('./pages/People.tsx'));
/** Pages with a path of their own under a prefix (/communities/SLUG, /@x_username). */
const pageOf = (path: string) =>
  path.startsWith('/@')
    ? People
    : (pages[path] ?? (path.startsWith('/communities/') ? pages['/communities'] : undefined));

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">
      <span>{t('language.label')}</span>
      <select
        value={i18n.language}
        onChange={(event) => setLanguage(event.target.value as Language)}
        data-testid="language"
      >
        {LANGUAGES.map(({ code, name, dir }) => (
          <option key={code} value={code} lang={code} dir={dir}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Until the X archive is here (X takes a day or more to prepare it), every visit reminds the
 * person to upload it when it arrives; nothing else depends on it.
 */
function ArchiveReminder({ path }: { path: string }) {
  const { t } = useTranslation();
  const [user, setUser] = useState<User | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: checked again on each navigation on purpose
  useEffect(() => {
    getSession().then(setUser, () => setUser(null));
  }, [path]);
  if (!user || user.archive || path === '/archive') return null;
  return (
    <p className="notice reminder" data-testid="archive-reminder">
      {t('reminder.archive')} <Link href="/archive">{t('reminder.upload')}</Link> ·{' '}
      <Link href="/guide">{t('reminder.how')}</Link>
    </p>
  );
}

export function App() {
  const { t } = useTranslation();
  const path = usePath();
  useFocusHeading(path);
  const Page = pageOf(path);
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header>
        <Link href="/" className="brand">
          Passerelle
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.map((href) => (
              <li key={href}>
                <Link href={href} aria-current={path === href ? 'page' : undefined}>
                  {t(NAV_KEYS[href])}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main">
        <ArchiveReminder path={path} />
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
          {Page ? <Page /> : <Landing />}
        </Suspense>
      </main>
    </>
  );
}

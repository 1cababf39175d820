// The shell: skip link, header with navigation and language picker (each language by its own
// name), the current page.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, setLanguage } from './i18n.ts';
import { Landing } from './pages/Landing.tsx';
import { Link, useFocusHeading, usePath } from './router.tsx';

const pages: Record<string, ReturnType<typeof lazy>> = {
  '/archive': lazy(() => import('./pages/Archive.tsx')),
  '/stats': lazy(() => import('./pages/Stats.tsx')),
  '/settings': lazy(() => import('./pages/Settings.tsx')),
  '/guide': lazy(() => import('./pages/Guide.tsx')),
  '/pledge': lazy(() => import('./pages/Pledge.tsx')),
  '/signup': lazy(() => import('./pages/SignUp.tsx')),
  '/matches': lazy(() => import('./pages/Matches.tsx')),
  '/progress': lazy(() => import('./pages/Progress.tsx')),
  '/communities': lazy(() => import('./pages/Community.tsx')),
};
/** Pages with a path of their own under a prefix (/communities/SLUG). */
const pageOf = (path: string) =>
  pages[path] ?? (path.startsWith('/communities/') ? pages['/communities'] : undefined);

const NAV = [
  '/',
  '/signup',
  '/archive',
  '/matches',
  '/progress',
  '/pledge',
  '/communities',
  '/stats',
  '/guide',
  '/settings',
] as const;
const NAV_KEYS: Record<(typeof NAV)[number], string> = {
  '/': 'nav.home',
  '/signup': 'nav.signup',
  '/archive': 'nav.archive',
  '/matches': 'nav.matches',
  '/progress': 'nav.progress',
  '/pledge': 'nav.pledge',
  '/communities': 'nav.communities',
  '/stats': 'nav.stats',
  '/guide': 'nav.guide',
  '/settings': 'nav.settings',
};

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
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
          {Page ? <Page /> : <Landing />}
        </Suspense>
      </main>
    </>
  );
}

// Landing: what Passerelle does in three sentences, the live counters, the call to start.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivationBanner } from '../activation.tsx';
import { getProgress, getSession, getStats, type Here, type Stats } from '../api.ts';
import { formatNumber } from '../format.ts';
import { HereSummary } from '../here.tsx';
import { Link } from '../router.tsx';

function Counters() {
  const { t } = useTranslation();
  const [stats, setStats] = useState<Stats | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      getStats()
        .then((s) => {
          if (!live) return;
          setStats(s);
          setFailed(false);
        })
        .catch(() => {
          if (live) setFailed(true);
        });
    void load();
    const timer = setInterval(load, 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (failed && !stats) return <p>{t('landing.countersUnavailable')}</p>;
  const items: [string, number | undefined][] = [
    ['users', stats?.users],
    ['bluesky', stats?.connections.bluesky],
    ['mastodon', stats?.connections.mastodon],
    ['pledges', stats?.pledges],
  ];
  return (
    <section aria-labelledby="counters-title">
      <h2 id="counters-title">{t('landing.countersTitle')}</h2>
      <ul className="counters" aria-live="polite" aria-busy={!stats}>
        {items.map(([key, value]) => (
          <li key={key} data-testid={`counter-${key}`}>
            <strong>{value === undefined ? '…' : formatNumber(value)}</strong>{' '}
            <span>{t(`landing.${key}`, { count: value ?? 0 })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** For a returning person: how many of their people are here, the same count as every page. */
function YourPeople() {
  const { t } = useTranslation();
  const [here, setHere] = useState<Here | null>(null);
  useEffect(() => {
    let live = true;
    getSession()
      .then((user) => (user?.archive ? getProgress() : null))
      .then((progress) => {
        if (live && progress) setHere(progress.here);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  if (!here) return null;
  return (
    <section aria-labelledby="yours-title">
      <h2 id="yours-title">{t('landing.yours')}</h2>
      <HereSummary here={here} />
    </section>
  );
}

export function Landing() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('landing.title')}</h1>
      <p className="lead">{t('landing.p1')}</p>
      <ActivationBanner />
      <p>{t('landing.p2')}</p>
      <p>{t('landing.p3')}</p>
      <p className="actions">
        <Link href="/archive" className="button primary">
          {t('landing.start')}
        </Link>
        <Link href="/guide">{t('landing.guide')}</Link>
      </p>
      <YourPeople />
      <Counters />
    </>
  );
}

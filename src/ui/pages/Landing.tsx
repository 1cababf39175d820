// Landing: what Passerelle does in three sentences, the live counters, the call to start.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivationBanner } from '../activation.tsx';
import { getStats, type Stats } from '../api.ts';
import { formatNumber } from '../format.ts';
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
            <span>{t(`landing.${key}`)}</span>
          </li>
        ))}
      </ul>
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
      <Counters />
    </>
  );
}

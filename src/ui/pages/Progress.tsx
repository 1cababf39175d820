// Progress: polled every 5 s from GET /api/progress (src/web/contracts.ts): done, queued, held for
// the switch-on, waiting for the platform's limit and when it lifts, re-authorisation needed,
// estimated finish.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivationNotice } from '../activation.tsx';
import { ApiError, getProgress, type Progress } from '../api.ts';
import { describeError } from '../errors.ts';
import { formatMoment, formatNumber } from '../format.ts';
import { HereSummary } from '../here.tsx';
import { ReauthButton } from '../link-actions.tsx';

function time(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export default function ProgressPage() {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const poll = () =>
      getProgress()
        .then((p) => {
          if (live) {
            setData(p);
            setError(null);
          }
        })
        .catch((err) => {
          if (live) setError(err);
        });
    void poll();
    const timer = setInterval(poll, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const unavailable = error instanceof ApiError && (error.status === 404 || error.status === 401);
  return (
    <>
      <h1>{t('progress.title')}</h1>
      <p>{t('progress.intro')}</p>
      {unavailable && <p>{t('progress.unavailable')}</p>}
      {error !== null && !unavailable && (
        <p role="alert" className="notice error">
          {describeError(t, error)}
        </p>
      )}
      <ActivationNotice activation={data?.activation ?? null} />
      {data && <HereSummary here={data.here} />}
      {data && data.networks.length === 0 && <p>{t('progress.none')}</p>}
      <div aria-live="polite">
        {data?.networks.map((n) => {
          const name = n.network === 'bluesky' ? 'Bluesky' : 'Mastodon';
          const total = n.done + n.requested + n.queued + n.held + n.waiting;
          return (
            <section key={n.network} className="step">
              <h2>{name}</h2>
              <progress
                max={Math.max(total, 1)}
                value={n.done}
                aria-label={`${name}: ${t('progress.done')}`}
              />
              <dl className="figures">
                <dt>{t('progress.done')}</dt>
                <dd>{formatNumber(n.done)}</dd>
                <dt>{t('progress.queued')}</dt>
                <dd>{formatNumber(n.queued)}</dd>
                {n.held > 0 && data.activation && (
                  <>
                    <dt>{t('progress.held', formatMoment(data.activation.activatesAt))}</dt>
                    <dd data-testid={`held-${n.network}`}>{formatNumber(n.held)}</dd>
                  </>
                )}
                <dt>
                  {n.waitingUntil
                    ? t('progress.waitingUntil', { time: time(n.waitingUntil, i18n.language) })
                    : t('progress.waiting')}
                </dt>
                <dd>{formatNumber(n.waiting)}</dd>
                {n.requested > 0 && (
                  <>
                    <dt>{t('progress.requested')}</dt>
                    <dd>{formatNumber(n.requested)}</dd>
                  </>
                )}
                {n.declined > 0 && (
                  <>
                    <dt>{t('progress.declined')}</dt>
                    <dd>{formatNumber(n.declined)}</dd>
                  </>
                )}
              </dl>
              {n.needsReauth && (
                <p className="notice error">
                  {t('progress.reauth', { network: name })}{' '}
                  <ReauthButton platform={n.network} onError={setError} />
                </p>
              )}
              {n.estimatedFinish && (
                <p>{t('progress.finish', { time: time(n.estimatedFinish, i18n.language) })}</p>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}

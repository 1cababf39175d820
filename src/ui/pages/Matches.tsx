// Matches: who from X is here, with reason, network and status; search, filters, dismiss/restore,
// reconnect all, automatic mode and the Mastodon CSV. Data: GET /api/matches (src/web/contracts.ts).
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivationNotice } from '../activation.tsx';
import {
  type Activation,
  ApiError,
  dismissMatch,
  getMatches,
  type Match,
  type Matches,
  makeBlueskyList,
  reconnectAll,
  restoreMatch,
  setAutoMode,
} from '../api.ts';
import { describeError } from '../errors.ts';
import { formatMoment, formatNumber } from '../format.ts';
import { ReauthButton } from '../link-actions.tsx';
import { ProtectedBox } from './Protected.tsx';

const FILTERS = ['all', 'followed_you', 'mutuals', 'bridged', 'dismissed'] as const;

function MatchRow({
  match,
  activation,
  onChange,
  onError,
}: {
  match: Match;
  activation: Activation | null;
  onChange: (m: Match) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const dismissed = match.status === 'dismissed';
  // A held follow names the moment it starts.
  const moment = activation ? formatMoment(activation.activatesAt) : {};
  return (
    <li className="match">
      <div>
        <strong>{match.handle}</strong>{' '}
        <span className="muted">{match.network === 'bluesky' ? 'Bluesky' : 'Mastodon'}</span>
        {match.bridged && <span className="muted"> · {t('matches.bridged')}</span>}
        <br />
        <span>{t(`matches.reasons.${match.reason}`)}</span>
        {match.xUsername && <span className="muted"> · X @{match.xUsername}</span>}
      </div>
      <div className="match-actions">
        <span className="state">{t(`matches.status.${match.status}`, moment)}</span>
        <button
          type="button"
          aria-label={`${t(dismissed ? 'matches.restore' : 'matches.dismiss')} ${match.handle}`}
          onClick={() =>
            (dismissed ? restoreMatch(match.id) : dismissMatch(match.id)).then(onChange).catch(onError)
          }
        >
          {t(dismissed ? 'matches.restore' : 'matches.dismiss')}
        </button>
      </div>
    </li>
  );
}

export default function MatchesPage() {
  const { t } = useTranslation();
  const ids = { q: useId(), filter: useId(), network: useId() };
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const [network, setNetwork] = useState('');
  const [data, setData] = useState<Matches | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const load = useCallback(() => {
    getMatches({ q, filter, network })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch(setError);
  }, [q, filter, network]);
  useEffect(() => {
    const timer = setTimeout(load, 250);
    return () => clearTimeout(timer);
  }, [load]);

  const unavailable = error instanceof ApiError && (error.status === 404 || error.status === 401);
  const replace = (updated: Match) =>
    setData((d) => (d ? { ...d, items: d.items.map((m) => (m.id === updated.id ? updated : m)) } : d));

  return (
    <>
      <h1>{t('matches.title')}</h1>
      {unavailable && <p>{t('matches.unavailable')}</p>}
      {error !== null && !unavailable && (
        <p role="alert" className="notice error">
          {describeError(t, error)}
        </p>
      )}
      {data && (
        <>
          <p className="lead">
            {t('matches.summaryFollowing', {
              count: data.summary.onBluesky,
              onBluesky: formatNumber(data.summary.onBluesky),
              following: formatNumber(data.summary.following),
              onMastodon: formatNumber(data.summary.onMastodon),
            })}{' '}
            {t('matches.summaryFollowers', {
              count: data.summary.followersHere,
              followersHere: formatNumber(data.summary.followersHere),
            })}
          </p>
          <ActivationNotice activation={data.activation} />
          {(['bluesky', 'mastodon'] as const)
            .filter((platform) =>
              data.items.some((m) => m.network === platform && m.status === 'needs_reauth'),
            )
            .map((platform) => (
              <p key={platform} className="notice error">
                {t('progress.reauth', { network: platform === 'bluesky' ? 'Bluesky' : 'Mastodon' })}{' '}
                <ReauthButton platform={platform} onError={setError} />
              </p>
            ))}
          <p className="actions">
            <button
              type="button"
              className="primary"
              onClick={() =>
                reconnectAll(network || undefined)
                  .then((r) => setNotice(t('matches.queued', { count: r.queued })))
                  .then(load)
                  .catch(setError)
              }
            >
              {t('matches.reconnectAll')}
            </button>
            <button
              type="button"
              onClick={() =>
                makeBlueskyList()
                  .then((r) => setNotice(t('matches.listMade', { count: r.members })))
                  .catch(setError)
              }
            >
              {t('matches.blueskyList')}
            </button>
            <a href="/api/matches/mastodon.csv" download>
              {t('matches.csv')}
            </a>
          </p>
          <label className="choice">
            <input
              type="checkbox"
              checked={data.autoMode}
              onChange={(e) => {
                // Shown at once; the server's answer confirms it, a failure puts it back.
                const wanted = e.target.checked;
                const show = (autoMode: boolean) => setData((d) => (d ? { ...d, autoMode } : d));
                show(wanted);
                setAutoMode(wanted)
                  .then((r) => show(r.enabled))
                  .catch((err) => {
                    show(!wanted);
                    setError(err);
                  });
              }}
            />
            {t('matches.auto')}
          </label>
          <p aria-live="polite">{notice}</p>
          <ProtectedBox summary={data.protected} onChange={load} onError={setError} />
        </>
      )}
      {data && (
        <div className="filters">
          <div className="field">
            <label htmlFor={ids.q}>{t('matches.search')}</label>
            <input id={ids.q} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.filter}>{t('matches.filter')}</label>
            <select
              id={ids.filter}
              value={filter}
              onChange={(e) => setFilter(e.target.value as typeof filter)}
            >
              {FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`matches.filters.${f}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.network}>{t('matches.network')}</label>
            <select id={ids.network} value={network} onChange={(e) => setNetwork(e.target.value)}>
              <option value="">{t('matches.allNetworks')}</option>
              <option value="bluesky">Bluesky</option>
              <option value="mastodon">Mastodon</option>
            </select>
          </div>
        </div>
      )}
      {data &&
        (data.items.length === 0 ? (
          <p>{t('matches.empty')}</p>
        ) : (
          <ul className="matches">
            {data.items.map((m) => (
              <MatchRow
                key={m.id}
                match={m}
                activation={data.activation}
                onChange={replace}
                onError={setError}
              />
            ))}
          </ul>
        ))}
    </>
  );
}

// Matches: who from X is here — who they were on X, their new profile's name and avatar — with
// reason, network and status; search, filters, pages, dismiss/restore, reconnect all (once an
// account is linked), automatic mode and the Mastodon CSV. Data: GET /api/matches
// (src/web/contracts.ts), one page at a time.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivationNotice } from '../activation.tsx';
import {
  type Activation,
  ApiError,
  dismissMatch,
  getMatches,
  getSession,
  type Match,
  type Matches,
  makeBlueskyList,
  reconnectAll,
  restoreMatch,
  setAutoMode,
} from '../api.ts';
import { describeError } from '../errors.ts';
import { formatMoment, formatNumber } from '../format.ts';
import { HereSummary } from '../here.tsx';
import { LinkFirst, ReauthButton } from '../link-actions.tsx';
import { Link } from '../router.tsx';
import { ProtectedBox } from './Protected.tsx';

const FILTERS = ['all', 'followed_you', 'mutuals', 'bridged', 'dismissed'] as const;
const PAGE_SIZE = 20;

/** "Name (@username)" as the person was on X, when they let people find them. */
function xName(match: Match): string | null {
  if (match.xDisplayName && match.xUsername) return `${match.xDisplayName} (@${match.xUsername})`;
  if (match.xUsername) return `@${match.xUsername}`;
  return match.xDisplayName;
}

function Pager({
  page,
  shown,
  total,
  hasNext,
  onPage,
}: {
  page: number;
  shown: number;
  total: number;
  hasNext: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (page === 0 && !hasNext) return null;
  const from = page * PAGE_SIZE + 1;
  return (
    <nav aria-label={t('matches.pages')} className="pager">
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('matches.previous')}
      </button>
      <span aria-live="polite">
        {t('matches.range', {
          from: formatNumber(from),
          to: formatNumber(from + shown - 1),
          total: formatNumber(total),
        })}
      </span>
      <button type="button" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t('matches.next')}
      </button>
    </nav>
  );
}

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
  const avatar = match.profile?.avatar?.startsWith('https://') ? match.profile.avatar : null;
  const name = match.profile?.displayName;
  const onX = xName(match);
  return (
    <li className="match">
      {avatar ? (
        <img
          className="avatar"
          src={avatar}
          alt=""
          width={40}
          height={40}
          loading="lazy"
          referrerPolicy="no-referrer"
        />
      ) : (
        <span className="avatar" aria-hidden="true" />
      )}
      <div className="who">
        {name ? (
          <>
            <strong>{name}</strong> <span>{match.handle}</span>
          </>
        ) : (
          <strong>{match.handle}</strong>
        )}{' '}
        <span className="muted">{match.network === 'bluesky' ? 'Bluesky' : 'Mastodon'}</span>
        {match.bridged && <span className="muted"> · {t('matches.bridged')}</span>}
        <br />
        <span>{t(`matches.reasons.${match.reason}`)}</span>
        {onX && <span className="muted"> · {t('matches.wasOnX', { name: onX })}</span>}
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
  // Cursor of each page seen so far ('' for the first): "previous" goes back along it.
  const [cursors, setCursors] = useState<string[]>(['']);
  const [page, setPage] = useState(0);
  const [linked, setLinked] = useState<boolean | null>(null);
  useEffect(() => {
    getSession()
      .then((user) => setLinked(Boolean(user?.linked.some((a) => a.status !== 'unlinked'))))
      .catch(() => setLinked(false));
  }, []);

  const cursor = cursors[page] ?? '';
  const load = useCallback(() => {
    getMatches({ q, filter, network, cursor, limit: String(PAGE_SIZE) })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch(setError);
  }, [q, filter, network, cursor]);
  useEffect(() => {
    const timer = setTimeout(load, 250);
    return () => clearTimeout(timer);
  }, [load]);
  // A new search or filter starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the search or a filter changes
  useEffect(() => {
    setCursors(['']);
    setPage(0);
  }, [q, filter, network]);
  const goTo = (next: number) => {
    if (next > page && data?.nextCursor) {
      const known = data.nextCursor;
      setCursors((list) => [...list.slice(0, next), known]);
    }
    setPage(next);
    document.querySelector('main h1')?.scrollIntoView();
  };

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
          <HereSummary here={data.summary} className="lead" />
          <p>{t('matches.summaryFollowers', { count: data.summary.followersHere })}</p>
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
          {linked === false && (
            <LinkFirst
              text={t('matches.linkFirst')}
              action={t('matches.linkFirstAction')}
              testId="link-first"
            />
          )}
          <p className="actions">
            {linked && (
              <button
                type="button"
                className="primary"
                onClick={() =>
                  reconnectAll(network || undefined)
                    .then((r) =>
                      setNotice(
                        r.queued === 0 ? t('matches.queuedNone') : t('matches.queued', { count: r.queued }),
                      ),
                    )
                    .then(load)
                    .catch(setError)
                }
              >
                {t('matches.reconnectAll')}
              </button>
            )}
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
          q || filter !== 'all' || network ? (
            <p>{t('matches.emptyFiltered')}</p>
          ) : (
            <p>
              {t('matches.empty')} <Link href="/share">{t('matches.emptyAction')}</Link>
            </p>
          )
        ) : (
          <>
            <ul className="matches" data-testid="matches-list">
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
            <Pager
              page={page}
              shown={data.items.length}
              total={data.total}
              hasNext={data.nextCursor !== null}
              onPage={goTo}
            />
          </>
        ))}
    </>
  );
}

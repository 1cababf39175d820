// Communities: /communities (my circles, and starting a community) and /communities/SLUG (its
// public counts and history; for members, who else is in it and their choices; for organisers,
// the invite link, the Bluesky list and the members file). /communities/SLUG/join#TOKEN joins
// with a POST: the token after # never reaches the server until the person presses the button.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import {
  type Circles,
  type CommunityHistory,
  type CommunityMember,
  type CommunityView,
  createCommunity,
  getCircles,
  getCommunity,
  getCommunityHistory,
  getCommunityMembers,
  joinCommunity,
  leaveCommunity,
  newInvite,
  publishOnBluesky,
  saveCommunityChoices,
} from '../api.ts';
import { MembersUpload } from '../community-members-form.tsx';
import { describeError } from '../errors.ts';
import { formatNumber } from '../format.ts';
import { Link, navigate, usePath } from '../router.tsx';

const SLUG = /^\/communities\/([a-z0-9-]{3,48})(\/join)?$/;

export default function CommunityPage() {
  const match = SLUG.exec(usePath());
  if (!match?.[1]) return <CirclesPage />;
  return <OneCommunity slug={match[1]} joining={Boolean(match[2])} />;
}

function Notice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null) return null;
  return (
    <p role="alert" className="notice error">
      {describeError(t, error)}
    </p>
  );
}

function CirclesPage() {
  const { t } = useTranslation();
  const [circles, setCircles] = useState<Circles | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  useEffect(() => {
    getCircles().then(setCircles, () => setCircles({ computedAt: null, circles: [] }));
  }, []);
  const create = (event: FormEvent) => {
    event.preventDefault();
    createCommunity({ slug, name }).then((made) => navigate(`/communities/${made.slug}`), setError);
  };
  return (
    <>
      <h1>{t('community.circlesTitle')}</h1>
      <p>{t('community.circlesIntro')}</p>
      {circles && circles.circles.length === 0 && <p>{t('community.noCircles')}</p>}
      <ul className="circles">
        {circles?.circles.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: circles have no id of their own
          <li key={i}>
            <strong>
              {c.names.length > 0 ? c.names.map((n) => `@${n}`).join(', ') : t('community.unnamed')}
            </strong>{' '}
            {t('community.circleShare', {
              moved: formatNumber(c.moved),
              size: formatNumber(c.size),
              percent: formatNumber(Math.round((100 * c.moved) / Math.max(1, c.size))),
            })}
          </li>
        ))}
      </ul>
      <h2>{t('community.createTitle')}</h2>
      <form onSubmit={create}>
        <label>
          {t('community.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        </label>
        <label>
          {t('community.slug')}
          <input
            value={slug}
            onChange={(e) => setSlug(e.target.value.toLowerCase())}
            pattern="[a-z0-9][a-z0-9-]{1,46}[a-z0-9]"
            maxLength={48}
            required
          />
        </label>
        <button type="submit">{t('community.create')}</button>
      </form>
      <Notice error={error} />
    </>
  );
}

function HistoryChart({ history }: { history: CommunityHistory }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || history.days.length === 0) return;
    const xs = history.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const width = () => Math.max(280, el.clientWidth);
    const series = [
      ['joined', '#1d4ed8'],
      ['onBluesky', '#0369a1'],
      ['onMastodon', '#6d28d9'],
    ] as const;
    const plot = new uPlot(
      {
        width: width(),
        height: 240,
        series: [{}, ...series.map(([key, stroke]) => ({ label: t(`community.${key}`), stroke, width: 2 }))],
        axes: [{}, { size: 50 }],
      },
      [xs, history.joined, history.bluesky, history.mastodon],
      el,
    );
    const onResize = () => plot.setSize({ width: width(), height: 240 });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
  }, [history, t]);
  return <div ref={box} className="chart" role="img" aria-label={t('community.chartLabel')} />;
}

function OneCommunity({ slug, joining }: { slug: string; joining: boolean }) {
  const { t } = useTranslation();
  const [community, setCommunity] = useState<CommunityView | null>(null);
  const [history, setHistory] = useState<CommunityHistory | null>(null);
  const [members, setMembers] = useState<CommunityMember[] | null>(null);
  const [invite, setInvite] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const show = useCallback((view: CommunityView) => {
    setCommunity(view);
    if (view.me?.state === 'joined' || view.organiser)
      getCommunityMembers(view.slug).then((m) => setMembers(m.members));
  }, []);
  useEffect(() => {
    getCommunity(slug).then(show, setError);
    getCommunityHistory(slug).then(setHistory, () => {});
  }, [slug, show]);
  const act = (p: Promise<CommunityView & { planned?: number }>, message?: string) => {
    setError(null);
    p.then((view) => {
      show(view);
      setSaved(message ? t(message, { count: view.planned ?? 0 }) : null);
    }, setError);
  };
  // The token is read from the fragment only when the person presses "Join".
  const join = (listed: boolean) =>
    act(
      joinCommunity(slug, { token: window.location.hash.slice(1) || undefined, listed }),
      'community.joinedNotice',
    );
  if (!community) return <Notice error={error} />;
  const me = community.me;
  const counts = community.counts;
  return (
    <>
      <h1>{community.name}</h1>
      <table className="figures">
        <caption>{t('community.countsCaption')}</caption>
        <tbody>
          {(['members', 'joined', 'onBluesky', 'onMastodon', 'pledged'] as const).map((key) => (
            <tr key={key}>
              <th scope="row">{t(`community.${key}`)}</th>
              <td>{formatNumber(counts[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {history && <HistoryChart history={history} />}
      {me?.state !== 'joined' && (
        <section>
          <h2>{t('community.joinTitle')}</h2>
          <p>{me?.state === 'invited' ? t('community.invitedText') : t('community.joinText')}</p>
          {(joining || me?.state === 'invited') && (
            <p>
              <button type="button" onClick={() => join(true)}>
                {t('community.joinListed')}
              </button>{' '}
              <button type="button" onClick={() => join(false)}>
                {t('community.joinUnlisted')}
              </button>
            </p>
          )}
          <p>
            <Link href="/signup">{t('community.signInFirst')}</Link>
          </p>
        </section>
      )}
      {me?.state === 'joined' && (
        <section>
          <h2>{t('community.choicesTitle')}</h2>
          {(
            [
              ['listed', 'community.listed'],
              ['followAll', 'community.followAll'],
              ['mastodonList', 'community.mastodonList'],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="check">
              <input
                type="checkbox"
                checked={me[key]}
                onChange={(e) =>
                  act(saveCommunityChoices(slug, { [key]: e.target.checked }), 'community.savedNotice')
                }
              />
              {t(label)}
            </label>
          ))}
          <button type="button" onClick={() => act(leaveCommunity(slug))}>
            {t('community.leave')}
          </button>
        </section>
      )}
      {members && (
        <section>
          <h2>{t('community.membersTitle', { count: members.length })}</h2>
          <ul>
            {members.map((m) => (
              <li key={m.xId}>
                {m.username ? `@${m.username}` : t('community.xAccount', { id: m.xId })}
                {m.bluesky && ` · ${t('community.onBlueskyAs', { handle: m.bluesky })}`}
                {m.mastodon && ` · ${t('community.onMastodonAs', { handle: m.mastodon })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {community.organiser && (
        <section>
          <h2>{t('community.organiserTitle')}</h2>
          <button
            type="button"
            onClick={() =>
              newInvite(slug).then((r) => setInvite(`${window.location.origin}${r.invitePath}`), setError)
            }
          >
            {t('community.newInvite')}
          </button>
          {invite && <p className="invite">{invite}</p>}
          <label className="check">
            <input
              type="checkbox"
              checked={community.bluesky.publishing}
              onChange={(e) => act(publishOnBluesky(slug, e.target.checked), 'community.savedNotice')}
            />
            {t('community.publishBluesky')}
          </label>
          <MembersUpload slug={slug} />
        </section>
      )}
      {saved && <p role="status">{saved}</p>}
      <Notice error={error} />
    </>
  );
}

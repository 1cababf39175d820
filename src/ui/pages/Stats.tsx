// Public statistics: today's figures and the cumulative series over time (uPlot), both from one
// server reading (so the table and the chart's last day agree with the landing page). The chart
// speaks the page's language: dates through Intl, one tick per day at most (the data is daily),
// the legend's date column named in the page's language.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getStats, getStatsHistory, type Stats, type StatsHistory } from '../api.ts';
import { describeError } from '../errors.ts';
import { formatNumber } from '../format.ts';
import { Link } from '../router.tsx';

const SERIES = [
  ['users', '#1d4ed8'],
  ['archives', '#047857'],
  ['bluesky', '#0369a1'],
  ['mastodon', '#6d28d9'],
] as const;

const DAY = 86_400;
/** Tick spacings in days: daily data never gets ticks between two days. */
const DAILY_INCREMENTS = [1, 2, 7, 14, 30, 61, 91, 182, 365].map((days) => days * DAY);

/** Whole numbers only on the counts' axis. */
const COUNT_INCREMENTS = [1, 2, 5]
  .flatMap((n) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6].map((p) => n * p))
  .sort((a, b) => a - b);

function Chart({ history }: { history: StatsHistory }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = history.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const width = () => Math.max(280, el.clientWidth);
    // The days are UTC days: shown as such, in the page's language.
    const tick = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });
    const count = new Intl.NumberFormat(i18n.language);
    const plot = new uPlot(
      {
        width: width(),
        height: 280,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        series: [
          { label: t('stats.day'), value: (_u, v) => (v == null ? '–' : full.format(new Date(v * 1000))) },
          ...SERIES.map(([key, stroke]) => ({
            label: t(`stats.${key}`),
            stroke,
            width: 2,
            value: (_u: uPlot, v: number | null) => (v == null ? '–' : count.format(v)),
          })),
        ],
        axes: [
          {
            incrs: DAILY_INCREMENTS,
            values: (_u, splits) => splits.map((s) => tick.format(new Date(s * 1000))),
          },
          { size: 60, incrs: COUNT_INCREMENTS, values: (_u, splits) => splits.map((v) => count.format(v)) },
        ],
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max, 1)] } },
      },
      [xs, history.users, history.archives, history.bluesky, history.mastodon],
      el,
    );
    const onResize = () => plot.setSize({ width: width(), height: 280 });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      plot.destroy();
    };
    // t changes with the language, so the legend and axes are redrawn in the new language.
  }, [history, t, i18n.language]);
  return <div ref={box} className="chart" role="img" aria-label={t('stats.chartLabel')} />;
}

export default function StatsPage() {
  const { t } = useTranslation();
  const [stats, setStats] = useState<Stats | null>(null);
  const [history, setHistory] = useState<StatsHistory | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    Promise.all([getStats(), getStatsHistory()])
      .then(([s, h]) => {
        setStats(s);
        setHistory(h);
      })
      .catch(setError);
  }, []);
  return (
    <>
      <h1>{t('stats.title')}</h1>
      <p>{t('stats.intro')}</p>
      {error !== null && (
        <p role="alert" className="notice error">
          {describeError(t, error)}
        </p>
      )}
      {stats && (
        <table className="figures">
          <caption>{t('stats.table')}</caption>
          <tbody>
            {(
              [
                ['users', stats.users],
                ['archives', stats.archives],
                ['bluesky', stats.connections.bluesky],
                ['mastodon', stats.connections.mastodon],
              ] as const
            ).map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{t(`stats.${key}`)}</th>
                <td>{formatNumber(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {stats && stats.users === 0 && (
        <p>
          {t('stats.empty')} <Link href="/archive">{t('landing.start')}</Link>
        </p>
      )}
      {history && (
        <>
          <Chart history={history} />
          <p data-testid="chart-note">{t('stats.chartNote')}</p>
        </>
      )}
    </>
  );
}

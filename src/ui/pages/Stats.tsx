// Public statistics: today's figures and the cumulative series over time (uPlot).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { getStats, getStatsHistory, type Stats, type StatsHistory } from '../api.ts';
import { describeError } from '../errors.ts';
import { formatNumber } from '../format.ts';

const SERIES = [
  ['users', '#1d4ed8'],
  ['archives', '#047857'],
  ['bluesky', '#0369a1'],
  ['mastodon', '#6d28d9'],
] as const;

function Chart({ history }: { history: StatsHistory }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = history.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const width = () => Math.max(280, el.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 280,
        series: [{}, ...SERIES.map(([key, stroke]) => ({ label: t(`stats.${key}`), stroke, width: 2 }))],
        axes: [{}, { size: 60 }],
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
    // t changes with the language, so the legend is redrawn in the new language.
  }, [history, t]);
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
      {history && <Chart history={history} />}
    </>
  );
}

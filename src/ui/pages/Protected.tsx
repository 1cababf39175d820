// The matches page's protection box: how many people blocked or muted on X are on each network
// (never named unless the person asks), and the carry-over question, asked once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getProtectedPeople, type Matches, type ProtectedPeople, saveConsents } from '../api.ts';
import { formatNumber } from '../format.ts';

const NETWORK_NAMES = { bluesky: 'Bluesky', mastodon: 'Mastodon' } as const;

type Summary = Matches['protected'];

export function ProtectedBox({
  summary,
  onChange,
  onError,
}: {
  summary: Summary;
  onChange: () => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<ProtectedPeople['people'] | null>(null);
  if (summary.networks.length === 0) return null;
  const answer = (carrySafety: boolean, blocksAsMutes = false) =>
    saveConsents({ carrySafety, blocksAsMutes }).then(onChange).catch(onError);
  return (
    <section className="notice" aria-labelledby="protected-title">
      <h2 id="protected-title">{t('protected.title')}</h2>
      <ul>
        {summary.networks.map((n) => (
          <li key={n.network}>
            {t(summary.carry === 'off' ? 'protected.countOff' : `protected.count_${summary.carry}`, {
              count: n.blocked + n.muted,
              n: formatNumber(n.blocked + n.muted),
              network: NETWORK_NAMES[n.network],
            })}{' '}
            {summary.carry !== 'off' &&
              t('protected.carried', { count: n.carried, n: formatNumber(n.carried) })}
          </li>
        ))}
      </ul>
      <p>{t('protected.never')}</p>
      {!summary.asked && (
        <>
          <p>{t('protected.question')}</p>
          <p className="actions">
            <button type="button" onClick={() => answer(true)}>
              {t('protected.asBlocks')}
            </button>
            <button type="button" onClick={() => answer(true, true)}>
              {t('protected.asMutes')}
            </button>
            <button type="button" onClick={() => answer(false)}>
              {t('protected.notNow')}
            </button>
          </p>
          <p className="muted">{t('protected.public')}</p>
        </>
      )}
      {people === null ? (
        <button type="button" onClick={() => getProtectedPeople().then((r) => setPeople(r.people), onError)}>
          {t('protected.show')}
        </button>
      ) : (
        <ul>
          {people.map((p) => (
            <li key={`${p.network}:${p.handle}`}>
              {p.handle} <span className="muted">({NETWORK_NAMES[p.network]})</span>
              {p.xUsername && <span className="muted"> · X @{p.xUsername}</span>} ·{' '}
              {t(`protected.onX.${p.onX}`)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// "N of the M accounts you followed on X are on Bluesky or Mastodon": one sentence, from the
// server's one count (src/directory/here.ts), on the pledge, matches, progress and landing pages.
import { useTranslation } from 'react-i18next';
import type { Here } from './api.ts';
import { formatNumber } from './format.ts';

export function HereSummary({ here, className }: { here: Here; className?: string }) {
  const { t, i18n } = useTranslation();
  if (here.following === 0) return <p className={className}>{t('here.needArchive')}</p>;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(
    Math.floor((100 * here.here) / here.following) / 100,
  );
  return (
    <p className={className} data-testid="here">
      {t('here.summary', {
        count: here.here,
        ofFollowing: t('here.ofFollowing', { count: here.following }),
        percent,
      })}{' '}
      <span className="muted">
        {t('here.networks', {
          bluesky: formatNumber(here.onBluesky),
          mastodon: formatNumber(here.onMastodon),
        })}
      </span>
    </p>
  );
}

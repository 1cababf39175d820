// The switch-on (activation day) as people see it: when it is, what starts then, and a countdown.
// Shown on the landing, matches, progress and pledge pages; nothing once it has happened.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Activation, getActivation } from './api.ts';
import { formatMoment, formatNumber, formatTimeLeft } from './format.ts';

/** The activation as GET /api/activation tells it (null: none set, or not loaded yet). */
export function useActivation(): Activation | null {
  const [activation, setActivation] = useState<Activation | null>(null);
  useEffect(() => {
    let live = true;
    getActivation()
      .then((a) => {
        if (live) setActivation(a.activation);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return activation;
}

/** Now, again every second: the countdown moves without asking the server. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function ActivationNotice({ activation }: { activation: Activation | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!activation || activation.releasedAt) return null;
  const left = new Date(activation.activatesAt).getTime() - now;
  const { date, time } = formatMoment(activation.activatesAt);
  const held = activation.heldFollows ?? 0;
  return (
    <section className="notice activation" data-testid="activation" aria-labelledby="activation-title">
      <h2 id="activation-title">{t('activation.title')}</h2>
      <p>
        {held > 0
          ? t('activation.yourFollows', { count: held, n: formatNumber(held), date, time })
          : t('activation.everyone', { date, time })}
      </p>
      <p data-testid="activation-countdown">
        {left > 0 ? t('activation.countdown', { left: formatTimeLeft(left) }) : t('activation.now')}
      </p>
    </section>
  );
}

/** The notice with its own data, for pages that do not already carry the activation. */
export function ActivationBanner() {
  return <ActivationNotice activation={useActivation()} />;
}

// Numbers, dates and durations in the page's language.
import i18next from 'i18next';

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(i18next.language).format(n);
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'long' }).format(new Date(iso));
}

/** A moment as its day ("20 janvier", "January 20"; the year only when not this one) and time. */
export function formatMoment(iso: string, now = new Date()): { date: string; time: string } {
  const at = new Date(iso);
  const lang = i18next.language;
  const sameYear = at.getFullYear() === now.getFullYear();
  return {
    date: new Intl.DateTimeFormat(lang, {
      day: 'numeric',
      month: 'long',
      ...(sameYear ? {} : { year: 'numeric' }),
    }).format(at),
    time: new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(at),
  };
}

/**
 * Time left, largest units first ("2 days, 3 hours, 5 minutes"; seconds only in the last hour),
 * worded by Intl in the page's language.
 */
export function formatTimeLeft(ms: number): string {
  const lang = i18next.language;
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts: [Intl.NumberFormatOptions['unit'], number][] = [
    ['day', Math.floor(total / 86_400)],
    ['hour', Math.floor((total % 86_400) / 3600)],
    ['minute', Math.floor((total % 3600) / 60)],
  ];
  if (total < 3600) parts.push(['second', total % 60]);
  const shown = parts.filter(([, n]) => n > 0);
  const words = (shown.length ? shown : [['second', 0] as const]).map(([unit, n]) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(n),
  );
  return new Intl.ListFormat(lang, { style: 'long', type: 'unit' }).format(words);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

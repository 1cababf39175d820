// Numbers and dates in the page's language.
import i18next from 'i18next';

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(i18next.language).format(n);
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'long' }).format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

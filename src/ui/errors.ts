// Turns any error into a sentence in the page's language, from codes only: archive reader errors
// by their code and params, API errors by their code (and, for a refused Mastodon address, its
// reason code). No message text is ever shown: an error's English text, a TLS or DNS failure's
// words or anything from a URL would reach the page untranslated.
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

type Coded = { name?: string; code?: unknown; params?: unknown; message?: string };

const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

function isArchiveError(error: unknown): error is Coded & { code: string } {
  return typeof error === 'object' && error !== null && (error as Coded).name === 'ArchiveError';
}

/** Params safe to interpolate: numbers, and strings that are not free text (no `message`). */
function params(raw: unknown): Record<string, string | number> {
  const kept: Record<string, string | number> = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (key === 'message' || key === 'detail') continue;
    if (typeof value === 'number' || typeof value === 'string') kept[key] = value;
  }
  return kept;
}

/**
 * The sign-up page's notice for its ?error= code: the code's translation, or a general one. No
 * text from the address is ever shown (a link could put any words there); only the wait of
 * RATE_LIMITED is read, and only as a number.
 */
export function signUpErrorText(t: TFunction, search: URLSearchParams): string | null {
  const code = search.get('error');
  if (code === null) return null;
  const retry = search.get('retryAfterSeconds') ?? '';
  const retryAfterSeconds = /^\d{1,6}$/.test(retry) ? Number(retry) : '…';
  const known = CODE.test(code) ? `signup.errors.${code}` : 'signup.failed';
  return t(known, { retryAfterSeconds, defaultValue: t('signup.failed') });
}

export function describeError(t: TFunction, error: unknown): string {
  if (isArchiveError(error)) {
    const code = CODE.test(error.code) ? error.code : 'UNKNOWN';
    return t(`archiveError.${code}`, { ...params(error.params), defaultValue: t('archiveError.UNKNOWN') });
  }
  if (error instanceof ApiError) {
    const code = CODE.test(error.code) ? error.code : 'UNKNOWN';
    const reason = error.params.reason;
    if (typeof reason === 'string' && CODE.test(reason)) {
      const why = t(`instanceError.${reason}`, { defaultValue: '' });
      if (why) return why;
    }
    return t(`apiError.${code}`, { ...params(error.params), defaultValue: t('apiError.UNKNOWN') });
  }
  return t('apiError.UNKNOWN');
}

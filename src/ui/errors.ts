// Turns any error into a sentence in the page's language: archive reader errors by their code and
// params, API errors by their code, anything else with its message.
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

type Coded = { name?: string; code?: unknown; params?: unknown; message?: string };

function isArchiveError(error: unknown): error is Coded & { code: string } {
  return typeof error === 'object' && error !== null && (error as Coded).name === 'ArchiveError';
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
  const known = /^[A-Z_]{1,40}$/.test(code) ? `signup.errors.${code}` : 'signup.failed';
  return t(known, { retryAfterSeconds, defaultValue: t('signup.failed') });
}

export function describeError(t: TFunction, error: unknown): string {
  if (isArchiveError(error)) {
    const params = (error.params ?? {}) as Record<string, unknown>;
    const key = `archiveError.${error.code}`;
    return t(key, { ...params, defaultValue: t('archiveError.UNKNOWN', { message: error.message }) });
  }
  if (error instanceof ApiError) {
    return t(`apiError.${error.code}`, {
      ...error.params,
      message: error.message,
      defaultValue: t('apiError.UNKNOWN', { message: error.message }),
    });
  }
  return t('apiError.UNKNOWN', { message: error instanceof Error ? error.message : String(error) });
}

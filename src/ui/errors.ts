// Turns any error into a sentence in the page's language: archive reader errors by their code and
// params, API errors by their code, anything else with its message.
import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

type Coded = { name?: string; code?: unknown; params?: unknown; message?: string };

function isArchiveError(error: unknown): error is Coded & { code: string } {
  return typeof error === 'object' && error !== null && (error as Coded).name === 'ArchiveError';
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

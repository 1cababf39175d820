// One JSON shape for every API error: a stable code the SPA translates, an English message, params.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { databaseOutage } from '../db/errors.ts';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'UNAUTHENTICATED' }),
      message: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  })
  .openapi('Error');

export type ApiErrorBody = z.infer<typeof ErrorSchema>;

export function errorBody(
  code: string,
  message: string,
  params?: Record<string, string | number>,
): ApiErrorBody {
  return { error: params ? { code, message, params } : { code, message } };
}

export function apiError<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: string,
  message: string,
  params?: Record<string, string | number>,
) {
  return c.json(errorBody(code, message, params), status);
}

/** Seconds a client is asked to wait when the database cannot serve (a reconnect takes about that). */
export const OUTAGE_RETRY_SECONDS = 5;

const OUTAGE_MESSAGES = {
  DATABASE_UNAVAILABLE: 'The database is unavailable for a moment. Try again in a few seconds.',
  DATABASE_DISK_FULL:
    "The server's disk is full: nothing more can be saved until space is freed. Try again later.",
} as const;

/**
 * A 503 with Retry-After when err says the database cannot serve right now (connection lost,
 * server restarting, disk full); undefined for any other error. The outcome of the request that
 * met the outage is not claimed either way: a retry is safe, the writes being idempotent or
 * rolled back with the transaction.
 */
export function databaseOutageResponse(c: Context, err: unknown): Response | undefined {
  const outage = databaseOutage(err);
  if (!outage) return undefined;
  c.header('Retry-After', String(OUTAGE_RETRY_SECONDS));
  return apiError(c, 503, outage, OUTAGE_MESSAGES[outage], { retryAfterSeconds: OUTAGE_RETRY_SECONDS });
}

/** Reusable OpenAPI response entries. */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorSchema } } };
}

export const UNAUTHENTICATED = errorResponse('No session: start one with POST /api/session.');
export const CSRF_REJECTED = errorResponse('Missing or wrong X-CSRF-Token header, or foreign Origin.');
export const RATE_LIMITED = errorResponse('Too many requests; Retry-After says when to try again.');
export const INVALID_REQUEST = errorResponse('The request does not match the schema.');

/** What the sign-up page reads from its address; it shows an error only as its code's translation. */
const SIGN_UP_PARAMS = ['platform', 'error', 'retryAfterSeconds', 'linked', 'proven'] as const;

/**
 * Where the browser routes (OAuth starts and callbacks) send people back to: the sign-up page,
 * which shows ?linked=, ?proven= or the translation of ?error=. Free text (`message`) is left
 * out: nothing a link carries is shown as text.
 */
export function signUpPage(params: Record<string, string>): string {
  const kept = SIGN_UP_PARAMS.filter((key) => params[key] !== undefined).map((key) => [
    key,
    params[key] ?? '',
  ]);
  return `/signup?${new URLSearchParams(kept)}`;
}

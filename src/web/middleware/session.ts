// Loads the session from its cookie, starts new ones, and gates the routes that need a user.
// The OAuth callbacks of the follow engine and the directory attach to the session user with
// ensureSessionUser (first visit: an anonymous user) or move the browser to an existing user
// with startSessionFor (signing back in on a new device).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { moveSessionUploads } from '../../graph/staged-upload.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { deviceSummary } from '../device.ts';
import { apiError } from '../errors.ts';
import {
  createAnonymousUser,
  createSession,
  findSession,
  revokeSession,
  type SessionRecord,
  touchSession,
} from '../sessions.ts';

/** Sliding expiry is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export function sessionCookieName(ctx: RouteContext): string {
  // __Host-: only for this exact host, path /, Secure; a sibling subdomain cannot plant it.
  return ctx.config.cookieSecure ? '__Host-passerelle_session' : 'passerelle_session';
}

function setSessionCookie(c: Context, ctx: RouteContext, token: string): void {
  setCookie(c, sessionCookieName(ctx), token, {
    httpOnly: true,
    secure: ctx.config.cookieSecure,
    sameSite: 'Lax',
    path: '/',
    maxAge: ctx.config.sessionTtlSeconds,
  });
}

export function loadSession(ctx: RouteContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('session', null);
    const token = getCookie(c, sessionCookieName(ctx));
    if (token) {
      const session = await findSession(ctx.database, token);
      if (session) {
        c.set('session', session);
        if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
          await touchSession(ctx.database, session.id, ctx.config.sessionTtlSeconds);
          setSessionCookie(c, ctx, token);
        }
      } else {
        deleteCookie(c, sessionCookieName(ctx), { path: '/', secure: ctx.config.cookieSecure });
      }
    }
    await next();
  };
}

/** 401 for a caller without a live session. */
export function requireSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('session')) {
      return apiError(c, 401, 'UNAUTHENTICATED', 'Start a session first (POST /api/session).');
    }
    await next();
  };
}

/** The signed-in user of a route behind requireSession(). */
export function sessionUserId(c: { get(key: 'session'): { userId: number } | null }): number {
  return c.get('session')?.userId as number;
}

/**
 * Gives the browser a fresh session for `userId`, revoking the one it had (no fixation). Signing
 * in again as the same user keeps what the old session was sending (an archive in parts).
 */
export async function startSessionFor(
  c: Context<AppEnv>,
  ctx: RouteContext,
  userId: number,
): Promise<SessionRecord> {
  const previous = c.get('session');
  if (previous) await revokeSession(ctx.database, previous.id);
  const device = deviceSummary(c.req.header('user-agent'));
  const { token, session } = await createSession(ctx.database, userId, ctx.config.sessionTtlSeconds, device);
  if (previous?.userId === userId) await moveSessionUploads(ctx.database, userId, previous.id, session.id);
  setSessionCookie(c, ctx, token);
  c.set('session', session);
  return session;
}

/** The session's user, creating an anonymous user and its session on first use. */
export async function ensureSessionUser(c: Context<AppEnv>, ctx: RouteContext): Promise<number> {
  const current = c.get('session');
  if (current) return current.userId;
  const userId = await createAnonymousUser(ctx.database);
  return (await startSessionFor(c, ctx, userId)).userId;
}

export async function endSession(c: Context<AppEnv>, ctx: RouteContext): Promise<void> {
  const session = c.get('session');
  if (session) await revokeSession(ctx.database, session.id);
  c.set('session', null);
  deleteCookie(c, sessionCookieName(ctx), { path: '/', secure: ctx.config.cookieSecure });
}

// CSRF protection for the JSON API, two well-known layers (OWASP cheat sheet):
// 1. double-submit token: a random token in a non-HttpOnly cookie that the SPA echoes in the
//    X-CSRF-Token header; another site can neither read the cookie nor set the header;
// 2. origin check: a state-changing request whose Origin (or Sec-Fetch-Site) says it comes
//    from another site is refused even before the token is compared.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { apiError } from '../errors.ts';
import { clientProtocol } from './client-ip.ts';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfCookieName(ctx: RouteContext): string {
  return ctx.config.cookieSecure ? '__Host-passerelle_csrf' : 'passerelle_csrf';
}

/** The caller's CSRF token, issuing one (cookie) when it has none yet. */
export function csrfToken(c: Context, ctx: RouteContext): string {
  const existing = getCookie(c, csrfCookieName(ctx));
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  setCookie(c, csrfCookieName(ctx), token, {
    httpOnly: false,
    secure: ctx.config.cookieSecure,
    sameSite: 'Lax',
    path: '/',
  });
  return token;
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function foreignOrigin(c: Context, ctx: RouteContext): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = c.req.header('origin');
  if (!origin) return false;
  const url = new URL(c.req.url);
  // Behind a TLS-terminating proxy the request URL says http: trust its X-Forwarded-Proto then.
  const protocol = clientProtocol(c, ctx.config.trustProxy);
  const host = c.req.header('host') ?? url.host;
  return (
    origin !== url.origin && origin !== `${protocol}//${host}` && !ctx.config.allowedOrigins.includes(origin)
  );
}

export function csrfProtection(ctx: RouteContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (foreignOrigin(c, ctx)) {
      return apiError(c, 403, 'CSRF_REJECTED', 'Cross-site request refused.');
    }
    if (!sameToken(c.req.header(CSRF_HEADER), getCookie(c, csrfCookieName(ctx)))) {
      return apiError(
        c,
        403,
        'CSRF_REJECTED',
        'Missing or wrong X-CSRF-Token header: read csrfToken from GET /api/session and send it back.',
      );
    }
    await next();
  };
}

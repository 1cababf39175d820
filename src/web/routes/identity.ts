// Sign in with X, in the browser: POST /auth/x/start (CSRF) answers X's consent URL; the callback
// proves the X id for the session user (or, without a session, signs into the account that
// proved it, creating one on first sign-in) and returns to the sign-up page. The PKCE verifier
// waits in the database under the state; the state is an HMAC of a nonce kept in an HttpOnly
// cookie of this browser and of its session id: a callback finished in another browser or
// session, or with a cookie made from the URL, matches nothing.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { recordXProof, XProofRefusedError } from '../../identity/proof.ts';
import { stateSecret } from '../../identity/state-secret.ts';
import {
  beginXSignIn,
  boundState,
  completeXSignIn,
  newStateNonce,
  XSignInError,
} from '../../identity/x-oauth.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { apiError, signUpPage } from '../errors.ts';
import { csrfProtection } from '../middleware/csrf.ts';
import { loadSession, startSessionFor } from '../middleware/session.ts';
import { rateLimit, signInStartRules } from '../rate-limit.ts';

const NAMESPACE = 'x-signin';
const STATE_TTL_SECONDS = 10 * 60;

function stateCookie(ctx: RouteContext): string {
  return ctx.config.cookieSecure ? '__Host-passerelle_x_state' : 'passerelle_x_state';
}

/** The row's key: a hash, so the database alone never holds a usable state. */
const keyOf = (state: string) => createHash('sha256').update(state).digest('base64url');

function failure(err: unknown): { error: string; message: string } {
  if (err instanceof XProofRefusedError) return { error: err.code, message: err.message };
  if (err instanceof XSignInError) return { error: err.code, message: err.message };
  throw err;
}

export function identityRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Per route, not app.use('*'): mounted at '/', a wildcard would run on every request of the app.
  const session = loadSession(ctx);

  // Starting is a state change (a pending sign-in, a state cookie): a POST with the CSRF token,
  // answered with the URL to send the browser to, as link starts are. No GET starts anything.
  const xStartRules = { ...signInStartRules(ctx, 'x'), onLimited: undefined };
  app.post(
    '/auth/x/start',
    session,
    csrfProtection(ctx),
    rateLimit(ctx, 'sign-in', xStartRules),
    async (c) => {
      if (!ctx.x)
        return apiError(c, 503, 'X_NOT_CONFIGURED', 'Sign in with X is not configured on this server.');
      const nonce = newStateNonce();
      const state = boundState(await stateSecret(ctx.database), nonce, c.get('session')?.id ?? null);
      const pending = beginXSignIn(ctx.x, state);
      await ctx.database.query(
        `INSERT INTO oauth_store (namespace, key, value, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
        [
          NAMESPACE,
          keyOf(pending.state),
          JSON.stringify({ codeVerifier: pending.codeVerifier, userId: c.get('session')?.userId ?? null }),
          STATE_TTL_SECONDS,
        ],
      );
      setCookie(c, stateCookie(ctx), nonce, {
        httpOnly: true,
        secure: ctx.config.cookieSecure,
        sameSite: 'Lax',
        path: '/',
        maxAge: STATE_TTL_SECONDS,
      });
      return c.json({ url: pending.url.toString() }, 200);
    },
  );

  app.get('/oauth/x/callback', session, async (c) => {
    if (!ctx.x) return c.redirect(signUpPage({ platform: 'x', error: 'X_NOT_CONFIGURED' }), 302);
    const nonce = getCookie(c, stateCookie(ctx)) ?? '';
    deleteCookie(c, stateCookie(ctx), { path: '/', secure: ctx.config.cookieSecure });
    // The state this browser's nonce and session give; completeXSignIn compares it with the URL's.
    const state = nonce
      ? boundState(await stateSecret(ctx.database), nonce, c.get('session')?.id ?? null)
      : '';
    const pending = await takePending(ctx, state);
    try {
      if (!pending)
        throw new XSignInError(
          'This sign-in link has expired or was not started here. Start signing in with X again.',
        );
      const identity = await completeXSignIn(ctx.x, new URL(c.req.url).searchParams, {
        state,
        codeVerifier: pending.codeVerifier,
      });
      return await finish(c, ctx, identity, pending.userId);
    } catch (err) {
      return c.redirect(signUpPage({ platform: 'x', ...failure(err) }), 302);
    }
  });
  return app;
}

async function takePending(
  ctx: RouteContext,
  state: string,
): Promise<{ codeVerifier: string; userId: number | null } | null> {
  if (!state) return null;
  const [row] = await ctx.database.query<{ value: string }>(
    `DELETE FROM oauth_store WHERE namespace = $1 AND key = $2 AND expires_at > now() RETURNING value`,
    [NAMESPACE, keyOf(state)],
  );
  return row ? (JSON.parse(row.value) as { codeVerifier: string; userId: number | null }) : null;
}

async function finish(
  c: Context<AppEnv>,
  ctx: RouteContext,
  identity: { id: string; username: string; name: string },
  startedBy: number | null,
) {
  const session = c.get('session');
  // Proves for the user who started it, if this browser is still theirs; otherwise a sign-in.
  const userId = session && session.userId === startedBy ? session.userId : undefined;
  const result = await recordXProof(ctx.database, identity, userId);
  if (session?.userId !== result.userId) await startSessionFor(c, ctx, result.userId);
  return c.redirect(signUpPage({ proven: 'x' }), 302);
}

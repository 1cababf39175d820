// Sign in with Bluesky or Mastodon from any device: POST /api/signin/{platform} (CSRF, no
// session needed) answers the network's authorize URL and leaves a nonce cookie in this browser;
// the network sends the browser back to the linking callback (./oauth.ts), which hands a
// sign-in over to signInCallback here. The outcome goes to the sign-in page as a code.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { NETWORK_NAMES, network } from '../../platforms/registry.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { apiError, CSRF_REJECTED, errorResponse, INVALID_REQUEST, RATE_LIMITED } from '../errors.ts';
import type { LinkPlatform } from '../links.ts';
import { startSessionFor } from '../middleware/session.ts';
import {
  completeNetworkSignIn,
  newBrowserNonce,
  SignInError,
  startNetworkSignIn,
} from '../network-signin.ts';
import { rateLimit, signInStartRules } from '../rate-limit.ts';
import { linkStartError } from './links.ts';

const NONCE_TTL_SECONDS = 10 * 60;

function nonceCookie(ctx: RouteContext): string {
  return ctx.config.cookieSecure ? '__Host-passerelle_signin' : 'passerelle_signin';
}

/** The sign-in page, with ?signedIn= or ?error= (a code) and the network: nothing else. */
export function signInPage(params: { platform: string; signedIn?: boolean; error?: string }): string {
  const query = new URLSearchParams({ platform: params.platform });
  if (params.signedIn) query.set('signedIn', '1');
  if (params.error) query.set('error', params.error);
  return `/signin?${query}`;
}

/** SIGNIN_HANDLE_MISSING, SIGNIN_INSTANCE_MISSING: the start field the network needs, left empty. */
const missingFieldCode = (field: string) => `SIGNIN_${field.toUpperCase()}_MISSING`;

const StartInput = z
  .object({
    handle: z.string().trim().min(3).max(253).optional().openapi({ example: 'alice.bsky.social' }),
    instance: z.string().trim().min(3).max(253).optional().openapi({ example: 'mastodon.social' }),
  })
  .strict()
  .openapi('SignInStartInput');

export function networkSignInRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const start = createRoute({
    method: 'post',
    path: '/signin/{platform}',
    tags: ['session'],
    summary: 'Sign in with a linked Bluesky or Mastodon account: the authorize URL to send the browser to',
    middleware: [rateLimit(ctx, 'sign-in', signInStartRules(ctx))] as const,
    request: {
      params: z.object({ platform: z.enum(NETWORK_NAMES) }),
      body: { content: { 'application/json': { schema: StartInput } } },
    },
    responses: {
      200: {
        description: 'Where to send the browser',
        content: { 'application/json': { schema: z.object({ url: z.string() }) } },
      },
      400: INVALID_REQUEST,
      403: CSRF_REJECTED,
      429: RATE_LIMITED,
      503: errorResponse('Signing in with this network is not configured on this server.'),
    },
  });
  app.openapi(start, async (c) => {
    const platform = c.req.valid('param').platform;
    const input = c.req.valid('json');
    const { linking } = network(platform);
    if (!input[linking.startField])
      return apiError(c, 400, missingFieldCode(linking.startField), linking.missingStartField().message);
    const nonce = newBrowserNonce();
    try {
      const session = c.get('session');
      const url = await startNetworkSignIn(ctx.database, ctx.links, platform, {
        ...input,
        sessionId: session?.id ?? null,
        nonce,
      });
      setCookie(c, nonceCookie(ctx), nonce, {
        httpOnly: true,
        secure: ctx.config.cookieSecure,
        sameSite: 'Lax',
        path: '/',
        maxAge: NONCE_TTL_SECONDS,
      });
      return c.json({ url: url.toString() }, 200);
    } catch (err) {
      if (err instanceof SignInError) return apiError(c, 503, err.code, err.message) as never;
      return linkStartError(c, err) as never;
    }
  });
  return app;
}

/** The callback of a sign-in: the browser becomes the account's user, or learns why not. */
export async function signInCallback(
  c: Context<AppEnv>,
  ctx: RouteContext,
  platform: LinkPlatform,
  params: URLSearchParams,
) {
  const nonce = getCookie(c, nonceCookie(ctx)) ?? '';
  deleteCookie(c, nonceCookie(ctx), { path: '/', secure: ctx.config.cookieSecure });
  if (!ctx.links) return c.redirect(signInPage({ platform, error: 'SIGNIN_NOT_CONFIGURED' }), 302);
  try {
    const userId = await completeNetworkSignIn(ctx.database, ctx.links, platform, params, {
      nonce,
      session: c.get('session'),
    });
    await startSessionFor(c, ctx, userId);
    return c.redirect(signInPage({ platform, signedIn: true }), 302);
  } catch (err) {
    const error = err instanceof SignInError ? err.code : 'SIGNIN_FAILED';
    return c.redirect(signInPage({ platform, error }), 302);
  }
}

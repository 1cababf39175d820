// The browser side of linking: /oauth/{bluesky,mastodon}/callback finish the link started by
// this session (POST /api/links/{platform}, with the CSRF token) and return to the sign-up page,
// with ?linked= or ?error= (a code) for it to show; what the person needs to know beyond the
// code (who holds an account) waits for the session in GET /api/links, never in the URL.
// A callback of a sign-in with the network (not a link) goes to ./network-signin.ts.
import { Hono } from 'hono';
import { AccountHeldError, LinkRefusedError } from '../../accounts/errors.ts';
import { oauthPublicDocuments } from '../../platforms/bluesky/oauth.ts';
import { NETWORK_NAMES } from '../../platforms/registry.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { signUpPage } from '../errors.ts';
import { recordLinkFailure } from '../link-failures.ts';
import { completeLink, LinkOwnerMismatchError } from '../links.ts';
import { loadSession } from '../middleware/session.ts';
import { isSignInCallback } from '../network-signin.ts';
import { signInCallback } from './network-signin.ts';

/**
 * The loopback client's redirect URI is 127.0.0.1 (an IP literal, RFC 8252) while a development
 * server is opened at localhost, where the session cookie lives: send the browser there first.
 */
function localhostCallback(ctx: RouteContext, requestUrl: string): string | null {
  const url = new URL(requestUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return null;
  const local = ctx.config.allowedOrigins.map((o) => new URL(o)).find((o) => o.hostname === 'localhost');
  if (!local || local.port !== url.port) return null;
  return `${local.origin}${url.pathname}${url.search}`;
}

function errorCode(err: unknown): string {
  if (err instanceof LinkOwnerMismatchError) return 'LINK_OTHER_SESSION';
  if (err instanceof LinkRefusedError) return err.code;
  if (err instanceof Error && /not configured/.test(err.message)) return 'LINK_NOT_CONFIGURED';
  return 'LINK_FAILED';
}

export function oauthBrowserRoutes(ctx: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Per route, not app.use('*'): mounted at '/', a wildcard would run on every request of the app.
  const session = loadSession(ctx);
  for (const platform of NETWORK_NAMES) {
    app.get(`/oauth/${platform}/callback`, session, async (c) => {
      const atLocalhost = localhostCallback(ctx, c.req.url);
      if (atLocalhost) return c.redirect(atLocalhost, 302);
      if (!ctx.links) return c.redirect(signUpPage({ platform, error: 'LINK_NOT_CONFIGURED' }), 302);
      const params = new URL(c.req.url).searchParams;
      if (await isSignInCallback(ctx.database, ctx.links, platform, params))
        return signInCallback(c, ctx, platform, params);
      try {
        await completeLink(ctx.database, ctx.links, platform, params, c.get('session'));
        return c.redirect(signUpPage({ linked: platform }), 302);
      } catch (err) {
        const session = c.get('session');
        if (session && err instanceof AccountHeldError)
          await recordLinkFailure(ctx.database, session.id, {
            platform,
            code: err.code,
            holder: err.holder ?? '',
          });
        const message = err instanceof Error ? err.message : String(err);
        return c.redirect(signUpPage({ platform, error: errorCode(err), message }), 302);
      }
    });
  }
  // The production Bluesky client is identified by its metadata URL and signs with these keys.
  const bluesky = ctx.links?.bluesky;
  if (bluesky?.clientMetadata.client_id.startsWith('https:')) {
    const docs = oauthPublicDocuments(bluesky);
    app.get('/client-metadata.json', (c) => c.json(docs.clientMetadata as object));
    app.get('/jwks.json', (c) => c.json(docs.jwks as object));
  }
  return app;
}

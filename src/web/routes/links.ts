// /api/links: the session user's linked Bluesky and Mastodon accounts — list, start linking,
// replacing or re-authorising (the authorize URL to send the browser to: a POST with the CSRF
// token, the only way to start), unlink. The OAuth callbacks are in ./oauth.ts.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { LinkExistsError } from '../../accounts/errors.ts';
import { InstanceUrlError } from '../../platforms/mastodon/instance.ts';
import { MastodonLinkError } from '../../platforms/mastodon/oauth.ts';
import { NETWORK_NAMES, network } from '../../platforms/registry.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import {
  apiError,
  CSRF_REJECTED,
  errorResponse,
  INVALID_REQUEST,
  RATE_LIMITED,
  UNAUTHENTICATED,
} from '../errors.ts';
import { lastLinkFailure } from '../link-failures.ts';
import {
  LinkNotConfiguredError,
  type LinkPlatform,
  listLinks,
  NothingToReauthoriseError,
  startLink,
  unlink,
} from '../links.ts';
import { requireSession } from '../middleware/session.ts';
import { rateLimit, signInStartRules } from '../rate-limit.ts';

const Platform = z.enum(NETWORK_NAMES);

const LinkedAccountSchema = z
  .object({
    platform: Platform,
    handle: z.string(),
    instance: z.string().nullable(),
    status: z.string().openapi({ description: 'active or needs_reauth' }),
    linkedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('LinkedAccount');

const StartInput = z
  .object({
    handle: z.string().trim().min(3).max(253).optional().openapi({ example: 'alice.bsky.social' }),
    instance: z.string().trim().min(3).max(253).optional().openapi({ example: 'mastodon.social' }),
    replace: z
      .boolean()
      .optional()
      .openapi({ description: 'Replace the account already linked on this network (else 409 LINK_EXISTS)' }),
    reauthorize: z
      .boolean()
      .optional()
      .openapi({ description: 'Renew the authorisation of the linked account (its address is reused)' }),
  })
  .openapi('LinkStartInput');

const LinkFailureSchema = z
  .object({ platform: z.string(), code: z.string(), holder: z.string() })
  .openapi('LinkFailure', {
    description: "Why this session's last link was refused, when it names its holder",
  });

const NOT_CONFIGURED = errorResponse('Linking this network is not configured on this server.');

/** Errors of a link start that the person can fix (a typo in a handle or an instance). */
export function linkStartError(c: Context, err: unknown) {
  if (err instanceof LinkNotConfiguredError) return apiError(c, 503, 'LINK_NOT_CONFIGURED', err.message);
  if (err instanceof LinkExistsError) return apiError(c, 409, err.code, err.message, { handle: err.handle });
  if (err instanceof NothingToReauthoriseError) return apiError(c, 404, 'NOT_LINKED', err.message);
  // The reason is a code the web app translates; the message (English, possibly a TLS or DNS
  // error's text) is for API clients and logs, never shown as it is.
  if (err instanceof InstanceUrlError)
    return apiError(c, 400, 'INVALID_INSTANCE', err.message, { reason: err.reason });
  if (err instanceof MastodonLinkError)
    return apiError(c, 400, 'INVALID_INSTANCE', err.message, { reason: 'REFUSED' });
  const message = err instanceof Error ? err.message : String(err);
  return apiError(c, 400, 'LINK_START_FAILED', `Could not start linking: ${message.slice(0, 200)}`, {
    reason: 'UNREACHABLE',
  });
}

async function startFor(
  ctx: RouteContext,
  platform: LinkPlatform,
  session: { id: number; userId: number },
  input: z.infer<typeof StartInput>,
) {
  const { displayName, linking } = network(platform);
  if (!ctx.links?.[platform]) throw new LinkNotConfiguredError(displayName);
  if (!input.reauthorize && !input[linking.startField]) throw linking.missingStartField();
  return startLink(ctx.database, ctx.links, platform, {
    userId: session.userId,
    sessionId: session.id,
    ...input,
  });
}

export function linkRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const userOf = (c: Context<AppEnv>) => c.get('session')?.userId as number;
  const sessionOf = (c: Context<AppEnv>) => c.get('session') as { id: number; userId: number };

  const list = createRoute({
    method: 'get',
    path: '/links',
    tags: ['links'],
    summary: 'My linked Bluesky and Mastodon accounts',
    middleware: [requireSession()] as const,
    responses: {
      200: {
        description: 'Linked accounts',
        content: {
          'application/json': {
            schema: z.object({
              links: z.array(LinkedAccountSchema),
              failure: LinkFailureSchema.nullable(),
            }),
          },
        },
      },
      401: UNAUTHENTICATED,
    },
  });
  app.openapi(list, async (c) =>
    c.json(
      {
        links: await listLinks(ctx.database, userOf(c)),
        failure: await lastLinkFailure(ctx.database, sessionOf(c).id),
      },
      200,
    ),
  );

  const start = createRoute({
    method: 'post',
    path: '/links/{platform}',
    tags: ['links'],
    summary: 'Start linking: the authorize URL of the network to send the browser to',
    middleware: [requireSession(), rateLimit(ctx, 'sign-in', signInStartRules(ctx))] as const,
    request: {
      params: z.object({ platform: Platform }),
      body: { content: { 'application/json': { schema: StartInput } } },
    },
    responses: {
      200: {
        description: 'Where to send the browser',
        content: { 'application/json': { schema: z.object({ url: z.string() }) } },
      },
      400: INVALID_REQUEST,
      401: UNAUTHENTICATED,
      403: CSRF_REJECTED,
      404: errorResponse('Re-authorising, but no account is linked on this network.'),
      409: errorResponse('An account is already linked on this network: send replace: true to replace it.'),
      429: RATE_LIMITED,
      503: NOT_CONFIGURED,
    },
  });
  app.openapi(start, async (c) => {
    try {
      const url = await startFor(ctx, c.req.valid('param').platform, sessionOf(c), c.req.valid('json'));
      return c.json({ url: url.toString() }, 200);
    } catch (err) {
      return linkStartError(c, err) as never;
    }
  });

  const remove = createRoute({
    method: 'delete',
    path: '/links/{platform}',
    tags: ['links'],
    summary: 'Unlink: revoke the token where the network allows it, forget it, stop following there',
    middleware: [requireSession()] as const,
    request: { params: z.object({ platform: Platform }) },
    responses: {
      204: { description: 'Unlinked' },
      401: UNAUTHENTICATED,
      403: CSRF_REJECTED,
      404: errorResponse('No account of mine is linked on this network.'),
    },
  });
  app.openapi(remove, async (c) => {
    const platform = c.req.valid('param').platform;
    if (!(await unlink(ctx.database, ctx.links, userOf(c), platform)))
      return apiError(c, 404, 'NOT_LINKED', `No ${platform} account is linked.`);
    return c.body(null, 204);
  });
  return app;
}

// Bringing one's people along: the share step's data (new accounts, X username, the public page
// setting), the public page /@x_username's data (404 unless its owner turned it on), and the
// Mastodon servers suggested to people who have no account yet.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { DEFAULT_INSTANCES, suggestedInstances } from '../../share/instances.ts';
import { PublicPageError, publicPageFor, setPublicPage, shareState } from '../../share/public-page.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { apiError, CSRF_REJECTED, errorResponse, INVALID_REQUEST, UNAUTHENTICATED } from '../errors.ts';
import { requireSession, sessionUserId } from '../middleware/session.ts';

const NewAccountSchema = z
  .object({
    platform: z.enum(['bluesky', 'mastodon']),
    handle: z.string(),
    url: z.string().openapi({ description: 'The profile on its network' }),
    instance: z.string().nullable().openapi({ description: 'Mastodon: the server origin' }),
  })
  .openapi('NewAccount');

const ShareSchema = z
  .object({
    username: z.string().nullable().openapi({ description: 'The proven X username; null before the proof' }),
    publicPage: z.boolean().openapi({ description: 'Whether /@username is on (off by default)' }),
    accounts: z.array(NewAccountSchema),
  })
  .openapi('Share');

const PublicPageSchema = z
  .object({ username: z.string(), accounts: z.array(NewAccountSchema) })
  .openapi('PublicPage');

const InstancesSchema = z
  .object({
    instances: z.array(
      z.object({
        host: z.string(),
        languages: z.array(z.string()),
        topics: z.array(z.string()),
        signups: z.enum(['open', 'approval', 'closed']),
      }),
    ),
  })
  .openapi('MastodonInstances');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export function shareRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const userOf = sessionUserId;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/share',
      tags: ['share'],
      summary: 'What my share step needs: my new accounts, my X username, my public page setting',
      middleware: [requireSession()] as const,
      responses: { 200: json(ShareSchema, 'Share state'), 401: UNAUTHENTICATED },
    }),
    async (c) => c.json(await shareState(ctx.database, userOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/share/public-page',
      tags: ['share'],
      summary: 'Turn my public page /@x_username on or off',
      middleware: [requireSession()] as const,
      request: {
        body: { content: { 'application/json': { schema: z.object({ enabled: z.boolean() }).strict() } } },
      },
      responses: {
        200: json(ShareSchema, 'Share state now'),
        400: INVALID_REQUEST,
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
        409: errorResponse('My X account is not proven yet: no public page under its name'),
      },
    }),
    async (c) => {
      try {
        await setPublicPage(ctx.database, userOf(c), c.req.valid('json').enabled);
      } catch (err) {
        if (err instanceof PublicPageError) return apiError(c, 409, err.code, err.message);
        throw err;
      }
      return c.json(await shareState(ctx.database, userOf(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/people/{username}',
      tags: ['share'],
      summary: "A person's public page: where they are now (only when they turned it on)",
      request: { params: z.object({ username: z.string().max(50) }) },
      responses: {
        200: json(PublicPageSchema, 'Their new accounts'),
        404: errorResponse('No public page under this name'),
      },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      const page = await publicPageFor(ctx.database, c.req.valid('param').username);
      if (!page) return apiError(c, 404, 'PUBLIC_PAGE_NOT_FOUND', 'There is no public page under this name.');
      return c.json(page, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/mastodon/instances',
      tags: ['share'],
      summary: 'Mastodon servers to join, those speaking the given language first (closed sign-ups left out)',
      request: {
        query: z.object({
          lang: z
            .string()
            .regex(/^[a-z]{2,3}$/)
            .optional(),
        }),
      },
      responses: { 200: json(InstancesSchema, 'Suggested servers'), 400: INVALID_REQUEST },
    }),
    (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(
        { instances: suggestedInstances(ctx.instances ?? DEFAULT_INSTANCES, c.req.valid('query').lang) },
        200,
      );
    },
  );
  return app;
}

// /api/session: who am I (and the CSRF token), start an anonymous session, sign out.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { CSRF_REJECTED, RATE_LIMITED, UNAUTHENTICATED } from '../errors.ts';
import { csrfToken } from '../middleware/csrf.ts';
import { endSession, ensureSessionUser, requireSession } from '../middleware/session.ts';
import { rateLimit } from '../rate-limit.ts';
import { revokeUserSessions } from '../sessions.ts';
import { UserSummarySchema, userSummary } from '../user-summary.ts';

const SessionSchema = z
  .object({
    user: UserSummarySchema.nullable(),
    csrfToken: z
      .string()
      .openapi({ description: 'Send back in the X-CSRF-Token header of every POST/PUT/DELETE' }),
  })
  .openapi('Session');

const getSession = createRoute({
  method: 'get',
  path: '/session',
  tags: ['session'],
  summary: 'The current user (null without a session) and the CSRF token',
  responses: {
    200: { description: 'Session state', content: { 'application/json': { schema: SessionSchema } } },
  },
});

const postSession = (ctx: RouteContext) =>
  createRoute({
    method: 'post',
    middleware: [
      rateLimit(ctx, 'session-start', { perIp: ctx.config.rateLimits.signInPerIp, skipWithSession: true }),
    ] as const,
    path: '/session',
    tags: ['session'],
    summary: 'Start a session (an anonymous user until accounts are linked); returns the existing one if any',
    responses: {
      200: {
        description: 'Session started or resumed',
        content: { 'application/json': { schema: SessionSchema } },
      },
      403: CSRF_REJECTED,
      429: RATE_LIMITED,
    },
  });

const deleteSession = createRoute({
  method: 'delete',
  middleware: [requireSession()] as const,
  path: '/session',
  tags: ['session'],
  summary: 'Sign out: revoke this session, or every session of the user with ?everywhere=true',
  request: {
    query: z.object({
      everywhere: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'Revoke every session of this user, on every device' }),
    }),
  },
  responses: { 204: { description: 'Signed out' }, 401: UNAUTHENTICATED, 403: CSRF_REJECTED },
});

export function sessionRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(getSession, async (c) => {
    const session = c.get('session');
    const user = session ? await userSummary(ctx.database, session.userId) : null;
    return c.json({ user, csrfToken: csrfToken(c, ctx) }, 200);
  });
  app.openapi(postSession(ctx), async (c) => {
    const userId = await ensureSessionUser(c, ctx);
    return c.json({ user: await userSummary(ctx.database, userId), csrfToken: csrfToken(c, ctx) }, 200);
  });
  app.openapi(deleteSession, async (c) => {
    const userId = c.get('session')?.userId as number;
    if (c.req.valid('query').everywhere === 'true') await revokeUserSessions(ctx.database, userId);
    await endSession(c, ctx);
    return c.body(null, 204);
  });
  return app;
}

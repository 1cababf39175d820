// /api/session: who am I (and the CSRF token), start an anonymous session, sign out.
// /api/sessions: the user's sessions on every device, each one can be ended from here.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { apiError, CSRF_REJECTED, errorResponse, RATE_LIMITED, UNAUTHENTICATED } from '../errors.ts';
import { csrfToken } from '../middleware/csrf.ts';
import { endSession, ensureSessionUser, requireSession } from '../middleware/session.ts';
import { rateLimit } from '../rate-limit.ts';
import {
  listUserSessions,
  revokeOtherSessions,
  revokeUserSession,
  revokeUserSessions,
  type SessionRecord,
} from '../sessions.ts';
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

const SessionViewSchema = z
  .object({
    id: z.number().int(),
    current: z.boolean().openapi({ description: 'The session of this browser' }),
    device: z.string().nullable().openapi({ description: 'Browser and system, e.g. "Firefox · Windows"' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastSeenAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('SessionView');

const listSessions = createRoute({
  method: 'get',
  middleware: [requireSession()] as const,
  path: '/sessions',
  tags: ['session'],
  summary: 'My sessions on every device, the most recently used first',
  responses: {
    200: {
      description: 'Live sessions',
      content: { 'application/json': { schema: z.object({ sessions: z.array(SessionViewSchema) }) } },
    },
    401: UNAUTHENTICATED,
  },
});

const signOutOne = createRoute({
  method: 'post',
  middleware: [requireSession()] as const,
  path: '/sessions/{id}/sign-out',
  tags: ['session'],
  summary: 'End one of my sessions (another device, or this one)',
  request: { params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }) },
  responses: {
    204: { description: 'Signed out there' },
    401: UNAUTHENTICATED,
    403: CSRF_REJECTED,
    404: errorResponse('No session of mine has this id (already signed out?).'),
  },
});

const signOutOthers = createRoute({
  method: 'post',
  middleware: [requireSession()] as const,
  path: '/sessions/sign-out-others',
  tags: ['session'],
  summary: 'End every session of mine except this one',
  responses: {
    200: {
      description: 'How many sessions ended',
      content: { 'application/json': { schema: z.object({ ended: z.number().int() }) } },
    },
    401: UNAUTHENTICATED,
    403: CSRF_REJECTED,
  },
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
  app.openapi(listSessions, async (c) => {
    const session = c.get('session') as SessionRecord;
    const sessions = await listUserSessions(ctx.database, session.userId);
    return c.json({ sessions: sessions.map((s) => ({ ...s, current: s.id === session.id })) }, 200);
  });
  app.openapi(signOutOne, async (c) => {
    const session = c.get('session') as SessionRecord;
    const id = c.req.valid('param').id;
    if (id === session.id) {
      await endSession(c, ctx);
      return c.body(null, 204);
    }
    if (!(await revokeUserSession(ctx.database, session.userId, id)))
      return apiError(
        c,
        404,
        'SESSION_NOT_FOUND',
        'No session of yours has this id; it may have ended already.',
      );
    return c.body(null, 204);
  });
  app.openapi(signOutOthers, async (c) => {
    const session = c.get('session') as SessionRecord;
    return c.json({ ended: await revokeOtherSessions(ctx.database, session.userId, session.id) }, 200);
  });
  return app;
}

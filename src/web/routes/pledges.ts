// /api/pledge: "I will leave X when N% of the people I follow have moved" (or on a date), and the
// user's progress toward it: how many of the people they followed on X are here, as every page
// counts them (src/directory/here.ts).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { hereCounts } from '../../directory/here.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { CSRF_REJECTED, INVALID_REQUEST, UNAUTHENTICATED } from '../errors.ts';
import { HereSchema } from '../here-schema.ts';
import { requireSession, sessionUserId } from '../middleware/session.ts';

const PledgeInput = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('percent'),
      percent: z.number().int().min(1).max(100),
      email: z.email().max(254).optional(),
    }),
    z.object({
      kind: z.literal('date'),
      leaveOn: z.iso.date().openapi({ example: '2027-01-31' }),
      email: z.email().max(254).optional(),
    }),
  ])
  .openapi('PledgeInput');

const PledgeSchema = z
  .object({
    pledge: z
      .object({
        kind: z.enum(['percent', 'date']),
        percent: z.number().int().nullable(),
        leaveOn: z.string().nullable(),
        email: z.string().nullable(),
        reachedAt: z.string().nullable(),
      })
      .nullable(),
    progress: HereSchema,
  })
  .openapi('Pledge');

type PledgeRow = {
  kind: 'percent' | 'date';
  percent: number | null;
  leave_on: string | null;
  email: string | null;
  reached_at: Date | null;
};

async function pledgeState(ctx: RouteContext, userId: number): Promise<z.infer<typeof PledgeSchema>> {
  const [row] = await ctx.database.query<PledgeRow>(
    'SELECT kind, percent, leave_on::text AS leave_on, email, reached_at FROM pledges WHERE user_id = $1',
    [userId],
  );
  const progress = await hereCounts(ctx.database, userId);
  return {
    pledge: row
      ? {
          kind: row.kind,
          percent: row.percent,
          leaveOn: row.leave_on,
          email: row.email,
          reachedAt: row.reached_at ? new Date(row.reached_at).toISOString() : null,
        }
      : null,
    progress,
  };
}

const ok = {
  description: 'The pledge and progress',
  content: { 'application/json': { schema: PledgeSchema } },
};

export function pledgeRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const userOf = sessionUserId;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/pledge',
      tags: ['pledge'],
      summary: 'My pledge and my progress toward it',
      middleware: [requireSession()] as const,
      responses: { 200: ok, 401: UNAUTHENTICATED },
    }),
    async (c) => c.json(await pledgeState(ctx, userOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/pledge',
      tags: ['pledge'],
      summary: 'Make or change my pledge',
      middleware: [requireSession()] as const,
      request: { body: { required: true, content: { 'application/json': { schema: PledgeInput } } } },
      responses: { 200: ok, 400: INVALID_REQUEST, 401: UNAUTHENTICATED, 403: CSRF_REJECTED },
    }),
    async (c) => {
      const input = c.req.valid('json');
      await ctx.database.query(
        `INSERT INTO pledges (user_id, kind, percent, leave_on, email) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET kind = EXCLUDED.kind, percent = EXCLUDED.percent,
           leave_on = EXCLUDED.leave_on, email = EXCLUDED.email, reached_at = NULL, notified_at = NULL,
           updated_at = now()`,
        [
          userOf(c),
          input.kind,
          input.kind === 'percent' ? input.percent : null,
          input.kind === 'date' ? input.leaveOn : null,
          input.email ?? null,
        ],
      );
      return c.json(await pledgeState(ctx, userOf(c)), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/pledge',
      tags: ['pledge'],
      summary: 'Withdraw my pledge',
      middleware: [requireSession()] as const,
      responses: { 204: { description: 'Withdrawn' }, 401: UNAUTHENTICATED, 403: CSRF_REJECTED },
    }),
    async (c) => {
      await ctx.database.query('DELETE FROM pledges WHERE user_id = $1', [userOf(c)]);
      return c.body(null, 204);
    },
  );
  return app;
}

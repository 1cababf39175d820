// /api/pledge: "I will leave X when N% of the people I follow have moved" (or on a date), and the
// user's progress toward it. Only proven X owners with a linked account count as moved.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { CSRF_REJECTED, INVALID_REQUEST, UNAUTHENTICATED } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';

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
    progress: z.object({
      following: z.number().int().openapi({ description: 'Accounts the user followed on X' }),
      moved: z
        .number()
        .int()
        .openapi({ description: 'Of those, people registered here with a linked account' }),
    }),
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
  const [progress] = await ctx.database.query<{ following: number; moved: number }>(
    `SELECT count(*)::int AS following,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM users u JOIN linked_accounts l ON l.user_id = u.id AND l.status = 'active'
              WHERE u.x_account_id = e.x_id AND u.x_proven_at IS NOT NULL))::int AS moved
     FROM x_edges e WHERE e.user_id = $1 AND e.direction = 1`,
    [userId],
  );
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
    progress: { following: progress?.following ?? 0, moved: progress?.moved ?? 0 },
  };
}

const ok = {
  description: 'The pledge and progress',
  content: { 'application/json': { schema: PledgeSchema } },
};

export function pledgeRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const userOf = (c: { get(key: 'session'): { userId: number } | null }) =>
    c.get('session')?.userId as number;
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

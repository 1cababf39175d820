// /api/account: download all my data (JSON) and delete everything.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteAccount, exportAccount } from '../account-data.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteContext } from '../context.ts';
import { apiError, CSRF_REJECTED, UNAUTHENTICATED } from '../errors.ts';
import { revokeSessionsOutsideTransaction } from '../links.ts';
import { endSession, requireSession } from '../middleware/session.ts';

const ExportSchema = z
  .object({
    exportedAt: z.string(),
    user: z.record(z.string(), z.unknown()),
    xAccount: z.record(z.string(), z.unknown()).nullable(),
    xFollowing: z.array(z.string()),
    xFollowers: z.array(z.string()),
    xBlocking: z.array(z.string()).openapi({ description: 'Accounts blocked on X' }),
    xMuting: z.array(z.string()).openapi({ description: 'Accounts muted on X' }),
    tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  })
  .openapi('AccountExport');

export function accountRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const download = createRoute({
    method: 'get',
    path: '/account/export',
    tags: ['account'],
    summary: 'Everything Passerelle holds about me, as one JSON file (secrets left out)',
    middleware: [requireSession()] as const,
    responses: {
      200: { description: 'The export', content: { 'application/json': { schema: ExportSchema } } },
      401: UNAUTHENTICATED,
    },
  });
  app.openapi(download, async (c) => {
    const data = await exportAccount(ctx.database, c.get('session')?.userId as number);
    if (!data) return apiError(c, 401, 'UNAUTHENTICATED', 'This account no longer exists.');
    c.header('Content-Disposition', 'attachment; filename="passerelle-my-data.json"');
    c.header('Cache-Control', 'no-store');
    return c.json(data, 200);
  });

  const remove = createRoute({
    method: 'delete',
    path: '/account',
    tags: ['account'],
    summary: 'Delete everything: revoke platform tokens where possible, delete all my rows, end the session',
    middleware: [requireSession()] as const,
    responses: { 204: { description: 'Deleted' }, 401: UNAUTHENTICATED, 403: CSRF_REJECTED },
  });
  app.openapi(remove, async (c) => {
    const userId = c.get('session')?.userId as number;
    await revokeSessionsOutsideTransaction(ctx.database, ctx.links, userId);
    await deleteAccount(ctx.database, userId, ctx.beforeUserDelete);
    await endSession(c, ctx);
    return c.body(null, 204);
  });
  return app;
}

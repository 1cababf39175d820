// /api/archive: the browser reads the X archive itself (zip.js) and sends only the owner and the
// two ID lists; the server validates them and stores them with the graph ingest.

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { applyUserChange } from '../../directory/fanout.ts';
import {
  type ArchiveGraph,
  ArchiveOwnerMismatchError,
  type IdBatches,
  importArchiveForUser,
} from '../../graph/ingest.ts';
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
import { requireSession } from '../middleware/session.ts';
import { rateLimit } from '../rate-limit.ts';
import { ArchiveSummarySchema, latestArchive } from '../user-summary.ts';

const XId = z.string().regex(/^\d{1,20}$/, 'an X account id is 1 to 20 digits');

function uploadSchema(maxIds: number) {
  return z
    .object({
      owner: z.object({
        accountId: XId,
        username: z.string().max(64),
        displayName: z.string().max(200),
      }),
      following: z.array(XId).max(maxIds),
      followers: z.array(XId).max(maxIds),
      layout: z.string().max(32).default('unknown'),
      source: z.enum(['zip', 'folder', 'files']),
      warnings: z
        .array(
          z.object({
            code: z.string().max(64),
            // A few short values (a file name, counts): bounded like every other input.
            params: z
              .record(z.string().max(32), z.union([z.string().max(1024), z.number()]))
              .refine((p) => Object.keys(p).length <= 8, 'at most 8 params')
              .openapi({ maxProperties: 8 }),
          }),
        )
        .max(50)
        .default([]),
    })
    .openapi('ArchiveUpload', {
      description: 'What the browser extracted from the archive: never media, tweets or messages.',
    });
}

const ImportResultSchema = z.object({ archive: ArchiveSummarySchema }).openapi('ArchiveImportResult');

/** Distinct ids in the shape ingest takes (it sorts each batch set itself). */
function idBatches(ids: string[]): IdBatches {
  const unique = [...new Set(ids)];
  return {
    size: unique.length,
    *batches(size: number) {
      for (let i = 0; i < unique.length; i += size) yield unique.slice(i, i + size);
    },
  };
}

export function archiveRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const limits = ctx.config.rateLimits;
  const upload = createRoute({
    method: 'post',
    path: '/archive',
    tags: ['archive'],
    summary: "Store the owner and follow lists read from the user's X archive (replaces the previous import)",
    middleware: [
      requireSession(),
      rateLimit(ctx, 'upload', { perIp: limits.uploadPerIp, perUser: limits.uploadPerUser }),
      bodyLimit({
        maxSize: ctx.config.maxUploadBytes,
        onError: (c) =>
          apiError(c, 413, 'UPLOAD_TOO_LARGE', `The upload exceeds ${ctx.config.maxUploadBytes} bytes.`, {
            maxBytes: ctx.config.maxUploadBytes,
          }),
      }),
    ] as const,
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: uploadSchema(ctx.config.maxIdsPerList) } },
      },
    },
    responses: {
      200: { description: 'Imported', content: { 'application/json': { schema: ImportResultSchema } } },
      400: INVALID_REQUEST,
      401: UNAUTHENTICATED,
      403: CSRF_REJECTED,
      409: errorResponse('ARCHIVE_OWNER_MISMATCH: this user is tied to another X account.'),
      413: errorResponse('UPLOAD_TOO_LARGE'),
      429: RATE_LIMITED,
    },
  });
  app.openapi(upload, async (c) => {
    const body = c.req.valid('json');
    const userId = c.get('session')?.userId as number;
    const graph: ArchiveGraph = {
      owner: body.owner,
      following: idBatches(body.following),
      followers: idBatches(body.followers),
      warnings: body.warnings,
      layout: body.layout,
      source: body.source,
    };
    try {
      await importArchiveForUser(ctx.database, userId, graph, {
        afterImport: async (tx) => {
          await applyUserChange(tx, userId, { archiveChanged: true });
        },
      });
    } catch (err) {
      if (err instanceof ArchiveOwnerMismatchError) {
        const [user] = await ctx.database.query<{ x_account_id: string }>(
          'SELECT x_account_id FROM users WHERE id = $1',
          [userId],
        );
        return apiError(c, 409, err.code, err.message, {
          archiveAccountId: body.owner.accountId,
          userAccountId: user?.x_account_id ?? '',
        });
      }
      throw err;
    }
    const archive = await latestArchive(ctx.database, userId);
    if (!archive) throw new Error('import stored no archive row');
    return c.json({ archive }, 200);
  });

  const current = createRoute({
    method: 'get',
    path: '/archive',
    tags: ['archive'],
    summary: 'The last archive imported by this user',
    middleware: [requireSession()] as const,
    responses: {
      200: {
        description: 'Last import, or null',
        content: { 'application/json': { schema: z.object({ archive: ArchiveSummarySchema.nullable() }) } },
      },
      401: UNAUTHENTICATED,
    },
  });
  app.openapi(current, async (c) => {
    const userId = c.get('session')?.userId as number;
    return c.json({ archive: await latestArchive(ctx.database, userId) }, 200);
  });
  return app;
}

// /api/archive: the browser reads the X archive itself (zip.js) and sends only the owner and the
// ID lists (follows, and the blocks and mutes: ids only); a worker thread validates and sorts them
// (src/web/upload), the graph ingest stores them in bounded chunks.

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { onUserChanged } from '../../directory/fanout.ts';
import { latestImportJob } from '../../graph/import-jobs.ts';
import {
  type ArchiveGraph,
  ArchiveOwnerMismatchError,
  type ImportSummary,
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
import { parseUpload, sortedBatches } from '../upload/parse.ts';
import { readBody } from '../upload/read-body.ts';
import { uploadSchema } from '../upload/schema.ts';
import { type ArchiveSummary, ArchiveSummarySchema, latestArchive } from '../user-summary.ts';

const ImportResultSchema = z.object({ archive: ArchiveSummarySchema }).openapi('ArchiveImportResult');

const ImportJobSchema = z
  .object({
    id: z.number().int(),
    state: z.enum(['staging', 'stored', 'replaced', 'failed']),
    done: z.number().int().openapi({ description: 'Follow edges written so far' }),
    total: z.number().int(),
    error: z.string().nullable(),
    startedAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ArchiveImportJob', {
    description: 'The progress of the last upload: its lists are written while the page follows this.',
  });

/** The archive as the swap stored it: no query after the commit, so nothing can contradict it. */
export function storedArchive(summary: ImportSummary, username: string): ArchiveSummary {
  return {
    xAccountId: summary.xAccountId,
    username,
    following: summary.following,
    followers: summary.followers,
    importedAt: summary.importedAt,
  };
}

/**
 * The directory learns of the new lists after the swap, in its own transaction, so the swap stays
 * short. A failure here leaves the archive stored (and reported as such); the follows it would
 * have planned wait for the user's next change (a link, a consent).
 */
export async function fanOutAfterImport(ctx: RouteContext, userId: number): Promise<void> {
  try {
    await onUserChanged(ctx.database, userId, { archiveChanged: true });
  } catch (err) {
    process.emitWarning(`fan-out after the archive import of user ${userId} failed: ${err}`);
  }
}

/** 409 for an archive of another X account: both ids, so the page can say which is which. */
export async function ownerMismatch(
  c: Context,
  ctx: RouteContext,
  err: ArchiveOwnerMismatchError,
  userId: number,
  archiveAccountId: string,
) {
  const [user] = await ctx.database.query<{ x_account_id: string }>(
    'SELECT x_account_id FROM users WHERE id = $1',
    [userId],
  );
  return apiError(c, 409, err.code, err.message, {
    archiveAccountId,
    userAccountId: user?.x_account_id ?? '',
  });
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
  // Described with its schema, but validated in the upload worker, not on the event loop.
  app.openAPIRegistry.registerPath(upload);
  app.post(upload.path, ...upload.middleware, async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json'))
      return apiError(c, 400, 'INVALID_REQUEST', 'Invalid request: send the archive as application/json.');
    const received = await readBody(c.req.raw, ctx.config.maxUploadBytes);
    const parsed = await parseUpload(received, ctx.config.maxIdsPerList);
    if (!parsed.ok) return apiError(c, 400, 'INVALID_REQUEST', parsed.message);
    const body = parsed.upload;
    const userId = c.get('session')?.userId as number;
    const graph: ArchiveGraph = {
      owner: body.owner,
      following: sortedBatches(body.following),
      followers: sortedBatches(body.followers),
      blocking: sortedBatches(body.blocking),
      muting: sortedBatches(body.muting),
      warnings: body.warnings,
      layout: body.layout,
      source: body.source,
    };
    let summary: ImportSummary;
    try {
      summary = await importArchiveForUser(ctx.database, userId, graph);
    } catch (err) {
      if (err instanceof ArchiveOwnerMismatchError)
        return ownerMismatch(c, ctx, err, userId, body.owner.accountId);
      throw err;
    }
    // Committed: from here on the answer reports the stored archive, whatever fails next.
    await fanOutAfterImport(ctx, userId);
    return c.json({ archive: storedArchive(summary, body.owner.username) }, 200);
  });

  const job = createRoute({
    method: 'get',
    path: '/archive/import',
    tags: ['archive'],
    summary: "The progress of this user's last archive upload",
    middleware: [requireSession()] as const,
    responses: {
      200: {
        description: 'Last upload, or null',
        content: { 'application/json': { schema: z.object({ job: ImportJobSchema.nullable() }) } },
      },
      401: UNAUTHENTICATED,
    },
  });
  app.openapi(job, async (c) => {
    const userId = c.get('session')?.userId as number;
    return c.json({ job: await latestImportJob(ctx.database, userId) }, 200);
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

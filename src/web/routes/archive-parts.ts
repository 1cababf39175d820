// /api/archive/uploads: an archive too large for one body is sent in parts. The start declares
// the owner and each list's size (an id back), each part carries one list's ids by number, the
// finish checks that every declared part arrived and shows the archive at once, as the single
// upload does (src/graph/staged-upload.ts). Until then readers see the previous archive; an
// upload left without a part for 15 minutes expires and its rows are deleted (housekeeping), one
// cancelled (DELETE) at once.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clearHiddenEdgeSets } from '../../graph/edge-sets.ts';
import { failImportJob } from '../../graph/import-jobs.ts';
import { ArchiveOwnerMismatchError, assertArchiveOwner, MAX_IDS_PER_LIST } from '../../graph/ingest.ts';
import {
  CANCELLED,
  cancelUpload,
  expectedPartIds,
  findUpload,
  finishUpload,
  missingParts,
  partCount,
  receivePart,
  type StagedUpload,
  startUpload,
  UPLOAD_LISTS,
  type UploadList,
} from '../../graph/staged-upload.ts';
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
import { parsePart, partSchema } from '../upload/part-parse.ts';
import { uploadSchema } from '../upload/schema.ts';
import { ArchiveSummarySchema, latestArchive } from '../user-summary.ts';
import { fanOutAfterImport, ownerMismatch, storedArchive } from './archive.ts';

/** The one route of this module whose body passes the API's 16 KiB (it has its own limit). */
export const PART_PATH =
  /^\/api\/archive\/uploads\/\d{1,18}\/(following|followers|blocking|muting)\/\d{1,9}$/;

const Count = z.number().int().min(0);

function startSchema(maxPartIds: number) {
  return uploadSchema(0)
    .omit({ following: true, followers: true, blocking: true, muting: true })
    .extend({
      counts: z.object({ following: Count, followers: Count, blocking: Count, muting: Count }),
      partSize: z.number().int().min(1).max(maxPartIds).optional().openapi({
        description: 'Ids a part holds (the last part of a list the rest); the server maximum when absent',
      }),
    })
    .openapi('ArchiveUploadStart', {
      description: 'What the browser read of the archive, its lists counted: they follow in parts.',
    });
}

const UploadSchema = z
  .object({
    id: z.number().int(),
    partSize: z.number().int(),
    parts: z.object({ following: Count, followers: Count, blocking: Count, muting: Count }),
  })
  .openapi('ArchiveUploadStarted');

const IdParam = z.string().regex(/^\d{1,18}$/);
const ListParam = z.enum(UPLOAD_LISTS);
const PartParam = z.string().regex(/^\d{1,9}$/);

/** The answer to a part or finish of an upload that can no longer take one. */
function ended(c: Context, upload: StagedUpload) {
  if (upload.error === 'superseded')
    return apiError(c, 409, 'UPLOAD_SUPERSEDED', 'A later upload of this account replaced this one.');
  if (upload.error === CANCELLED)
    return apiError(c, 410, 'UPLOAD_CANCELLED', 'This upload was cancelled; start it again.');
  if (upload.state === 'failed')
    return apiError(c, 410, 'UPLOAD_EXPIRED', 'This upload expired or failed; start it again.');
  return finished(c);
}

const finished = (c: Context) => apiError(c, 409, 'UPLOAD_FINISHED', 'This upload is already finished.');

const notFound = (c: Context) =>
  apiError(c, 404, 'UPLOAD_NOT_FOUND', 'No such upload was started by this session.');

async function sessionUpload(c: Context<AppEnv>, ctx: RouteContext, id: string) {
  const session = c.get('session');
  if (!session) return null;
  return findUpload(ctx.database, Number(id), session.userId, session.id);
}

export function archivePartRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const { rateLimits: limits, uploadParts } = ctx.config;
  const startLimit = rateLimit(ctx, 'upload', { perIp: limits.uploadPerIp, perUser: limits.uploadPerUser });
  const partLimit = rateLimit(ctx, 'upload-part', {
    perIp: limits.uploadPartPerIp,
    perUser: limits.uploadPartPerUser,
  });

  const limitsRoute = createRoute({
    method: 'get',
    path: '/archive/uploads/limits',
    tags: ['archive'],
    summary: 'How large a part of an archive sent in parts may be',
    middleware: [requireSession()] as const,
    responses: {
      200: {
        description: 'The bounds',
        content: {
          'application/json': {
            schema: z.object({
              partIds: z.number().int(),
              maxPartBytes: z.number().int(),
              maxIdsPerList: z.number().int(),
            }),
          },
        },
      },
      401: UNAUTHENTICATED,
    },
  });
  app.openapi(limitsRoute, (c) =>
    c.json(
      { partIds: uploadParts.maxIds, maxPartBytes: uploadParts.maxBytes, maxIdsPerList: MAX_IDS_PER_LIST },
      200,
    ),
  );

  const start = createRoute({
    method: 'post',
    path: '/archive/uploads',
    tags: ['archive'],
    summary: 'Start sending an archive in parts (a later start by the same user replaces this one)',
    middleware: [requireSession(), startLimit] as const,
    request: {
      body: { required: true, content: { 'application/json': { schema: startSchema(uploadParts.maxIds) } } },
    },
    responses: {
      201: {
        description: 'Started',
        content: { 'application/json': { schema: z.object({ upload: UploadSchema }) } },
      },
      400: INVALID_REQUEST,
      401: UNAUTHENTICATED,
      403: CSRF_REJECTED,
      409: errorResponse('ARCHIVE_OWNER_MISMATCH: this user is tied to another X account.'),
      413: errorResponse(`ARCHIVE_TOO_LARGE: a list declares more than ${MAX_IDS_PER_LIST} ids.`),
      429: RATE_LIMITED,
    },
  });
  app.openapi(start, async (c) => {
    const body = c.req.valid('json');
    const session = c.get('session') as { id: number; userId: number };
    for (const list of UPLOAD_LISTS)
      if (body.counts[list] > MAX_IDS_PER_LIST)
        return apiError(c, 413, 'ARCHIVE_TOO_LARGE', `The ${list} list is over ${MAX_IDS_PER_LIST} ids.`, {
          list,
          count: body.counts[list],
          limit: MAX_IDS_PER_LIST,
        });
    try {
      await assertArchiveOwner(ctx.database, session.userId, body.owner.accountId);
    } catch (err) {
      if (err instanceof ArchiveOwnerMismatchError)
        return ownerMismatch(c, ctx, err, session.userId, body.owner.accountId);
      throw err;
    }
    const partSize = body.partSize ?? uploadParts.maxIds;
    const id = await startUpload(ctx.database, {
      ...body,
      partSize,
      userId: session.userId,
      sessionId: session.id,
    });
    const parts = Object.fromEntries(UPLOAD_LISTS.map((l) => [l, partCount(body.counts[l], partSize)]));
    return c.json({ upload: { id, partSize, parts: parts as Record<UploadList, number> } }, 201);
  });

  const part = createRoute({
    method: 'put',
    path: '/archive/uploads/{id}/{list}/{part}',
    tags: ['archive'],
    summary: 'Send part `part` (from 0) of one list; sending a part again with the same ids changes nothing',
    middleware: [
      requireSession(),
      partLimit,
      bodyLimit({
        maxSize: uploadParts.maxBytes,
        onError: (c) =>
          apiError(c, 413, 'PART_TOO_LARGE', `A part may not exceed ${uploadParts.maxBytes} bytes.`, {
            maxBytes: uploadParts.maxBytes,
          }),
      }),
    ] as const,
    request: {
      params: z.object({ id: IdParam, list: ListParam, part: PartParam }),
      body: {
        required: true,
        content: {
          'application/json': { schema: partSchema(uploadParts.maxIds) },
        },
      },
    },
    responses: {
      200: {
        description: 'Stored',
        content: {
          'application/json': {
            schema: z.object({
              part: z.object({ list: ListParam, part: z.number().int(), ids: z.number().int() }),
            }),
          },
        },
      },
      400: INVALID_REQUEST,
      401: UNAUTHENTICATED,
      403: CSRF_REJECTED,
      404: errorResponse('UPLOAD_NOT_FOUND'),
      409: errorResponse('PART_CONFLICT (other ids than this part had), UPLOAD_SUPERSEDED, UPLOAD_FINISHED'),
      410: errorResponse('UPLOAD_EXPIRED, UPLOAD_CANCELLED'),
      413: errorResponse('PART_TOO_LARGE'),
      429: RATE_LIMITED,
    },
  });
  // Described with its schema, but its ids are checked in a worker, not on the event loop.
  app.openAPIRegistry.registerPath(part);
  app.put(part.path.replace(/\{(\w+)\}/g, ':$1'), ...part.middleware, async (c) => {
    const params = z.object({ id: IdParam, list: ListParam, part: PartParam }).safeParse(c.req.param());
    if (!params.success)
      return apiError(c, 400, 'INVALID_REQUEST', 'Invalid request: bad upload, list or part.');
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json'))
      return apiError(c, 400, 'INVALID_REQUEST', 'Invalid request: send the part as application/json.');
    const { list } = params.data;
    const number = Number(params.data.part);
    const upload = await sessionUpload(c, ctx, params.data.id);
    if (!upload) return notFound(c);
    if (upload.state !== 'staging') return ended(c, upload);
    const expected = expectedPartIds(upload, list, number);
    if (expected === 0)
      return apiError(c, 400, 'PART_OUT_OF_RANGE', `The ${list} list has no part ${number}.`, {
        list,
        part: number,
        parts: partCount(upload.counts[list], upload.partSize),
      });
    const parsed = await parsePart(await c.req.arrayBuffer(), uploadParts.maxIds);
    if (!parsed.ok) return apiError(c, 400, 'INVALID_REQUEST', parsed.message);
    if (parsed.count !== expected)
      return apiError(c, 400, 'PART_SIZE_MISMATCH', `Part ${number} of ${list} holds ${expected} ids.`, {
        expected,
        received: parsed.count,
      });
    const outcome = await receivePart(ctx.database, upload, list, number, parsed);
    if (outcome === 'conflict')
      return apiError(c, 409, 'PART_CONFLICT', `Part ${number} of ${list} was received with other ids.`, {
        list,
        part: number,
      });
    if (outcome === 'ended') return ended(c, (await sessionUpload(c, ctx, params.data.id)) ?? upload);
    return c.json({ part: { list, part: number, ids: parsed.count } }, 200);
  });

  const finish = createRoute({
    method: 'post',
    path: '/archive/uploads/{id}/finish',
    tags: ['archive'],
    summary: 'Check that every declared part arrived and show the archive (replaces the previous import)',
    middleware: [requireSession(), partLimit] as const,
    request: { params: z.object({ id: IdParam }) },
    responses: {
      200: {
        description: 'Imported',
        content: { 'application/json': { schema: z.object({ archive: ArchiveSummarySchema }) } },
      },
      400: INVALID_REQUEST,
      401: UNAUTHENTICATED,
      403: CSRF_REJECTED,
      404: errorResponse('UPLOAD_NOT_FOUND'),
      409: errorResponse('UPLOAD_INCOMPLETE, ARCHIVE_OWNER_MISMATCH, UPLOAD_SUPERSEDED, UPLOAD_FINISHED'),
      410: errorResponse('UPLOAD_EXPIRED, UPLOAD_CANCELLED'),
      429: RATE_LIMITED,
    },
  });
  app.openapi(finish, async (c) => {
    const { id } = c.req.valid('param');
    const upload = await sessionUpload(c, ctx, id);
    if (!upload) return notFound(c);
    // A finish sent again after its answer was lost: the archive it stored.
    const stored = upload.state === 'stored' ? await latestArchive(ctx.database, upload.userId) : null;
    if (stored) return c.json({ archive: stored }, 200);
    if (upload.state !== 'staging') return ended(c, upload);
    const [incomplete] = await missingParts(ctx.database, upload);
    if (incomplete)
      return apiError(
        c,
        409,
        'UPLOAD_INCOMPLETE',
        `${incomplete.missing} part(s) of ${incomplete.list} are missing.`,
        {
          list: incomplete.list,
          missing: incomplete.missing,
        },
      );
    try {
      const summary = await finishUpload(ctx.database, upload);
      await fanOutAfterImport(ctx, upload.userId);
      return c.json({ archive: storedArchive(summary, upload.owner.username) }, 200);
    } catch (err) {
      const now = await sessionUpload(c, ctx, id);
      if (now && now.state !== 'staging') return ended(c, now);
      await failImportJob(ctx.database, upload.jobId, err instanceof Error ? err.message : String(err));
      if (err instanceof ArchiveOwnerMismatchError)
        return ownerMismatch(c, ctx, err, upload.userId, upload.owner.accountId);
      throw err;
    } finally {
      clearHiddenEdgeSets(ctx.database, upload.userId).catch((err) =>
        process.emitWarning(`clearing replaced follow lists of user ${upload.userId} failed: ${err}`),
      );
    }
  });

  const cancel = createRoute({
    method: 'delete',
    path: '/archive/uploads/{id}',
    tags: ['archive'],
    summary: 'Cancel an upload still being sent: its parts are refused from now on, its rows deleted',
    description:
      'Idempotent: cancelling again, or an upload that ended without being stored (superseded, ' +
      'expired), answers 204 too. Its parts and finish answer 410 UPLOAD_CANCELLED afterwards. ' +
      'An upload stored already is not undone (409). Only the session that started the upload ' +
      '(or its renewal at sign-in) may cancel it; any other caller gets 404, as for an unknown id.',
    middleware: [requireSession(), partLimit] as const,
    request: { params: z.object({ id: IdParam }) },
    responses: {
      204: { description: 'Cancelled (or had ended without being stored)' },
      401: UNAUTHENTICATED,
      403: CSRF_REJECTED,
      404: errorResponse('UPLOAD_NOT_FOUND'),
      409: errorResponse('UPLOAD_FINISHED: the upload was stored'),
      429: RATE_LIMITED,
    },
  });
  app.openapi(cancel, async (c) => {
    const { id } = c.req.valid('param');
    const upload = await sessionUpload(c, ctx, id);
    if (!upload) return notFound(c);
    if (upload.state === 'staging' && (await cancelUpload(ctx.database, upload))) return c.body(null, 204);
    // Not staging (any more): a finish may have stored it meanwhile.
    const now = upload.state === 'staging' ? await sessionUpload(c, ctx, id) : upload;
    if (!now) return notFound(c);
    if (now.state === 'stored' || now.state === 'replaced') return finished(c);
    return c.body(null, 204);
  });
  return app;
}

// What the browser sends of an archive (never media, tweets or messages), and how a refusal of
// it reads: one module for the route's OpenAPI description and the worker that checks uploads.
import { z } from '@hono/zod-openapi';

/** The id lists of an upload: both follow lists, and the blocks and mutes. */
export const LISTS = ['following', 'followers', 'blocking', 'muting'] as const;

export const XId = z.string().regex(/^\d{1,20}$/, 'an X account id is 1 to 20 digits');

export function uploadSchema(maxIds: number) {
  return z
    .object({
      owner: z.object({
        accountId: XId,
        username: z.string().max(64),
        displayName: z.string().max(200),
      }),
      following: z.array(XId).max(maxIds),
      followers: z.array(XId).max(maxIds),
      blocking: z.array(XId).max(maxIds).default([]).openapi({ description: 'Accounts blocked on X' }),
      muting: z.array(XId).max(maxIds).default([]).openapi({ description: 'Accounts muted on X' }),
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

export type Upload = z.infer<ReturnType<typeof uploadSchema>>;

/** The first issues of a refused request, each as `path: message` (every route says it so). */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
  return `Invalid request: ${shown.join('; ')}`;
}

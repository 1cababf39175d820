// What the SPA shows about the signed-in user: X claim and proof, the last archive, linked accounts.
import { z } from '@hono/zod-openapi';
import type { Database } from '../db/index.ts';

export const ArchiveSummarySchema = z
  .object({
    xAccountId: z.string(),
    username: z.string().nullable(),
    following: z.number().int(),
    followers: z.number().int(),
    importedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ArchiveSummary');

export const LinkedAccountSchema = z
  .object({
    platform: z.enum(['bluesky', 'mastodon']),
    handle: z.string(),
    status: z.string().openapi({ example: 'active' }),
  })
  .openapi('LinkedAccount');

export const UserSummarySchema = z
  .object({
    id: z.number().int(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    xAccountId: z
      .string()
      .nullable()
      .openapi({ description: 'Claimed by an archive or proved by Sign in with X' }),
    xProven: z.boolean(),
    archive: ArchiveSummarySchema.nullable(),
    linked: z.array(LinkedAccountSchema),
  })
  .openapi('UserSummary');

export type UserSummary = z.infer<typeof UserSummarySchema>;
export type ArchiveSummary = z.infer<typeof ArchiveSummarySchema>;

function iso(value: unknown): string {
  return new Date(value as string).toISOString();
}

export async function latestArchive(database: Database, userId: number): Promise<ArchiveSummary | null> {
  const [row] = await database.query<{
    x_account_id: string;
    username: string | null;
    following_count: number;
    follower_count: number;
    imported_at: Date;
  }>(
    `SELECT i.x_account_id, a.username, i.following_count, i.follower_count, i.imported_at
     FROM archive_imports i LEFT JOIN x_accounts a ON a.id = i.x_account_id
     WHERE i.user_id = $1 ORDER BY i.imported_at DESC, i.id DESC LIMIT 1`,
    [userId],
  );
  if (!row) return null;
  return {
    xAccountId: row.x_account_id,
    username: row.username,
    following: row.following_count,
    followers: row.follower_count,
    importedAt: iso(row.imported_at),
  };
}

export async function userSummary(database: Database, userId: number): Promise<UserSummary | null> {
  const [user] = await database.query<{
    id: string | number;
    created_at: Date;
    x_account_id: string | null;
    x_proven_at: Date | null;
  }>('SELECT id, created_at, x_account_id, x_proven_at FROM users WHERE id = $1', [userId]);
  if (!user) return null;
  const linked = await database.query<{ platform: 'bluesky' | 'mastodon'; handle: string; status: string }>(
    `SELECT platform, handle, status FROM linked_accounts
     WHERE user_id = $1 AND status <> 'unlinked' ORDER BY platform`,
    [userId],
  );
  return {
    id: Number(user.id),
    createdAt: iso(user.created_at),
    xAccountId: user.x_account_id,
    xProven: user.x_proven_at !== null,
    archive: await latestArchive(database, userId),
    linked,
  };
}

// One schema for PGlite and PostgreSQL. Every per-user table leads with user_id so the
// schema can be distributed by user later (Citus-style) without a rewrite.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // The X account this user claims (from an archive) or proved (sign-in with X). Text: X ids
    // go beyond 2^53. A claim alone never redirects anyone's follows (proof is xProvenAt).
    xAccountId: text('x_account_id'),
    xProvenAt: timestamp('x_proven_at', { withTimezone: true }),
  },
  (t) => [index('users_x_account_id_idx').on(t.xAccountId)],
);

export const xAccounts = pgTable('x_accounts', {
  id: text('id').primaryKey(),
  username: text('username'),
  displayName: text('display_name'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const archiveImports = pgTable(
  'archive_imports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    xAccountId: text('x_account_id').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    followingCount: integer('following_count').notNull(),
    followerCount: integer('follower_count').notNull(),
    // How the archive arrived (zip, folder, files) and which list layout it used.
    sourceKind: text('source_kind').notNull(),
    layout: text('layout').notNull(),
    warnings: jsonb('warnings').notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index('archive_imports_user_idx').on(t.userId, t.importedAt)],
);

/** Edge direction: 1 = the user followed xId on X, 2 = xId followed the user on X. */
export const EDGE_FOLLOWING = 1;
export const EDGE_FOLLOWER = 2;

export const xEdges = pgTable(
  'x_edges',
  {
    // No foreign key: a per-row FK check would halve bulk-ingest speed; deleting a user deletes
    // their edges explicitly (src/graph).
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    direction: smallint('direction').notNull(),
    xId: text('x_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.direction, t.xId] }),
    // The directory joins from the target side: "who followed / was followed by this X id".
    index('x_edges_target_idx').on(t.xId, t.direction, t.userId),
  ],
);

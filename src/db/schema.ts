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
  uniqueIndex,
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

/**
 * A user's account on a network (Bluesky, Mastodon). `accountId` is the stable id there: the DID
 * on Bluesky, `<instance host>:<account id>` on Mastodon; `handle` the current address to show
 * (`alice.bsky.social`, `alice@mastodon.social`). Credentials live encrypted in `credentials`.
 */
export const linkedAccounts = pgTable(
  'linked_accounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    accountId: text('account_id').notNull(),
    handle: text('handle').notNull(),
    instance: text('instance'),
    // active | needs_reauth | unlinked
    status: text('status').notNull().default('active'),
    // Encrypted by the token vault (key id prefix + AES-256-GCM); never clear text.
    credentials: text('credentials'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('linked_accounts_user_platform_idx').on(t.userId, t.platform),
    index('linked_accounts_account_idx').on(t.platform, t.accountId),
  ],
);

/**
 * One follow to make on a user's behalf: at most one row per (user, platform, target), so a
 * follow is planned once and, once done or removed by the user, never planned again.
 * `target` is the stable id on the platform (DID; `acct@host` on Mastodon, resolved on the
 * user's own instance at follow time).
 */
export const followTasks = pgTable(
  'follow_tasks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    target: text('target').notNull(),
    // The X account this follow rebuilds, when it comes from the directory.
    targetXId: text('target_x_id'),
    // pending | in_flight | done | already_following | requested | unavailable | dismissed | failed | held
    state: text('state').notNull().default('pending'),
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follow_tasks_user_platform_target_idx').on(t.userId, t.platform, t.target),
    index('follow_tasks_due_idx').on(t.platform, t.state, t.notBefore),
    // Open tasks only (src/reconnect claims walk this instead of every task a user ever had).
    index('follow_tasks_open_idx')
      .on(t.userId, t.platform, t.id)
      .where(sql`state IN ('pending', 'in_flight')`),
  ],
);

// ─── Reconnect engine, platform links and token vault (src/reconnect, src/platforms, src/vault) ───

/**
 * Scheduling state of a linked account, one row per linked account: which worker holds it (a
 * lease that expires, so a dead worker's account is picked up again), until when it is parked
 * (a 429's reset time, backoff after errors, a spent budget), the last rate-limit state its
 * platform reported, and when it was last served (round-robin fairness across users).
 */
export const followSchedules = pgTable(
  'follow_schedules',
  {
    linkedAccountId: bigint('linked_account_id', { mode: 'number' })
      .primaryKey()
      .references(() => linkedAccounts.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    platform: text('platform').notNull(),
    parkedUntil: timestamp('parked_until', { withTimezone: true }),
    parkReason: text('park_reason'),
    failureStreak: integer('failure_streak').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    // The worker that served the account last: another worker re-reads the follow list.
    lastServedBy: text('last_served_by'),
    servedAt: timestamp('served_at', { withTimezone: true }),
    rateLimit: jsonb('rate_limit'),
    // Per-account budget override (same shape as platform_budgets.rules); null = platform's.
    budget: jsonb('budget'),
  },
  // Round-robin order: never served first, then least recently served.
  (t) => [index('follow_schedules_served_idx').on(t.servedAt.asc().nullsFirst(), t.linkedAccountId)],
);

/** What each batch spent, per linked account: budgets are sums over trailing windows. */
export const followBudgetUsage = pgTable(
  'follow_budget_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    linkedAccountId: bigint('linked_account_id', { mode: 'number' })
      .notNull()
      .references(() => linkedAccounts.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    follows: integer('follows').notNull(),
    requests: integer('requests').notNull(),
    points: integer('points').notNull(),
  },
  (t) => [index('follow_budget_usage_account_at_idx').on(t.linkedAccountId, t.at)],
);

/** Budget rules per platform, as data (src/reconnect/budget.ts has the defaults and shape). */
export const platformBudgets = pgTable('platform_budgets', {
  platform: text('platform').primaryKey(),
  rules: jsonb('rules').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One OAuth app per Mastodon instance, registered once (POST /api/v1/apps). */
export const mastodonApps = pgTable('mastodon_apps', {
  instance: text('instance').primaryKey(),
  clientId: text('client_id').notNull(),
  // Encrypted by the token vault.
  clientSecret: text('client_secret').notNull(),
  scopes: text('scopes').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Short-lived OAuth state (PKCE verifier, Bluesky OAuth state) and long-lived OAuth sessions,
 * keyed by namespace + key; values encrypted by the token vault.
 */
export const oauthStore = pgTable(
  'oauth_store',
  {
    namespace: text('namespace').notNull(),
    key: text('key').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.key] })],
);

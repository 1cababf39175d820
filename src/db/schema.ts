// One schema for PGlite and PostgreSQL. Every per-user table leads with user_id so the
// schema can be distributed by user later (Citus-style) without a rewrite.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
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
  // One X id is one user (migration 0002 folded earlier duplicates into the proven or oldest one).
  (t) => [uniqueIndex('users_x_account_id_unique').on(t.xAccountId)],
);

export const xAccounts = pgTable(
  'x_accounts',
  {
    id: text('id').primaryKey(),
    username: text('username'),
    displayName: text('display_name'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The public page /@username finds its person by username, whatever its case.
  (t) => [index('x_accounts_username_lower_idx').on(sql`lower(${t.username})`)],
);

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

/**
 * Edge direction: 1 = the user followed xId on X, 2 = xId followed the user on X, 3 = the user
 * blocked xId on X, 4 = the user muted xId on X (src/directory/protection.ts).
 */
export const EDGE_FOLLOWING = 1;
export const EDGE_FOLLOWER = 2;
export const EDGE_BLOCKING = 3;
export const EDGE_MUTING = 4;

/**
 * Follow edges, one set per import (`edgeSet` = the import job's id; 0 for rows written
 * otherwise). Readers use the view `x_edges` (xEdges below): the rows whose set is not hidden.
 */
export const xEdgeRows = pgTable(
  'x_edge_rows',
  {
    // No foreign key: a per-row FK check would halve bulk-ingest speed; deleting a user deletes
    // their edges explicitly (src/graph).
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    edgeSet: bigint('edge_set', { mode: 'number' }).notNull().default(0),
    direction: smallint('direction').notNull(),
    xId: text('x_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'x_edge_rows_pk', columns: [t.userId, t.edgeSet, t.direction, t.xId] }),
    // The directory joins from the target side: "who followed / was followed by this X id".
    index('x_edge_rows_target_idx').on(t.xId, t.direction, t.userId, t.edgeSet),
  ],
);

/** Edge sets nobody sees: an import still being staged, or a replaced one being deleted. */
export const xEdgeHidden = pgTable(
  'x_edge_hidden',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    edgeSet: bigint('edge_set', { mode: 'number' }).notNull(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'x_edge_hidden_pk', columns: [t.userId, t.edgeSet] })],
);

/** The visible follow edges (a view, see migration 0005): what every reader queries. */
export const xEdges = pgView('x_edges', {
  userId: bigint('user_id', { mode: 'number' }).notNull(),
  direction: smallint('direction').notNull(),
  xId: text('x_id').notNull(),
}).existing();

/** An archive upload being stored: its edge set is staged in chunks, then shown at once. */
export const archiveImportJobs = pgTable(
  'archive_import_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // staging | stored | replaced | failed
    state: text('state').notNull().default('staging'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('archive_import_jobs_user_idx').on(t.userId, t.id)],
);

/** An archive sent in parts (migration 0015): what its start declared; its job names the edge set. */
export const archiveUploads = pgTable(
  'archive_uploads',
  {
    jobId: bigint('job_id', { mode: 'number' })
      .primaryKey()
      .references(() => archiveImportJobs.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    sessionId: bigint('session_id', { mode: 'number' }).notNull(),
    owner: jsonb('owner').notNull(),
    layout: text('layout').notNull(),
    source: text('source').notNull(),
    warnings: jsonb('warnings').notNull(),
    partSize: integer('part_size').notNull(),
    following: integer('following').notNull(),
    followers: integer('followers').notNull(),
    blocking: integer('blocking').notNull(),
    muting: integer('muting').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('archive_uploads_user_idx').on(t.userId, t.jobId)],
);

/** The parts of an upload received so far: a retry must carry the same ids (digest). */
export const archiveUploadParts = pgTable(
  'archive_upload_parts',
  {
    jobId: bigint('job_id', { mode: 'number' })
      .notNull()
      .references(() => archiveUploads.jobId, { onDelete: 'cascade' }),
    direction: smallint('direction').notNull(),
    part: integer('part').notNull(),
    ids: integer('ids').notNull(),
    digest: text('digest').notNull(),
    stored: boolean('stored').notNull().default(false),
    inserted: integer('inserted').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'archive_upload_parts_pk', columns: [t.jobId, t.direction, t.part] })],
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
    // Every account of one host: the host's shared request budget sums their spend.
    index('linked_accounts_platform_instance_idx').on(t.platform, t.instance),
    // One network account, one user: at most one live link of it.
    uniqueIndex('linked_accounts_platform_account_live_idx')
      .on(t.platform, t.accountId)
      .where(sql`${t.status} <> 'unlinked'`),
  ],
);

/**
 * One follow to make on a user's behalf: at most one row per (user, platform, target, kind), so
 * a follow is planned once and, once done or removed by the user, never planned again. An X block
 * or mute carried over is a task of kind block or mute, under the same rule.
 * `target` is the stable id on the platform (DID; `acct@host` on Mastodon, resolved on the
 * user's own instance at follow time).
 */
export const followTasks = pgTable(
  'follow_tasks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key: a fan-out inserts up to a million rows at once and a per-row FK check
    // was 40% of it; deleting a user deletes their tasks explicitly (as for x_edges).
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    platform: text('platform').notNull(),
    target: text('target').notNull(),
    // The X account this follow rebuilds, when it comes from the directory.
    targetXId: text('target_x_id'),
    // follow | block | mute
    kind: text('kind').notNull().default('follow'),
    // pending | in_flight | done | already_following | requested | unavailable | dismissed | failed | held
    state: text('state').notNull().default('pending'),
    // Why a held task waits: activation (released at the switch-on for everyone who asked) |
    // auto_off (automatic mode turned off: waits until it is on again). NULL unless held.
    heldFor: text('held_for'),
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follow_tasks_user_platform_target_idx').on(t.userId, t.platform, t.target, t.kind),
    index('follow_tasks_due_idx').on(t.platform, t.state, t.notBefore),
    // Everyone planning to follow a target: consent withdrawal and unlinking delete by target.
    index('follow_tasks_target_idx').on(t.platform, t.target),
    // Open tasks only (src/reconnect claims walk this instead of every task a user ever had).
    index('follow_tasks_open_idx')
      .on(t.userId, t.platform, t.id)
      .where(sql`state IN ('pending', 'in_flight')`),
    // Open tasks by due time (none = the epoch): the claim's and the wake-up time's probes per account.
    index('follow_tasks_open_due_idx')
      .on(t.userId, t.platform, sql`(coalesce(${t.notBefore}, 'epoch'::timestamptz))`)
      .where(sql`state IN ('pending', 'in_flight', 'requested')`),
    check(
      'follow_tasks_held_for_check',
      sql`(${t.state} = 'held') = (${t.heldFor} IS NOT NULL) AND (${t.heldFor} IS NULL OR ${t.heldFor} IN ('activation', 'auto_off'))`,
    ),
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
    // When the earliest open task is due, never later than the truth (null: nothing open), and
    // how many statements opened tasks for the account: src/reconnect/due-sql.ts.
    dueAt: timestamp('due_at', { withTimezone: true }).default(sql`'epoch'`),
    wakes: bigint('wakes', { mode: 'number' }).notNull().default(0),
  },
  // Round-robin order among accounts with open work: never served first, then least recently served.
  (t) => [
    index('follow_schedules_working_idx')
      .on(t.servedAt.asc().nullsFirst(), t.linkedAccountId)
      .where(sql`${t.dueAt} IS NOT NULL`),
  ],
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

/**
 * What a host's rate-limit headers said last, and whether its counter is shared by every
 * account of the host (unknown counts as shared): the per-host budget of src/reconnect/budget.ts.
 */
export const hostRateLimits = pgTable(
  'host_rate_limits',
  {
    platform: text('platform').notNull(),
    host: text('host').notNull(),
    shared: boolean('shared'),
    rateLimit: jsonb('rate_limit'),
    observedBy: bigint('observed_by', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.host] })],
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

// ───────────────────────────────────────────────────────────────────────────────────────────
// Directory, consent, activation day, notifications (src/directory, src/identity)
// ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * Who an X account is on each network: one row per (X id, platform). Rows come from sign-ups
 * (a user who proved their X id and linked the network) or from an operator import. `usable`
 * is kept up to date by src/directory: trusted (proven, or a trusted import) AND the owner lets
 * the people who followed them on X find them. Matching and fan-out only ever read usable rows.
 */
export const directoryEntries = pgTable(
  'directory_entries',
  {
    xId: text('x_id').notNull(),
    platform: text('platform').notNull(),
    // What a follow task points at: the DID on Bluesky, `user@host` on Mastodon.
    target: text('target').notNull(),
    // DID, or `<host>:<id>` on Mastodon when known (imports only know the address).
    accountId: text('account_id'),
    handle: text('handle').notNull(),
    instance: text('instance'),
    // signup | import
    source: text('source').notNull(),
    // Free text from the import file (where the operator got the mapping).
    sourceDetail: text('source_detail'),
    userId: bigint('user_id', { mode: 'number' }).references(() => users.id, { onDelete: 'cascade' }),
    trusted: boolean('trusted').notNull(),
    usable: boolean('usable').notNull().default(false),
    usableSince: timestamp('usable_since', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.xId, t.platform] }),
    index('directory_entries_user_idx').on(t.userId),
    index('directory_entries_usable_since_idx').on(t.platform, t.usableSince),
  ],
);

/**
 * Current consents; a user without a row has the defaults (nothing given). History in
 * consent_history. Migration 0007 wrote a row for every user of before, with what they had.
 */
export const userConsents = pgTable('user_consents', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // "People who followed me on X may find and follow me here": NULL until the person answers,
  // read as no (nothing of them is shown to others).
  discoverable: boolean('discoverable'),
  // "Follow automatically on my behalf as my contacts arrive" (opt-in).
  autoFollow: boolean('auto_follow').notNull().default(false),
  // "Also follow back the people who followed me on X" (opt-in, apart from automatic mode).
  followBack: boolean('follow_back').notNull().default(false),
  // "Count me in public statistics" (opt-in).
  publicStats: boolean('public_stats').notNull().default(false),
  // "Carry my X blocks and mutes over to my linked networks" (opt-in, asked once).
  carrySafety: boolean('carry_safety').notNull().default(false),
  // "…with X blocks as mutes (private) rather than blocks (public on Bluesky)".
  blocksAsMutes: boolean('blocks_as_mutes').notNull().default(false),
  // When the matches page's question was answered (either way): it is asked once.
  safetyAskedAt: timestamp('safety_asked_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const consentHistory = pgTable(
  'consent_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    consent: text('consent').notNull(),
    value: boolean('value').notNull(),
    // user (the person, in the web app) | operator (the CLI, on their behalf)
    givenBy: text('given_by').notNull().default('user'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consent_history_user_idx').on(t.userId, t.changedAt)],
);

/** Activation day: a single row (id = 1) when the operator set one. */
export const activationSettings = pgTable('activation_settings', {
  id: smallint('id').primaryKey(),
  activatesAt: timestamp('activates_at', { withTimezone: true }).notNull(),
  releasedAt: timestamp('released_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Email digest state per user. Only the hash of the unsubscribe token is stored. */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: bigint('user_id', { mode: 'number' })
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    digestEnabled: boolean('digest_enabled').notNull().default(true),
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull(),
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('notification_settings_token_idx').on(t.unsubscribeTokenHash)],
);

/** An address given in settings, not yet confirmed (double opt-in). Only the token's hash is stored. */
export const emailConfirmations = pgTable(
  'email_confirmations',
  {
    userId: bigint('user_id', { mode: 'number' })
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_confirmations_token_idx').on(t.tokenHash)],
);

/** Bridgy Fed look-ups: whether a bridged address exists, cached so matching stays offline. */
export const bridgeResolutions = pgTable('bridge_resolutions', {
  address: text('address').primaryKey(),
  exists: boolean('exists').notNull(),
  // The DID of a bridged Bluesky handle; the address itself for a bridged fediverse account.
  resolvedId: text('resolved_id'),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Public profiles of matched accounts (display name, avatar), from the networks' public look-ups
 * (src/profiles), filled in the background and asked again once older than their expiry.
 * `found` false: the network said the account does not exist (cached too).
 */
export const networkProfiles = pgTable(
  'network_profiles',
  {
    platform: text('platform').notNull(),
    target: text('target').notNull(),
    found: boolean('found').notNull(),
    displayName: text('display_name'),
    // Only https URLs from the network's answer are kept.
    avatarUrl: text('avatar_url'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'network_profiles_pk', columns: [t.platform, t.target] })],
);

/** The opt-in public page /@x_username: off until the person turns it on in settings. */
export const publicPages = pgTable('public_pages', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// ─── Web: sessions, pledges, rate limits ──────────────────────────────────────────────────────

/**
 * A browser session. Only the SHA-256 of the random token is stored, so a database leak gives
 * no usable cookie. Revoking a session deletes its row; expiry slides forward on use.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // "Firefox on Windows": what settings shows to tell sessions apart (never the raw User-Agent).
    device: text('device'),
  },
  (t) => [uniqueIndex('sessions_token_hash_idx').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** "I will leave X when N% of the people I follow have moved" (kind percent) or on a date. */
export const pledges = pgTable('pledges', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // percent | date
  kind: text('kind').notNull(),
  percent: smallint('percent'),
  leaveOn: date('leave_on', { mode: 'string' }),
  // Where to write when the pledge is reached; optional.
  email: text('email'),
  reachedAt: timestamp('reached_at', { withTimezone: true }),
  notifiedAt: timestamp('notified_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Fixed-window request counters shared by every web process (key = "<action>:ip:<address>" or
 * "<action>:user:<id>"). Old windows are overwritten in place, so the table stays small.
 */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
});

// ─── Communities (src/communities, migration 0008) ────────────────────────────────────────────

/** A group moving together. Only the hash of the invite token is stored. */
export const communities = pgTable(
  'communities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    inviteTokenHash: text('invite_token_hash').notNull(),
    // The organiser whose Bluesky account holds the list and starter pack; null: none published.
    blueskyUserId: bigint('bluesky_user_id', { mode: 'number' }).references(() => users.id, {
      onDelete: 'set null',
    }),
    blueskyListUri: text('bluesky_list_uri'),
    blueskyStarterPackUri: text('bluesky_starter_pack_uri'),
    blueskySyncedAt: timestamp('bluesky_synced_at', { withTimezone: true }),
    blueskyError: text('bluesky_error'),
    // Membership or listing changed: the network lists are due.
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('communities_slug_idx').on(t.slug),
    uniqueIndex('communities_invite_token_idx').on(t.inviteTokenHash),
  ],
);

export const communityOrganisers = pgTable(
  'community_organisers',
  {
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'community_organisers_pk', columns: [t.communityId, t.userId] }),
    index('community_organisers_user_idx').on(t.userId),
  ],
);

/**
 * A member, as an X id: `invited` (imported, not consented: shown nowhere), `joined`, or `left`.
 * `listed`: may appear in the member list and on the network lists; the rest are the member's asks.
 */
export const communityMembers = pgTable(
  'community_members',
  {
    communityId: bigint('community_id', { mode: 'number' })
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    xId: text('x_id').notNull(),
    state: text('state').notNull().default('invited'),
    // import | invite
    source: text('source').notNull(),
    listed: boolean('listed').notNull().default(false),
    followAll: boolean('follow_all').notNull().default(false),
    mastodonList: boolean('mastodon_list').notNull().default(false),
    mastodonListId: text('mastodon_list_id'),
    mastodonSyncedAt: timestamp('mastodon_synced_at', { withTimezone: true }),
    mastodonError: text('mastodon_error'),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'community_members_pk', columns: [t.communityId, t.xId] }),
    index('community_members_x_id_idx').on(t.xId),
  ],
);

/** One detection of circles over the follow graph between users (src/communities/detect.ts). */
export const circleRuns = pgTable('circle_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  users: integer('users').notNull(),
  edges: integer('edges').notNull(),
  circles: integer('circles').notNull(),
  modularity: doublePrecision('modularity').notNull(),
  durationMs: integer('duration_ms').notNull(),
});

/** The circle each user fell in at the latest run, and how many users followed them on X. */
export const userCircles = pgTable(
  'user_circles',
  {
    userId: bigint('user_id', { mode: 'number' })
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    circle: integer('circle').notNull(),
    followers: integer('followers').notNull(),
  },
  (t) => [index('user_circles_circle_idx').on(t.circle)],
);

// API shapes the SPA's matches and progress pages are built against. The routes themselves
// belong to the directory (matches) and the follow engine (reconnect, progress): they should
// validate and document with these schemas (register them in their OpenAPIHono sub-apps).
//
//   GET  /api/matches?network=&filter=&q=&cursor=&limit=   → MatchesSchema (one page)
//   POST /api/matches/{id}/dismiss|restore  → MatchSchema
//   POST /api/reconnect  ReconnectInput     → { queued: number }
//   PUT  /api/reconnect/auto  AutoModeInput → { enabled: boolean }
//   GET  /api/matches/mastodon.csv          → text/csv (Account address,Show boosts,Notify on new posts,Languages)
//   GET  /api/progress                      → ProgressSchema (the page polls it every 5 s)
//   GET  /api/matches/protected             → ProtectedPeopleSchema (only when the person asks)
//   GET  /api/activation                    → { activation: ActivationSchema | null } (public)
//   DELETE /api/links/{platform}            → 204 (unlink: revoke the token where the API allows, status unlinked)
import { z } from '@hono/zod-openapi';
import { HereSchema } from './here-schema.ts';

export const Network = z.enum(['bluesky', 'mastodon']);

export const ActivationSchema = z
  .object({
    activatesAt: z
      .string()
      .openapi({ format: 'date-time', description: 'The switch-on: automatic follows start then' }),
    releasedAt: z.string().nullable().openapi({ format: 'date-time', description: 'When it happened' }),
    heldFollows: z.number().int().nullable().openapi({
      description: "The signed-in person's follows that start at the switch-on (null without a session)",
    }),
  })
  .openapi('Activation');

export const MatchStatus = z.enum([
  'suggested',
  'queued',
  'done',
  'already_following',
  'requested',
  'declined',
  'held',
  'waiting',
  'needs_reauth',
  'failed',
  'dismissed',
]);

export const MatchSchema = z
  .object({
    id: z.string(),
    xId: z.string(),
    /** Who the person was on X, from their own account (only when they let people find them). */
    xUsername: z.string().nullable(),
    xDisplayName: z.string().nullable(),
    network: Network,
    handle: z.string().openapi({ example: 'alice.bsky.social' }),
    /** Why this account is proposed. */
    reason: z.enum(['you_followed_on_x', 'followed_you_on_x', 'mutual']),
    bridged: z.boolean().openapi({ description: 'Reached through Bridgy Fed' }),
    status: MatchStatus,
    /** Their new profile as the network shows it publicly (cached; null until looked up). */
    profile: z
      .object({
        displayName: z.string().nullable(),
        avatar: z.string().nullable().openapi({ description: 'An https URL, or null' }),
      })
      .nullable(),
  })
  .openapi('Match');

export const MATCHES_PAGE_SIZE = 25;

export const MatchFilter = z.enum(['all', 'followed_you', 'mutuals', 'bridged', 'dismissed']);

export const MatchesQuery = z.object({
  network: Network.optional(),
  filter: MatchFilter.default('all'),
  q: z.string().max(100).optional(),
  /** Where the previous page ended (its nextCursor); the first page without it. */
  cursor: z.string().max(600).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(MATCHES_PAGE_SIZE),
});

/** People blocked or muted on X who are on a network: counts only (names: GET /api/matches/protected). */
export const ProtectedSchema = z
  .object({
    asked: z.boolean().openapi({ description: 'The carry-over question was answered (asked once)' }),
    carry: z.enum(['off', 'block', 'mute']),
    networks: z.array(
      z.object({
        network: Network,
        blocked: z.number().int(),
        muted: z.number().int(),
        carried: z.number().int().openapi({ description: 'Blocked or muted there too' }),
      }),
    ),
  })
  .openapi('Protected');

export const ProtectedPeopleSchema = z
  .object({
    people: z.array(
      z.object({
        network: Network,
        handle: z.string(),
        xUsername: z.string().nullable(),
        onX: z.enum(['blocked', 'muted']),
        carried: z.string().nullable(),
      }),
    ),
  })
  .openapi('ProtectedPeople');

export const MatchesSchema = z
  .object({
    summary: z.object({
      following: z.number().int().openapi({ description: 'Accounts followed on X (from the archive)' }),
      onBluesky: z.number().int(),
      onMastodon: z.number().int(),
      here: z.number().int().openapi({
        description:
          'Followed on X and found on Bluesky or Mastodon (src/directory/here.ts), as on every page',
      }),
      followersHere: z
        .number()
        .int()
        .openapi({ description: 'People who followed the user on X and are here' }),
    }),
    autoMode: z.boolean(),
    activation: ActivationSchema.nullable(),
    /** Matches passing the filters, over all pages. */
    total: z.number().int(),
    items: z.array(MatchSchema),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.string().nullable(),
    protected: ProtectedSchema,
  })
  .openapi('Matches');

export const ReconnectInput = z.object({ network: Network.optional() }).openapi('ReconnectInput');
export const AutoModeInput = z.object({ enabled: z.boolean() }).openapi('AutoModeInput');

export const NetworkProgress = z.object({
  network: Network,
  done: z.number().int(),
  requested: z.number().int().openapi({ description: 'Follow requests waiting for approval' }),
  declined: z.number().int().openapi({ description: 'Follow requests refused' }),
  queued: z.number().int(),
  held: z.number().int().openapi({ description: 'Waiting for the switch-on (activation.activatesAt)' }),
  waiting: z.number().int().openapi({ description: "Held until the platform's limit lifts" }),
  waitingUntil: z.string().nullable().openapi({ format: 'date-time' }),
  needsReauth: z.boolean(),
  estimatedFinish: z
    .string()
    .nullable()
    .openapi({ format: 'date-time', description: 'From the remaining budgets' }),
});

export const ProgressSchema = z
  .object({
    here: HereSchema,
    networks: z.array(NetworkProgress),
    activation: ActivationSchema.nullable(),
    updatedAt: z.string(),
  })
  .openapi('Progress');

export type Match = z.infer<typeof MatchSchema>;
export type Matches = z.infer<typeof MatchesSchema>;
export type Progress = z.infer<typeof ProgressSchema>;
export type ProtectedPeople = z.infer<typeof ProtectedPeopleSchema>;
export type Activation = z.infer<typeof ActivationSchema>;

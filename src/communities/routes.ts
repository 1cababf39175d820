// /api/communities: a community's public page (counts, history), its members for members, joining
// through the invite link (a POST with the token the link carries after `#`), each member's
// choices, and the organisers' tools; /api/circles: the signed-in person's circles.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../web/app-env.ts';
import type { RouteContext } from '../web/context.ts';
import { apiError, CSRF_REJECTED, errorResponse, INVALID_REQUEST, UNAUTHENTICATED } from '../web/errors.ts';
import { requireSession } from '../web/middleware/session.ts';
import { circlesOf, lastCircleRun } from './circles.ts';
import { importMembers, MembersImportError } from './import.ts';
import { MAX_MEMBERS_CSV_CHARS } from './limits.ts';
import { communityCounts, communityHistory, listedMembers } from './stats.ts';
import {
  CommunityError,
  createCommunity,
  findCommunity,
  invitePath,
  isOrganiser,
  joinCommunity,
  leaveCommunity,
  membershipOf,
  requireOrganiser,
  rotateInvite,
  setBlueskyPublisher,
  setPreferences,
} from './store.ts';

const STATUS: Record<string, 400 | 403 | 404 | 409> = {
  COMMUNITY_NOT_FOUND: 404,
  COMMUNITY_SLUG_TAKEN: 409,
  COMMUNITY_INVALID: 400,
  COMMUNITY_NOT_ORGANISER: 403,
  COMMUNITY_NOT_MEMBER: 403,
  COMMUNITY_INVITE_INVALID: 403,
  X_PROOF_REQUIRED: 403,
  NOT_LINKED: 409,
};

const REFUSED = errorResponse('Refused: see the error code (not a member, not an organiser, bad invite…).');
const NOT_FOUND = errorResponse('No such community.');
const Slug = z.object({ slug: z.string().min(1).max(60) });

const Counts = z.object({
  members: z.number().int(),
  joined: z.number().int(),
  onBluesky: z.number().int(),
  onMastodon: z.number().int(),
  pledged: z.number().int(),
});
const Membership = z
  .object({
    state: z.enum(['invited', 'joined', 'left']),
    listed: z.boolean(),
    followAll: z.boolean(),
    mastodonList: z.boolean(),
  })
  .openapi('CommunityMembership');
const Community = z
  .object({
    slug: z.string(),
    name: z.string(),
    counts: Counts,
    me: Membership.nullable(),
    organiser: z.boolean(),
    bluesky: z.object({
      publishing: z.boolean(),
      list: z.string().nullable(),
      starterPack: z.string().nullable(),
    }),
  })
  .openapi('Community');
const History = z
  .object({
    days: z.array(z.string()),
    joined: z.array(z.number().int()),
    bluesky: z.array(z.number().int()),
    mastodon: z.array(z.number().int()),
  })
  .openapi('CommunityHistory');
const Members = z
  .object({
    members: z.array(
      z.object({
        xId: z.string(),
        username: z.string().nullable(),
        bluesky: z.string().nullable(),
        mastodon: z.string().nullable(),
      }),
    ),
  })
  .openapi('CommunityMembers');
const Report = z
  .object({
    rows: z.number().int(),
    accepted: z.number().int(),
    rejected: z.array(
      z.object({
        line: z.number().int(),
        code: z.enum(['FIELD_COUNT', 'X_ID_INVALID', 'X_ID_REPEATED']),
        fields: z.number().int().optional(),
        columns: z.number().int().optional(),
        firstLine: z.number().int().optional(),
        reason: z.string(),
      }),
    ),
    written: z.boolean(),
    invited: z.number().int(),
    alreadyMembers: z.number().int(),
  })
  .openapi('CommunityMembersReport');
const Circles = z
  .object({
    computedAt: z.string().nullable(),
    circles: z.array(
      z.object({ names: z.array(z.string()), size: z.number().int(), moved: z.number().int() }),
    ),
  })
  .openapi('Circles');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

export function communityRoutes(ctx: RouteContext) {
  const app = new OpenAPIHono<AppEnv>();
  const db = ctx.database;
  const userOf = (c: Context<AppEnv>) => c.get('session')?.userId as number;
  app.onError((err, c) => {
    if (err instanceof CommunityError) return apiError(c, STATUS[err.code] ?? 400, err.code, err.message);
    if (err instanceof MembersImportError) return apiError(c, 400, err.code, err.message);
    throw err;
  });

  const view = async (c: Context<AppEnv>, slug: string) => {
    const community = await findCommunity(db, slug);
    const userId = c.get('session')?.userId;
    c.header('Cache-Control', 'no-store');
    return {
      slug: community.slug,
      name: community.name,
      counts: await communityCounts(db, community.id),
      me: userId ? await membershipOf(db, community.id, userId) : null,
      organiser: userId ? await isOrganiser(db, community.id, userId) : false,
      bluesky: {
        publishing: community.blueskyUserId !== null,
        list: community.blueskyListUri,
        starterPack: community.blueskyStarterPackUri,
      },
    };
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/communities',
      tags: ['communities'],
      summary: 'Create a community (signed in with X); I am its organiser',
      middleware: [requireSession()] as const,
      request: body(z.object({ slug: z.string().min(1).max(60), name: z.string().min(1).max(80) })),
      responses: {
        201: json(z.object({ slug: z.string(), invitePath: z.string() }), 'Created'),
        400: INVALID_REQUEST,
        401: UNAUTHENTICATED,
        403: CSRF_REJECTED,
        409: REFUSED,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const [proven] = await db.query('SELECT 1 FROM users WHERE id = $1 AND x_proven_at IS NOT NULL', [
        userOf(c),
      ]);
      if (!proven)
        throw new CommunityError('X_PROOF_REQUIRED', 'Sign in with X before creating a community.');
      const made = await createCommunity(db, { ...input, organiserUserId: userOf(c) });
      return c.json({ slug: made.slug, invitePath: invitePath(made.slug, made.inviteToken) }, 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/communities/{slug}',
      tags: ['communities'],
      summary: 'A community: public counts, and my membership when signed in',
      request: { params: Slug },
      responses: { 200: json(Community, 'The community'), 404: NOT_FOUND },
    }),
    async (c) => c.json(await view(c, c.req.valid('param').slug), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/communities/{slug}/history',
      tags: ['communities'],
      summary: 'Daily cumulative series: members joined, on Bluesky, on Mastodon',
      request: { params: Slug },
      responses: { 200: json(History, 'Series'), 404: NOT_FOUND },
    }),
    async (c) => {
      const community = await findCommunity(db, c.req.valid('param').slug);
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(await communityHistory(db, community.id), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/communities/{slug}/members',
      tags: ['communities'],
      summary: 'The members who agreed to be listed (members only)',
      middleware: [requireSession()] as const,
      request: { params: Slug },
      responses: { 200: json(Members, 'Listed members'), 401: UNAUTHENTICATED, 403: REFUSED, 404: NOT_FOUND },
    }),
    async (c) => {
      const community = await findCommunity(db, c.req.valid('param').slug);
      const me = await membershipOf(db, community.id, userOf(c));
      if (me?.state !== 'joined' && !(await isOrganiser(db, community.id, userOf(c))))
        throw new CommunityError('COMMUNITY_NOT_MEMBER', 'Only members see who else is in the community.');
      c.header('Cache-Control', 'no-store');
      return c.json({ members: await listedMembers(db, community.id) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/communities/{slug}/join',
      tags: ['communities'],
      summary: 'Join (the invite link’s token, or none when an organiser invited me)',
      middleware: [requireSession()] as const,
      request: {
        params: Slug,
        ...body(z.object({ token: z.string().max(100).optional(), listed: z.boolean().optional() })),
      },
      responses: {
        200: json(Community, 'Joined'),
        401: UNAUTHENTICATED,
        403: REFUSED,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      await joinCommunity(db, slug, userOf(c), c.req.valid('json'));
      return c.json(await view(c, slug), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/communities/{slug}/leave',
      tags: ['communities'],
      summary: 'Leave: every consent given to this community is withdrawn',
      middleware: [requireSession()] as const,
      request: { params: Slug },
      responses: { 200: json(Community, 'Left'), 401: UNAUTHENTICATED, 403: REFUSED, 404: NOT_FOUND },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      await leaveCommunity(db, slug, userOf(c));
      return c.json(await view(c, slug), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/communities/{slug}/me',
      tags: ['communities'],
      summary: 'My choices: listed, follow all members, a Mastodon list of the members',
      middleware: [requireSession()] as const,
      request: {
        params: Slug,
        ...body(
          z.object({
            listed: z.boolean().optional(),
            followAll: z.boolean().optional(),
            mastodonList: z.boolean().optional(),
          }),
        ),
      },
      responses: {
        200: json(Community.extend({ planned: z.number().int() }), 'Saved'),
        401: UNAUTHENTICATED,
        403: REFUSED,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const saved = await setPreferences(db, slug, userOf(c), c.req.valid('json'));
      return c.json({ ...(await view(c, slug)), planned: saved.planned }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/communities/{slug}/members',
      tags: ['communities'],
      summary: 'Organisers: invite members from a CSV with an x_id column (row report)',
      middleware: [requireSession()] as const,
      request: {
        params: Slug,
        ...body(
          z.object({
            csv: z.string().min(1).max(MAX_MEMBERS_CSV_CHARS),
            skipInvalid: z.boolean().optional(),
          }),
        ),
      },
      responses: {
        200: json(Report, 'The report; nothing written when a row was rejected without skipInvalid'),
        400: INVALID_REQUEST,
        401: UNAUTHENTICATED,
        403: REFUSED,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const community = await findCommunity(db, c.req.valid('param').slug);
      await requireOrganiser(db, community.id, userOf(c));
      const input = c.req.valid('json');
      return c.json(
        await importMembers(db, community.id, input.csv, { skipInvalid: input.skipInvalid }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/communities/{slug}/invite',
      tags: ['communities'],
      summary: 'Organisers: a new invite link (the previous one stops working)',
      middleware: [requireSession()] as const,
      request: { params: Slug },
      responses: {
        200: json(z.object({ invitePath: z.string() }), 'The new link'),
        401: UNAUTHENTICATED,
        403: REFUSED,
        404: NOT_FOUND,
      },
    }),
    async (c) => {
      const community = await findCommunity(db, c.req.valid('param').slug);
      await requireOrganiser(db, community.id, userOf(c));
      c.header('Cache-Control', 'no-store');
      return c.json({ invitePath: invitePath(community.slug, await rotateInvite(db, community.id)) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/communities/{slug}/bluesky',
      tags: ['communities'],
      summary: 'Organisers: publish the list and starter pack from my Bluesky account (or stop)',
      middleware: [requireSession()] as const,
      request: { params: Slug, ...body(z.object({ enabled: z.boolean() })) },
      responses: {
        200: json(Community, 'Saved'),
        401: UNAUTHENTICATED,
        403: REFUSED,
        404: NOT_FOUND,
        409: REFUSED,
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const community = await findCommunity(db, slug);
      await requireOrganiser(db, community.id, userOf(c));
      const { enabled } = c.req.valid('json');
      if (enabled) {
        const linked = await db.query(
          `SELECT 1 FROM linked_accounts WHERE user_id = $1 AND platform = 'bluesky' AND status = 'active'`,
          [userOf(c)],
        );
        if (linked.length === 0) return apiError(c, 409, 'NOT_LINKED', 'Link your Bluesky account first.');
      }
      if (enabled || community.blueskyUserId === userOf(c))
        await setBlueskyPublisher(db, community.id, enabled ? userOf(c) : null);
      return c.json(await view(c, slug), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/circles',
      tags: ['communities'],
      summary: 'My circles: the clusters of my X network, with the share already moved',
      middleware: [requireSession()] as const,
      responses: { 200: json(Circles, 'My circles'), 401: UNAUTHENTICATED },
    }),
    async (c) => {
      const at = await lastCircleRun(db);
      c.header('Cache-Control', 'no-store');
      return c.json({ computedAt: at?.toISOString() ?? null, circles: await circlesOf(db, userOf(c)) }, 200);
    },
  );
  return app;
}
